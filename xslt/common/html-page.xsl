<?xml version="1.0" encoding="UTF-8"?>
<!--
  The page around the text: head, banner with title and source, navigation,
  participant list, front and back matter, footer.
  Parameters used here: $index, $boilerplate, $lang, $doc (see xslt/README.md).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="tei exsl">

  <xsl:variable name="header" select="(/tei:TEI/tei:teiHeader | /tei:teiCorpus/tei:teiHeader)[1]"/>
  <xsl:variable name="texts" select="//tei:text[not(ancestor::tei:text)]"/>
  <xsl:variable name="utterances" select="$texts//tei:u | $texts//tei:sp"/>
  <xsl:variable name="people"
      select="//tei:listPerson//tei:person[not(ancestor::tei:person)] | //tei:listPerson//tei:personGrp"/>
  <!-- The first utterance of each distinct @who value that names no one listed,
       in document order, as entries of common/speakers.xsl ($who-firsts). -->
  <xsl:variable name="unlisted-rtf">
    <xsl:for-each select="$who-firsts">
      <xsl:sort select="@n" data-type="number"/>
      <xsl:variable name="entry" select="."/>
      <xsl:for-each select="$source-root">
        <xsl:if test="not(key('id', substring-after(substring-before(concat($entry/@k, ' '), ' '), '#'))[self::tei:person or self::tei:personGrp])">
          <xsl:copy-of select="$entry"/>
        </xsl:if>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="unlisted-speakers" select="exsl:node-set($unlisted-rtf)/*"/>
  <xsl:variable name="doc-lang">
    <xsl:choose>
      <xsl:when test="/*/@xml:lang"><xsl:value-of select="/*/@xml:lang"/></xsl:when>
      <xsl:when test="$texts[1]/@xml:lang"><xsl:value-of select="$texts[1]/@xml:lang"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$lang"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="title"><xsl:call-template name="doc-title"/></xsl:variable>
  <xsl:variable name="doc-id"><xsl:call-template name="doc-id"><xsl:with-param name="given" select="$doc"/></xsl:call-template></xsl:variable>

  <xsl:template name="page">
    <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;</xsl:text>
    <html lang="en">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="tei-corpus"/>
        <xsl:if test="$doc-id != ''">
          <meta name="dc.identifier" content="{$doc-id}"/>
        </xsl:if>
        <title><xsl:value-of select="$title"/></title>
        <style><xsl:call-template name="css"/></style>
      </head>
      <body>
        <a class="skip" href="#main">Skip to the text</a>
        <header class="doc-header">
          <xsl:if test="$index != ''">
            <p class="crumbs"><a href="{$index}">Corpus index</a></p>
          </xsl:if>
          <p class="kicker">Transcript edition</p>
          <h1 lang="{$doc-lang}"><xsl:value-of select="$title"/></h1>
          <xsl:call-template name="doc-meta"/>
        </header>
        <xsl:call-template name="nav"/>
        <xsl:call-template name="player"/>
        <main id="main">
          <xsl:call-template name="participants"/>
          <xsl:for-each select="$texts">
            <xsl:call-template name="text-sections"/>
          </xsl:for-each>
        </main>
        <footer class="doc-footer">
          <p>
            <xsl:text>Edition generated from TEI P5</xsl:text>
            <xsl:if test="$doc-id != ''">
              <xsl:text> (document </xsl:text><code><xsl:value-of select="$doc-id"/></code><xsl:text>)</xsl:text>
            </xsl:if>
            <xsl:text>. Cite an utterance by its anchor, e.g. </xsl:text>
            <xsl:choose>
              <xsl:when test="$utterances">
                <xsl:variable name="first"><xsl:call-template name="u-html-id"><xsl:with-param name="node" select="$utterances[1]"/></xsl:call-template></xsl:variable>
                <a href="#{$first}"><code>#<xsl:value-of select="$first"/></code></a>
              </xsl:when>
              <xsl:otherwise><code>#u12</code></xsl:otherwise>
            </xsl:choose>
            <xsl:text>.</xsl:text>
          </p>
        </footer>
        <xsl:call-template name="player-script"/>
        <xsl:call-template name="tools-script"/>
      </body>
    </html>
  </xsl:template>

  <!-- Source, date, language, licence: whatever the header has. -->
  <xsl:template name="doc-meta">
    <xsl:variable name="bibl" select="$header/tei:fileDesc/tei:sourceDesc//tei:bibl[1]"/>
    <xsl:variable name="uri" select="($bibl/tei:idno[@type='URI'] | $bibl/tei:ref/@target | $bibl/tei:ptr/@target)[1]"/>
    <xsl:variable name="subtitles" select="$header/tei:fileDesc/tei:titleStmt/tei:title[@type='sub'][not(@xml:lang) or @xml:lang = $doc-lang]"/>
    <xsl:variable name="date" select="($bibl/tei:date[normalize-space() or @when][1]
        | $header/tei:profileDesc/tei:settingDesc//tei:date[not($bibl/tei:date[normalize-space() or @when])][1]
        | $header/tei:fileDesc/tei:publicationStmt/tei:date[not($bibl/tei:date[normalize-space() or @when] or $header/tei:profileDesc/tei:settingDesc//tei:date)])[1]"/>
    <xsl:variable name="licence" select="$header/tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence[1]"/>
    <xsl:if test="$subtitles">
      <p class="subtitle" lang="{$doc-lang}"><xsl:value-of select="normalize-space($subtitles[1])"/></p>
    </xsl:if>
    <dl class="meta">
      <xsl:if test="$bibl and (normalize-space($uri) or normalize-space($bibl) != $title)">
        <dt>Source</dt>
        <dd>
          <xsl:variable name="src-title" select="normalize-space(($bibl/tei:title)[1])"/>
          <xsl:choose>
            <xsl:when test="starts-with(normalize-space($uri), 'http://') or starts-with(normalize-space($uri), 'https://')">
              <a class="source-link" href="{normalize-space($uri)}">
                <xsl:choose>
                  <xsl:when test="$src-title != ''"><xsl:value-of select="$src-title"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="normalize-space($uri)"/></xsl:otherwise>
                </xsl:choose>
              </a>
              <xsl:if test="$src-title != ''">
                <span class="uri"><xsl:value-of select="normalize-space($uri)"/></span>
              </xsl:if>
            </xsl:when>
            <xsl:when test="$src-title != ''"><xsl:value-of select="$src-title"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="normalize-space($bibl)"/></xsl:otherwise>
          </xsl:choose>
        </dd>
      </xsl:if>
      <xsl:if test="normalize-space($date) or $date/@when">
        <dt>Date</dt>
        <dd>
          <xsl:choose>
            <xsl:when test="$date/@when"><time datetime="{$date/@when}"><xsl:value-of select="normalize-space(concat($date, substring($date/@when, 1, 10 * number(not(normalize-space($date))))))"/></time></xsl:when>
            <xsl:otherwise><xsl:value-of select="normalize-space($date)"/></xsl:otherwise>
          </xsl:choose>
        </dd>
      </xsl:if>
      <xsl:if test="$header/tei:profileDesc/tei:langUsage/tei:language">
        <dt>Languages</dt>
        <dd>
          <xsl:for-each select="$header/tei:profileDesc/tei:langUsage/tei:language">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <xsl:choose>
              <xsl:when test="normalize-space(.)"><xsl:value-of select="normalize-space(.)"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="@ident"/></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </dd>
      </xsl:if>
      <xsl:if test="$licence">
        <dt>Licence</dt>
        <dd>
          <xsl:variable name="lt" select="normalize-space(($licence/@target | $licence)[normalize-space()][1])"/>
          <xsl:choose>
            <xsl:when test="starts-with($lt, 'http://') or starts-with($lt, 'https://')"><a href="{$lt}"><xsl:value-of select="$lt"/></a></xsl:when>
            <xsl:otherwise><xsl:value-of select="$lt"/></xsl:otherwise>
          </xsl:choose>
        </dd>
      </xsl:if>
      <xsl:if test="$utterances">
        <dt>Utterances</dt>
        <dd><xsl:value-of select="count($utterances)"/></dd>
      </xsl:if>
    </dl>
  </xsl:template>

  <xsl:template name="nav">
    <nav class="toc" aria-label="Sections">
      <ul>
        <xsl:if test="$people or $unlisted-speakers">
          <li><a href="#participants">Participants</a></li>
        </xsl:if>
        <xsl:for-each select="$texts">
          <xsl:variable name="n"><xsl:call-template name="text-suffix"/></xsl:variable>
          <xsl:if test="tei:front"><li><a href="#front-matter{$n}">Front matter</a></li></xsl:if>
          <xsl:if test="tei:body | tei:group"><li><a href="#transcript{$n}"><xsl:call-template name="body-name"/></a></li></xsl:if>
          <xsl:if test="tei:back"><li><a href="#back-matter{$n}">Back matter</a></li></xsl:if>
        </xsl:for-each>
      </ul>
    </nav>
  </xsl:template>

  <!-- "-N" for the Nth top-level text when there are several; called inside a
       for-each over $texts, whose position is N (counting the texts before
       would walk the whole document for each). -->
  <xsl:template name="text-suffix">
    <xsl:param name="i" select="position()"/>
    <xsl:if test="$i &gt; 1">-<xsl:value-of select="$i"/></xsl:if>
  </xsl:template>

  <xsl:template name="body-name">
    <xsl:choose>
      <xsl:when test="descendant::tei:u or descendant::tei:sp">Transcript</xsl:when>
      <xsl:otherwise>Text</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ========================= participants ========================= -->

  <xsl:template name="participants">
    <xsl:if test="$people or $unlisted-speakers">
      <section id="participants" class="participants" aria-labelledby="participants-h">
        <h2 id="participants-h">Participants</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr><th scope="col">Name</th><th scope="col">Part</th><th scope="col">Role and affiliation</th><th scope="col">Turns</th></tr>
            </thead>
            <tbody>
              <xsl:for-each select="$people">
                <xsl:variable name="id" select="@xml:id"/>
                <xsl:variable name="turns" select="key('u-by-who', concat('#', $id))"/>
                <tr>
                  <xsl:if test="$id">
                    <xsl:attribute name="id">participant-<xsl:value-of select="translate($id, ' ', '_')"/></xsl:attribute>
                  </xsl:if>
                  <th scope="row">
                    <xsl:variable name="name"><xsl:call-template name="name-of"><xsl:with-param name="id" select="$id"/></xsl:call-template></xsl:variable>
                    <xsl:choose>
                      <xsl:when test="$name != ''"><xsl:value-of select="$name"/></xsl:when>
                      <xsl:when test="normalize-space(.)"><xsl:value-of select="normalize-space(.)"/></xsl:when>
                      <xsl:otherwise><xsl:value-of select="$id"/></xsl:otherwise>
                    </xsl:choose>
                    <xsl:if test="self::tei:personGrp"><xsl:text> </xsl:text><span class="grp">(group)</span></xsl:if>
                    <xsl:for-each select="tei:idno[starts-with(normalize-space(.), 'http')][1]">
                      <xsl:text> </xsl:text><a class="idno" href="{normalize-space(.)}">id</a>
                    </xsl:for-each>
                  </th>
                  <td><xsl:value-of select="@role"/></td>
                  <td>
                    <xsl:for-each select="tei:affiliation | tei:roleName | tei:occupation">
                      <xsl:if test="position() &gt; 1">; </xsl:if>
                      <xsl:value-of select="normalize-space(.)"/>
                      <xsl:if test="@role and not(normalize-space(.))"><xsl:value-of select="@role"/></xsl:if>
                    </xsl:for-each>
                  </td>
                  <td class="num">
                    <xsl:choose>
                      <xsl:when test="$turns">
                        <xsl:variable name="first"><xsl:call-template name="u-html-id"><xsl:with-param name="node" select="$turns[1]"/></xsl:call-template></xsl:variable>
                        <a href="#{$first}" title="First turn"><xsl:value-of select="count($turns)"/></a>
                      </xsl:when>
                      <xsl:otherwise>0</xsl:otherwise>
                    </xsl:choose>
                  </td>
                </tr>
              </xsl:for-each>
              <xsl:for-each select="$unlisted-speakers">
                <xsl:variable name="g" select="@g"/>
                <!-- Back to the source document, where the keys find the turn. -->
                <xsl:for-each select="$source-root">
                  <xsl:for-each select="key('turn-by-gid', $g)">
                    <xsl:variable name="who" select="normalize-space(@who)"/>
                    <xsl:variable name="turns" select="key('u-by-who', $who)"/>
                    <xsl:variable name="first"><xsl:call-template name="u-html-id"/></xsl:variable>
                    <xsl:variable name="label"><xsl:call-template name="label-of"/></xsl:variable>
                    <tr class="unlisted">
                      <xsl:if test="not(contains($who, ' '))">
                        <xsl:attribute name="id">participant-<xsl:value-of select="translate(substring-after($who, '#'), ' ', '_')"/></xsl:attribute>
                      </xsl:if>
                      <th scope="row">
                        <xsl:choose>
                          <xsl:when test="$label != ''"><xsl:value-of select="$label"/></xsl:when>
                          <xsl:otherwise><xsl:value-of select="translate($who, '#', '')"/></xsl:otherwise>
                        </xsl:choose>
                      </th>
                      <td></td>
                      <td><span class="muted">not in the header: <code><xsl:value-of select="$who"/></code></span></td>
                      <td class="num"><a href="#{$first}" title="First turn"><xsl:value-of select="count($turns)"/></a></td>
                    </tr>
                  </xsl:for-each>
                </xsl:for-each>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- ===================== front, body, back ===================== -->

  <xsl:template name="text-sections">
    <xsl:variable name="n"><xsl:call-template name="text-suffix"/></xsl:variable>
    <xsl:variable name="text-lang">
      <xsl:choose>
        <xsl:when test="ancestor-or-self::*[@xml:lang]"><xsl:value-of select="ancestor-or-self::*[@xml:lang][1]/@xml:lang"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$doc-lang"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:for-each select="tei:front">
      <xsl:call-template name="matter">
        <xsl:with-param name="id" select="concat('front-matter', $n)"/>
        <xsl:with-param name="heading" select="'Front matter'"/>
        <xsl:with-param name="lang" select="$text-lang"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:for-each select="tei:body | tei:group">
      <section id="transcript{$n}" class="body" lang="{$text-lang}" aria-labelledby="transcript{$n}-h">
        <h2 id="transcript{$n}-h" lang="en">
          <xsl:call-template name="body-name"/>
          <xsl:if test="count($texts) &gt; 1">
            <xsl:text> </xsl:text><xsl:value-of select="substring-after($n, '-')"/>
          </xsl:if>
        </h2>
        <xsl:call-template name="contents"><xsl:with-param name="n" select="$n"/></xsl:call-template>
        <xsl:if test="$n = ''"><xsl:call-template name="tools"/></xsl:if>
        <xsl:apply-templates/>
      </section>
    </xsl:for-each>
    <xsl:for-each select="tei:back">
      <xsl:call-template name="matter">
        <xsl:with-param name="id" select="concat('back-matter', $n)"/>
        <xsl:with-param name="heading" select="'Back matter'"/>
        <xsl:with-param name="lang" select="$text-lang"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- Front or back: boilerplate collapsed, anything else shown. -->
  <xsl:template name="matter">
    <xsl:param name="id"/>
    <xsl:param name="heading"/>
    <xsl:param name="lang"/>
    <section id="{$id}" class="matter" lang="{$lang}" aria-labelledby="{$id}-h">
      <h2 id="{$id}-h" lang="en"><xsl:value-of select="$heading"/></h2>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <xsl:template match="tei:div[@type='boilerplate' or @type='frontmatter']">
    <xsl:if test="$boilerplate != 'hidden'">
      <details class="boilerplate">
        <xsl:if test="$boilerplate = 'open'"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
        <summary lang="en">
          <xsl:choose>
            <xsl:when test="@type = 'frontmatter'">Metadata block of the source</xsl:when>
            <xsl:otherwise>Text around the transcript (boilerplate)</xsl:otherwise>
          </xsl:choose>
          <span class="count">
            <xsl:text> · </xsl:text>
            <xsl:value-of select="count(*)"/>
            <xsl:text> line</xsl:text><xsl:if test="count(*) != 1">s</xsl:if>
          </span>
        </summary>
        <div class="boilerplate-body">
          <xsl:apply-templates/>
        </div>
      </details>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
