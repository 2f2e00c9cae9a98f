<?xml version="1.0" encoding="UTF-8"?>
<!--
  The pages of a corpus site beside the faceted index (xslt/index.xsl): the
  list of participants, the page of one participant, the search page.

  Input (built by tei_corpus.editions.site_pages):
    <page kind="people|person|search" site="Corpus title" title="Page title"
          root="../" index="index.html" search="search.html"
          participants="participants.html" script="site.js" data="search-index.js">
  people: <person key href role turns words documents>Name</person>...
  person: @key @role @turns @words @documents;
          <first href date>Title</first> <last href date>Title</last>,
          <doc href id date turns words>Title <u id="u3" start="12.5"/>...</doc>...
  search: nothing more; the script builds the results from the index (data).
  root is the way from the page to the site's top folder. No parameters.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="common/html-style.xsl"/>
  <xsl:import href="common/site-style.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:variable name="root" select="/page/@root"/>

  <xsl:template match="/">
    <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;</xsl:text>
    <html lang="en">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="tei-corpus"/>
        <title><xsl:value-of select="concat(/page/@title, ' · ', /page/@site)"/></title>
        <style><xsl:call-template name="css"/><xsl:call-template name="site-css"/></style>
        <xsl:if test="/page/@kind = 'search'">
          <script src="{$root}{/page/@data}" defer="defer"></script>
          <script src="{$root}{/page/@script}" defer="defer"></script>
        </xsl:if>
      </head>
      <body>
        <a class="skip" href="#main">Skip to the content</a>
        <header class="doc-header">
          <p class="crumbs"><a href="{$root}{/page/@index}"><xsl:value-of select="/page/@site"/></a></p>
          <p class="kicker">
            <xsl:choose>
              <xsl:when test="/page/@kind = 'person'">Participant</xsl:when>
              <xsl:otherwise>Transcript editions</xsl:otherwise>
            </xsl:choose>
          </p>
          <h1><xsl:value-of select="/page/@title"/></h1>
          <xsl:apply-templates select="/page" mode="header"/>
        </header>
        <nav class="toc site-nav" aria-label="Site">
          <ul>
            <li><a href="{$root}{/page/@index}">Documents</a></li>
            <li><xsl:call-template name="nav-link"><xsl:with-param name="kind" select="'people'"/><xsl:with-param name="href" select="/page/@participants"/><xsl:with-param name="text" select="'Participants'"/></xsl:call-template></li>
            <li><xsl:call-template name="nav-link"><xsl:with-param name="kind" select="'search'"/><xsl:with-param name="href" select="/page/@search"/><xsl:with-param name="text" select="'Search'"/></xsl:call-template></li>
          </ul>
        </nav>
        <main id="main">
          <xsl:apply-templates select="/page" mode="main"/>
        </main>
        <footer class="doc-footer"><p>Editions generated from TEI P5.</p></footer>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="nav-link">
    <xsl:param name="kind"/>
    <xsl:param name="href"/>
    <xsl:param name="text"/>
    <a href="{$root}{$href}">
      <xsl:if test="/page/@kind = $kind"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
      <xsl:value-of select="$text"/>
    </a>
  </xsl:template>

  <xsl:template match="page" mode="header"/>

  <!-- ========================= participants ========================= -->

  <xsl:template match="page[@kind = 'people']" mode="header">
    <dl class="meta"><dt>Participants</dt><dd><xsl:value-of select="count(person)"/></dd></dl>
  </xsl:template>

  <xsl:template match="page[@kind = 'people']" mode="main">
    <h2 id="people-h">Participants</h2>
    <ul class="index-list" aria-labelledby="people-h">
      <xsl:for-each select="person">
        <li data-key="{@key}">
          <a class="doc-title" href="{@href}"><xsl:value-of select="."/></a>
          <span class="doc-meta">
            <xsl:if test="@role != ''"><xsl:value-of select="@role"/><xsl:text> · </xsl:text></xsl:if>
            <xsl:call-template name="totals"/>
          </span>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <xsl:template name="totals">
    <xsl:value-of select="@documents"/><xsl:text> document</xsl:text><xsl:if test="@documents != 1">s</xsl:if>
    <xsl:text> · </xsl:text><xsl:value-of select="@turns"/><xsl:text> turn</xsl:text><xsl:if test="@turns != 1">s</xsl:if>
    <xsl:text> · </xsl:text><xsl:value-of select="@words"/><xsl:text> word</xsl:text><xsl:if test="@words != 1">s</xsl:if>
  </xsl:template>

  <!-- ========================== a participant ========================== -->

  <xsl:template match="page[@kind = 'person']" mode="header">
    <dl class="meta">
      <xsl:if test="@role != ''"><dt>Role</dt><dd><xsl:value-of select="@role"/></dd></xsl:if>
      <dt>Turns</dt><dd data-count="turns"><xsl:value-of select="@turns"/></dd>
      <dt>Words</dt><dd data-count="words"><xsl:value-of select="@words"/></dd>
      <dt>Documents</dt><dd data-count="documents"><xsl:value-of select="@documents"/></dd>
      <dt>First appearance</dt><dd><xsl:apply-templates select="first"/></dd>
      <dt>Last appearance</dt><dd><xsl:apply-templates select="last"/></dd>
    </dl>
  </xsl:template>

  <xsl:template match="first | last">
    <a href="{@href}"><xsl:value-of select="."/></a>
    <xsl:if test="@date != ''"><xsl:value-of select="concat(' (', @date, ')')"/></xsl:if>
  </xsl:template>

  <xsl:template match="page[@kind = 'person']" mode="main">
    <h2 id="docs-h">Documents</h2>
    <ul class="index-list" aria-labelledby="docs-h">
      <xsl:for-each select="doc">
        <li data-doc="{@id}" data-turns="{@turns}" data-words="{@words}">
          <a class="doc-title" href="{@href}"><xsl:value-of select="normalize-space(text())"/></a>
          <span class="doc-meta">
            <xsl:if test="@date != ''"><xsl:value-of select="@date"/><xsl:text> · </xsl:text></xsl:if>
            <xsl:value-of select="@turns"/><xsl:text> turn</xsl:text><xsl:if test="@turns != 1">s</xsl:if>
            <xsl:text> · </xsl:text><xsl:value-of select="@words"/><xsl:text> word</xsl:text><xsl:if test="@words != 1">s</xsl:if>
          </span>
          <p class="turn-links">
            <xsl:text>Turns: </xsl:text>
            <xsl:for-each select="u">
              <a href="{../@href}#{@id}"><xsl:value-of select="@id"/></a>
              <xsl:text> </xsl:text>
            </xsl:for-each>
          </p>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- ============================ search ============================ -->

  <xsl:template match="page[@kind = 'search']" mode="main">
    <form class="search-form" id="search" role="search" action="{/page/@search}" method="get">
      <div class="row">
        <div class="field wide">
          <label for="q">Words or a phrase (a * ends a word's beginning: <code>interpret*</code>)</label>
          <input id="q" name="q" type="search" autocomplete="off"/>
        </div>
      </div>
      <div class="row">
        <div class="field"><label for="f-speaker">Speaker</label><select id="f-speaker" name="speaker"><option value="">Any speaker</option></select></div>
        <div class="field"><label for="f-role">Role</label><select id="f-role" name="role"><option value="">Any role</option></select></div>
        <div class="field"><label for="f-doc">Document</label><select id="f-doc" name="doc"><option value="">Any document</option></select></div>
      </div>
      <div class="row">
        <div class="field"><label for="f-from">From date</label><input id="f-from" name="from" type="date"/></div>
        <div class="field"><label for="f-to">To date</label><input id="f-to" name="to" type="date"/></div>
      </div>
      <fieldset class="row">
        <legend>Turns that are</legend>
        <div class="states">
          <label><input type="checkbox" name="state" value="truncated"/> interrupted (cut off)</label>
          <label><input type="checkbox" name="state" value="interrupting"/> interrupting</label>
          <label><input type="checkbox" name="state" value="interpreted"/> interpreted</label>
          <label><input type="checkbox" name="state" value="overlap"/> overlapping</label>
        </div>
      </fieldset>
      <div class="row"><button type="submit">Search</button></div>
    </form>
    <noscript><p class="muted">The search runs in the page and needs JavaScript. The <a href="{$root}{/page/@index}">index</a> lists every document.</p></noscript>
    <h2 id="hits-h">Results</h2>
    <p class="shown" id="status" role="status" aria-live="polite"></p>
    <ol class="hits" id="hits" aria-labelledby="hits-h"></ol>
    <p><button class="more" id="more" type="button" hidden="hidden">Show more</button></p>
  </xsl:template>

</xsl:stylesheet>
