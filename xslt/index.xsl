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
  In a corpus site (tei_corpus.editions.site_pages) the index also says
  search="search.html" participants="participants.html" script="site.js",
  each doc has one attribute per facet (f-date="2025" f-speaker="blinken cho"
  ...: space-separated keys), and the facets follow the entries:
      <facet name="speaker" label="Speaker"><value key="blinken" count="3">Antony J. Blinken</value>...</facet>
  The page then links the site's pages, shows the facets with the number of
  documents of each value, and site.js filters the list (without it, every
  document is listed).
  A doc is a document with an edition; a failed entry is a source that could
  not be built, with the first error that stopped it; a skipped entry is a file
  of the source folder that was not taken, with the reason (each kind listed
  apart, in order).
  Parameters: see xslt/README.md.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="common/html-style.xsl"/>
  <xsl:import href="common/site-style.xsl"/>

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
        <style><xsl:call-template name="css"/><xsl:if test="/index/@search"><xsl:call-template name="site-css"/></xsl:if></style>
        <xsl:if test="/index/@script"><script src="{/index/@script}" defer="defer"></script></xsl:if>
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
          <xsl:if test="/index/@search">
            <form class="quick-search" role="search" action="{/index/@search}" method="get">
              <label for="quick-q">Search the transcripts</label>
              <input id="quick-q" name="q" type="search"/>
              <button type="submit">Search</button>
            </form>
          </xsl:if>
        </header>
        <xsl:if test="/index/@search">
          <nav class="toc site-nav" aria-label="Site">
            <ul>
              <li><a href="#main" aria-current="page">Documents</a></li>
              <li><a href="{/index/@participants}">Participants</a></li>
              <li><a href="{/index/@search}">Search</a></li>
            </ul>
          </nav>
        </xsl:if>
        <main id="main">
          <xsl:apply-templates select="/index[facet]" mode="facets"/>
          <h2 id="documents-h">Documents</h2>
          <xsl:if test="/index/facet"><p class="shown" id="shown" role="status" aria-live="polite"><xsl:value-of select="count(/index/doc)"/> documents</p></xsl:if>
          <ul class="index-list" id="docs" aria-labelledby="documents-h">
            <xsl:for-each select="/index/doc">
              <li>
                <xsl:for-each select="@*[starts-with(name(), 'f-')]">
                  <xsl:attribute name="data-{name()}"><xsl:value-of select="."/></xsl:attribute>
                </xsl:for-each>
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

  <!-- The facets: one group per facet, each value with the number of documents
       that have it (a long list starts closed). -->
  <xsl:template match="index" mode="facets">
    <form class="facets" id="facets" aria-labelledby="facets-h">
      <h2 id="facets-h">Filter the documents</h2>
      <noscript><p class="muted">Filtering needs JavaScript; every document is listed below.</p></noscript>
      <xsl:for-each select="facet[value]">
        <details class="facet">
          <xsl:if test="count(value) &lt;= 8"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
          <summary><xsl:value-of select="@label"/> <span class="count"> (<xsl:value-of select="count(value)"/>)</span></summary>
          <fieldset aria-label="{@label}">
            <ul>
              <xsl:for-each select="value">
                <li data-facet="{../@name}" data-key="{@key}">
                  <label>
                    <input type="checkbox" name="{../@name}" value="{@key}"/>
                    <span class="facet-label"><xsl:value-of select="."/></span>
                    <span class="count" data-count="{@count}">(<xsl:value-of select="@count"/>)</span>
                  </label>
                </li>
              </xsl:for-each>
            </ul>
          </fieldset>
        </details>
      </xsl:for-each>
      <p><button type="reset">Show every document</button></p>
    </form>
  </xsl:template>

</xsl:stylesheet>
