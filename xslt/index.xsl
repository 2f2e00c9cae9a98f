<?xml version="1.0" encoding="UTF-8"?>
<!--
  Corpus index page: links to the HTML edition of every document.

  Input (built by tei_corpus.editions.render_index, or by hand):
    <index title="...">
      <doc href="a.html" id="a" lang="en" date="2025-01-06" utterances="87"
           source="https://...">Title of A</doc>
      ...
      <failed source="raw/b.txt">raw/b.txt:1:1: error: binary file [binary]</failed>
      ...
      <skipped source="raw/notes.doc">not taken: its suffix '.doc' is not one ...</skipped>
      ...
    </index>
  A doc is a document with an edition; a failed entry is a source that could
  not be built, with the first error that stopped it; a skipped entry is a file
  of the source folder that was not taken, with the reason (each kind listed
  apart, in order).
  Parameters: see xslt/README.md.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="common/html-style.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:param name="title" select="''"/>

  <xsl:variable name="page-title">
    <xsl:choose>
      <xsl:when test="normalize-space($title)"><xsl:value-of select="normalize-space($title)"/></xsl:when>
      <xsl:when test="normalize-space(/index/@title)"><xsl:value-of select="normalize-space(/index/@title)"/></xsl:when>
      <xsl:otherwise>Corpus index</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/">
    <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;</xsl:text>
    <html lang="en">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="tei-corpus"/>
        <title><xsl:value-of select="$page-title"/></title>
        <style><xsl:call-template name="css"/></style>
      </head>
      <body>
        <a class="skip" href="#main">Skip to the list</a>
        <header class="doc-header">
          <p class="kicker">Transcript editions</p>
          <h1><xsl:value-of select="$page-title"/></h1>
          <dl class="meta">
            <dt>Documents</dt><dd><xsl:value-of select="count(/index/doc)"/></dd>
            <xsl:if test="/index/failed">
              <dt>Not built</dt><dd><a href="#failed-h"><xsl:value-of select="count(/index/failed)"/></a></dd>
            </xsl:if>
            <xsl:if test="/index/skipped">
              <dt>Not taken</dt><dd><a href="#skipped-h"><xsl:value-of select="count(/index/skipped)"/></a></dd>
            </xsl:if>
            <xsl:if test="/index/doc/@utterances">
              <dt>Utterances</dt><dd><xsl:value-of select="sum(/index/doc/@utterances[number(.) = number(.)])"/></dd>
            </xsl:if>
          </dl>
        </header>
        <main id="main">
          <h2 id="documents-h">Documents</h2>
          <ul class="index-list" aria-labelledby="documents-h">
            <xsl:for-each select="/index/doc">
              <li>
                <a class="doc-title" href="{@href}">
                  <xsl:if test="@lang"><xsl:attribute name="lang"><xsl:value-of select="@lang"/></xsl:attribute></xsl:if>
                  <xsl:choose>
                    <xsl:when test="normalize-space(.)"><xsl:value-of select="normalize-space(.)"/></xsl:when>
                    <xsl:otherwise><xsl:value-of select="@href"/></xsl:otherwise>
                  </xsl:choose>
                </a>
                <span class="doc-meta">
                  <xsl:if test="@date"><xsl:value-of select="@date"/><xsl:text> · </xsl:text></xsl:if>
                  <xsl:if test="@utterances"><xsl:value-of select="@utterances"/><xsl:text> utterances · </xsl:text></xsl:if>
                  <code><xsl:value-of select="@id"/></code>
                </span>
              </li>
            </xsl:for-each>
          </ul>
          <xsl:if test="/index/failed">
            <h2 id="failed-h">Not built (<xsl:value-of select="count(/index/failed)"/>)</h2>
            <ul class="index-list failed" aria-labelledby="failed-h">
              <xsl:for-each select="/index/failed">
                <li>
                  <code><xsl:value-of select="@source"/></code>
                  <span class="doc-meta"><xsl:value-of select="normalize-space(.)"/></span>
                </li>
              </xsl:for-each>
            </ul>
          </xsl:if>
          <xsl:if test="/index/skipped">
            <h2 id="skipped-h">Not taken (<xsl:value-of select="count(/index/skipped)"/>)</h2>
            <ul class="index-list failed" aria-labelledby="skipped-h">
              <xsl:for-each select="/index/skipped">
                <li>
                  <code><xsl:value-of select="@source"/></code>
                  <span class="doc-meta"><xsl:value-of select="normalize-space(.)"/></span>
                </li>
              </xsl:for-each>
            </ul>
          </xsl:if>
        </main>
        <footer class="doc-footer"><p>Editions generated from TEI P5.</p></footer>
      </body>
    </html>
  </xsl:template>

</xsl:stylesheet>
