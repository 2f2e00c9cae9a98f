<?xml version="1.0" encoding="UTF-8"?>
<!--
  HTML rendering of TEI text: turns, events, and generic prose, verse and drama.

  Default mode ("flow") writes flow content (sections, articles, paragraphs);
  mode "inline" writes phrasing content only, so a TEI element nested
  anywhere can never produce invalid HTML (no block inside a <p>).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <!-- Parents in which an event stands as a block of its own. -->
  <xsl:variable name="block-parents"
      select="' div div1 div2 div3 div4 div5 div6 div7 body front back sp spGrp lg castList floatingText group text '"/>

  <!-- An HTML-safe id (xml:ids with spaces exist in the wild). -->
  <xsl:template name="html-id">
    <xsl:param name="id"/>
    <xsl:value-of select="translate(normalize-space($id), ' ', '_')"/>
  </xsl:template>

  <xsl:template name="u-html-id">
    <xsl:param name="node" select="."/>
    <xsl:call-template name="html-id">
      <xsl:with-param name="id">
        <xsl:call-template name="utterance-id">
          <xsl:with-param name="node" select="$node"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="lang-attr">
    <xsl:if test="@xml:lang">
      <xsl:attribute name="lang"><xsl:value-of select="@xml:lang"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- ============================ turns ============================ -->

  <!-- Labels and cues that introduce a u are written inside its turn. -->
  <xsl:template match="tei:note[@type='speaker' or @type='delivery']">
    <xsl:variable name="introduces"><xsl:call-template name="introduces-u"/></xsl:variable>
    <xsl:if test="$introduces != 'true'"><xsl:call-template name="note-block"/></xsl:if>
  </xsl:template>

  <!-- Values that an expression can give are computed inline (ref-id, name-of,
       role-title-of and has-ana of common/core.xsl, spelled out): this template
       runs once per turn, and each named-template result is a tree fragment. -->
  <xsl:template match="tei:u | tei:sp">
    <xsl:variable name="hid-rtf"><xsl:if test="not(@xml:id)"><xsl:call-template name="u-html-id"/></xsl:if></xsl:variable>
    <xsl:variable name="hid" select="concat(translate(normalize-space(@xml:id), ' ', '_'), $hid-rtf)"/>
    <xsl:variable name="who-first" select="substring-before(concat(normalize-space(@who), ' '), ' ')"/>
    <xsl:variable name="who-id" select="substring($who-first, 1 + starts-with($who-first, '#'))"/>
    <xsl:variable name="p" select="key('id', $who-id)[1]"/>
    <xsl:variable name="name" select="normalize-space(($p/tei:persName
        | $p[not(tei:persName)]/tei:name
        | $p[not(tei:persName or tei:name)]/tei:orgName
        | $p[not(tei:persName or tei:name or tei:orgName)]/tei:roleName
        | $p[not(tei:persName or tei:name or tei:orgName or tei:roleName)][self::tei:role])[1])"/>
    <xsl:variable name="role-title" select="normalize-space(($p/tei:affiliation/tei:roleName | $p/tei:roleName)[1])"/>
    <xsl:variable name="label"><xsl:call-template name="label-of"/></xsl:variable>
    <xsl:variable name="cue"><xsl:call-template name="cue-of"/></xsl:variable>
    <!-- The categories under their ids in the document (a corpus prefixes them). -->
    <xsl:variable name="ana"><xsl:call-template name="ana-of"/></xsl:variable>
    <xsl:variable name="interpreted" select="contains($ana, ' #interpreted ')"/>
    <xsl:variable name="truncated" select="contains($ana, ' #truncated ')"/>
    <xsl:variable name="interrupting" select="contains($ana, ' #interrupting ')"/>
    <xsl:variable name="start"><xsl:if test="@start"><xsl:call-template name="seconds-at"><xsl:with-param name="ref" select="@start"/></xsl:call-template></xsl:if></xsl:variable>
    <xsl:variable name="end"><xsl:if test="@end and $start != ''"><xsl:call-template name="seconds-at"><xsl:with-param name="ref" select="@end"/></xsl:call-template></xsl:if></xsl:variable>
    <article id="{$hid}">
      <xsl:if test="$start != ''">
        <xsl:attribute name="data-start"><xsl:value-of select="$start"/></xsl:attribute>
        <xsl:if test="$end != '' and number($end) &gt;= number($start)">
          <xsl:attribute name="data-end"><xsl:value-of select="$end"/></xsl:attribute>
        </xsl:if>
      </xsl:if>
      <xsl:attribute name="class">
        <xsl:text>turn</xsl:text>
        <xsl:if test="self::tei:sp"> turn-sp</xsl:if>
        <xsl:if test="$interpreted"> is-interpreted</xsl:if>
        <xsl:if test="$truncated"> is-truncated</xsl:if>
        <xsl:if test="$interrupting"> is-interrupting</xsl:if>
        <xsl:if test="@prev"> is-continued</xsl:if>
      </xsl:attribute>
      <xsl:call-template name="lang-attr"/>
      <xsl:if test="normalize-space(@who)">
        <!-- For the speaker filter of common/html-tools.xsl: the value as written. -->
        <xsl:attribute name="data-who"><xsl:value-of select="normalize-space(@who)"/></xsl:attribute>
      </xsl:if>
      <header class="turn-head">
        <xsl:if test="$start != ''">
          <xsl:variable name="clock"><xsl:call-template name="clock"><xsl:with-param name="seconds" select="$start"/></xsl:call-template></xsl:variable>
          <a class="time" href="#t={$start}" title="From {$clock}"><time datetime="PT{$start}S"><xsl:value-of select="$clock"/></time></a>
        </xsl:if>
        <span class="speaker">
          <xsl:choose>
            <xsl:when test="$label != ''">
              <span class="label"><xsl:value-of select="$label"/></span>
            </xsl:when>
            <xsl:otherwise>
              <span class="label label-none">
                <xsl:choose>
                  <xsl:when test="$name != ''"><xsl:value-of select="$name"/></xsl:when>
                  <xsl:when test="$who-id != ''"><xsl:value-of select="$who-id"/></xsl:when>
                  <xsl:otherwise>Unattributed</xsl:otherwise>
                </xsl:choose>
              </span>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:if test="$cue != ''">
            <xsl:text> </xsl:text>
            <span class="cue"><xsl:value-of select="$cue"/></span>
          </xsl:if>
          <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
          <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyz'"/>
          <!-- The name is shown unless the label already says it ("Joe Biden:"). -->
          <xsl:if test="$name != '' and $label != ''
                        and translate(normalize-space(translate($label, ':', '')), $upper, $lower)
                            != translate($name, $upper, $lower)">
            <xsl:text> </xsl:text>
            <span class="who">
              <a href="#participant-{translate($who-id, ' ', '_')}"><xsl:value-of select="$name"/></a>
              <xsl:if test="$role-title != ''">
                <xsl:text>, </xsl:text>
                <xsl:value-of select="$role-title"/>
              </xsl:if>
            </span>
          </xsl:if>
        </span>
        <xsl:call-template name="turn-marks">
          <xsl:with-param name="interpreted" select="$interpreted"/>
          <xsl:with-param name="truncated" select="$truncated"/>
          <xsl:with-param name="interrupting" select="$interrupting"/>
        </xsl:call-template>
        <a class="cite" href="#{$hid}" title="Link to this utterance">
          <xsl:value-of select="$hid"/>
        </a>
      </header>
      <div class="turn-body">
        <xsl:choose>
          <xsl:when test="self::tei:sp or *[self::tei:seg or self::tei:p or self::tei:ab or self::tei:lg or self::tei:l]">
            <xsl:apply-templates select="node()[not(self::tei:speaker)]"/>
          </xsl:when>
          <xsl:when test="normalize-space(.) or *">
            <p><xsl:apply-templates mode="inline"/></p>
          </xsl:when>
        </xsl:choose>
      </div>
    </article>
  </xsl:template>

  <!-- The badges of a turn: interpreted (naming the interpreter), cut off,
       interrupting, and the links of a turn resumed after an interjection.
       The three parameters are booleans. -->
  <xsl:template name="turn-marks">
    <xsl:param name="interpreted" select="false()"/>
    <xsl:param name="truncated" select="false()"/>
    <xsl:param name="interrupting" select="false()"/>
    <xsl:variable name="overlap" select="@trans = 'overlap'"/>
    <xsl:if test="$interpreted or $truncated or $interrupting or $overlap or @prev or @next or @corresp">
      <span class="marks">
        <xsl:if test="$interpreted">
          <xsl:variable name="resp-id">
            <xsl:call-template name="ref-id"><xsl:with-param name="ref" select="@resp"/></xsl:call-template>
          </xsl:variable>
          <xsl:variable name="resp-name">
            <xsl:call-template name="name-of"><xsl:with-param name="id" select="$resp-id"/></xsl:call-template>
          </xsl:variable>
          <span class="mark mark-interpreted">
            <xsl:text>Interpreted</xsl:text>
            <xsl:if test="$resp-name != ''">
              <xsl:text> by </xsl:text>
              <a href="#participant-{translate($resp-id, ' ', '_')}"><xsl:value-of select="$resp-name"/></a>
            </xsl:if>
            <xsl:if test="@xml:lang">
              <xsl:text> into </xsl:text>
              <xsl:call-template name="language-name"><xsl:with-param name="code" select="@xml:lang"/></xsl:call-template>
            </xsl:if>
          </span>
        </xsl:if>
        <xsl:if test="$interrupting or $overlap">
          <xsl:variable name="before"><xsl:call-template name="turn-before"/></xsl:variable>
          <!-- A turn the source marks as interrupting interrupts; one whose times
               alone put it over the turn before (diarised speech) overlaps it. -->
          <span class="mark mark-interrupting">
            <xsl:value-of select="substring('InterruptsOverlaps', 1 + 10 * not($interrupting or not(@start)), 10 - 2 * not($interrupting or not(@start)))"/>
            <xsl:if test="$before != ''">
              <xsl:variable name="bid"><xsl:call-template name="html-id"><xsl:with-param name="id" select="$before"/></xsl:call-template></xsl:variable>
              <xsl:text> </xsl:text>
              <a href="#{$bid}"><xsl:value-of select="$bid"/></a>
            </xsl:if>
            <xsl:if test="@cert">
              <span class="cert"><xsl:text> (certainty: </xsl:text><xsl:value-of select="@cert"/>)</span>
            </xsl:if>
          </span>
        </xsl:if>
        <xsl:if test="$truncated">
          <span class="mark mark-truncated">Cut off</span>
        </xsl:if>
        <xsl:call-template name="link-mark">
          <xsl:with-param name="ref" select="@prev"/>
          <xsl:with-param name="text" select="'Continues'"/>
          <xsl:with-param name="class" select="'mark-continued'"/>
        </xsl:call-template>
        <xsl:call-template name="link-mark">
          <xsl:with-param name="ref" select="@next"/>
          <xsl:with-param name="text" select="'Continued in'"/>
          <xsl:with-param name="class" select="'mark-continues'"/>
        </xsl:call-template>
        <xsl:call-template name="link-mark">
          <xsl:with-param name="ref" select="@corresp"/>
          <xsl:with-param name="text" select="'Corresponds to'"/>
          <xsl:with-param name="class" select="'mark-corresp'"/>
        </xsl:call-template>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- A badge linking to another utterance, when that utterance is here. -->
  <xsl:template name="link-mark">
    <xsl:param name="ref"/>
    <xsl:param name="text"/>
    <xsl:param name="class"/>
    <xsl:if test="$ref">
      <xsl:variable name="id"><xsl:call-template name="ref-id"><xsl:with-param name="ref" select="$ref"/></xsl:call-template></xsl:variable>
      <xsl:variable name="target" select="key('id', $id)[self::tei:u or self::tei:sp][1]"/>
      <xsl:if test="$target">
        <xsl:variable name="tid"><xsl:call-template name="u-html-id"><xsl:with-param name="node" select="$target"/></xsl:call-template></xsl:variable>
        <span class="mark {$class}">
          <xsl:value-of select="$text"/>
          <xsl:text> </xsl:text>
          <a href="#{$tid}"><xsl:value-of select="$tid"/></a>
        </span>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- ============================ events ============================ -->

  <xsl:template match="tei:vocal | tei:kinesic | tei:incident | tei:pause | tei:gap">
    <xsl:choose>
      <xsl:when test="contains($block-parents, concat(' ', local-name(..), ' '))
                      or (parent::tei:u and ../*[self::tei:seg or self::tei:p or self::tei:ab])">
        <p role="note">
          <xsl:call-template name="event-attrs"/>
          <xsl:call-template name="event-content"><xsl:with-param name="block" select="true()"/></xsl:call-template>
        </p>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates select="." mode="inline"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:vocal | tei:kinesic | tei:incident | tei:pause | tei:gap" mode="inline">
    <span>
      <xsl:call-template name="event-attrs"/>
      <xsl:call-template name="event-content"/>
    </span>
  </xsl:template>

  <xsl:template name="event-attrs">
    <xsl:attribute name="class">
      <xsl:text>event event-</xsl:text><xsl:value-of select="local-name()"/>
      <xsl:if test="@type"> type-<xsl:value-of select="translate(@type, ' ', '-')"/></xsl:if>
    </xsl:attribute>
    <xsl:attribute name="title">
      <xsl:value-of select="local-name()"/>
      <xsl:if test="@type or @reason">: <xsl:value-of select="concat(@type, @reason)"/></xsl:if>
    </xsl:attribute>
    <xsl:call-template name="lang-attr"/>
  </xsl:template>

  <xsl:template name="event-content">
    <xsl:param name="block" select="false()"/>
    <xsl:if test="$block">
      <span class="event-kind">
        <xsl:choose>
          <xsl:when test="@type"><xsl:value-of select="@type"/></xsl:when>
          <xsl:when test="@reason"><xsl:value-of select="@reason"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="local-name()"/></xsl:otherwise>
        </xsl:choose>
      </span>
      <xsl:text> </xsl:text>
    </xsl:if>
    <span class="event-desc">
      <xsl:choose>
        <xsl:when test="normalize-space(tei:desc)">
          <xsl:apply-templates select="tei:desc/node()" mode="inline"/>
        </xsl:when>
        <xsl:when test="normalize-space(.)"><xsl:apply-templates mode="inline"/></xsl:when>
        <xsl:otherwise>
          <xsl:text>[</xsl:text>
          <xsl:choose>
            <xsl:when test="@type"><xsl:value-of select="@type"/></xsl:when>
            <xsl:when test="@reason"><xsl:value-of select="@reason"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="local-name()"/></xsl:otherwise>
          </xsl:choose>
          <xsl:if test="@dur"><xsl:text> </xsl:text><xsl:value-of select="@dur"/></xsl:if>
          <xsl:text>]</xsl:text>
        </xsl:otherwise>
      </xsl:choose>
    </span>
    <xsl:if test="$block and @who">
      <xsl:variable name="wid"><xsl:call-template name="ref-id"><xsl:with-param name="ref" select="@who"/></xsl:call-template></xsl:variable>
      <xsl:variable name="wname"><xsl:call-template name="name-of"><xsl:with-param name="id" select="$wid"/></xsl:call-template></xsl:variable>
      <xsl:if test="$wname != ''">
        <xsl:text> </xsl:text>
        <span class="event-who">(<xsl:value-of select="$wname"/>)</span>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- Stage directions are events of drama. -->
  <xsl:template match="tei:stage">
    <p class="event event-stage" role="note"><xsl:call-template name="lang-attr"/><xsl:apply-templates mode="inline"/></p>
  </xsl:template>
  <xsl:template match="tei:stage" mode="inline">
    <span class="event event-stage"><xsl:call-template name="lang-attr"/><xsl:apply-templates mode="inline"/></span>
  </xsl:template>

  <!-- ============================ blocks ============================ -->

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7 | tei:floatingText | tei:group">
    <section>
      <xsl:attribute name="class">div<xsl:if test="@type"> div-<xsl:value-of select="translate(@type, ' ', '-')"/></xsl:if></xsl:attribute>
      <xsl:variable name="id"><xsl:call-template name="div-html-id"/></xsl:variable>
      <xsl:if test="$id != ''">
        <xsl:attribute name="id"><xsl:value-of select="$id"/></xsl:attribute>
      </xsl:if>
      <xsl:call-template name="lang-attr"/>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <!-- The id of a division's section: its xml:id where that is unique (div,
       div1, div2), else, for a division with a heading in a body (the ones the
       contents of common/html-tools.xsl link to), "section-" and its path of
       positions (section-1-2-3); else none. -->
  <xsl:template name="div-html-id">
    <xsl:choose>
      <xsl:when test="(self::tei:div or self::tei:div1 or self::tei:div2) and @xml:id and not(key('id', @xml:id)[2])">
        <xsl:call-template name="html-id"><xsl:with-param name="id" select="@xml:id"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="tei:head and not(self::tei:floatingText or self::tei:group) and ancestor::*[self::tei:front or self::tei:body or self::tei:back][1][self::tei:body]">
        <xsl:text>section-</xsl:text>
        <xsl:number level="multiple" format="1-1"
            count="tei:teiCorpus/* | tei:group | tei:group/tei:text | tei:floatingText | tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- A text inside a text (group, floatingText): its parts in order. -->
  <xsl:template match="tei:text | tei:front | tei:body | tei:back">
    <div class="{local-name()}"><xsl:call-template name="lang-attr"/><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="tei:head">
    <!-- Only divisions with a heading count, so no heading level is skipped. -->
    <xsl:variable name="depth" select="count(ancestor::*[self::tei:div or self::tei:div1 or self::tei:div2 or self::tei:div3 or self::tei:div4 or self::tei:div5 or self::tei:div6 or self::tei:div7 or self::tei:floatingText][tei:head])"/>
    <xsl:variable name="level">
      <xsl:choose>
        <xsl:when test="$depth + 2 &gt; 6">6</xsl:when>
        <xsl:when test="$depth &lt; 1">3</xsl:when>
        <xsl:otherwise><xsl:value-of select="$depth + 2"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="h{$level}">
      <xsl:call-template name="lang-attr"/>
      <xsl:apply-templates mode="inline"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab | tei:seg | tei:docAuthor | tei:docDate | tei:docImprint | tei:docEdition | tei:byline | tei:dateline | tei:salute | tei:signed | tei:trailer | tei:titlePart | tei:speaker | tei:label | tei:bibl | tei:figDesc">
    <p class="{local-name()}">
      <xsl:call-template name="lang-attr"/>
      <xsl:apply-templates mode="inline"/>
    </p>
  </xsl:template>

  <xsl:template match="tei:note" name="note-block">
    <p class="note note-{translate(@type, ' ', '-')}" role="note">
      <xsl:call-template name="lang-attr"/>
      <xsl:apply-templates mode="inline"/>
    </p>
  </xsl:template>

  <xsl:template match="tei:lg | tei:spGrp | tei:titlePage | tei:docTitle | tei:opener | tei:closer | tei:epigraph | tei:argument | tei:figure | tei:castGroup[not(parent::tei:castList or parent::tei:castGroup)]">
    <div class="{local-name()}">
      <xsl:call-template name="lang-attr"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:l">
    <div class="l">
      <xsl:call-template name="lang-attr"/>
      <xsl:apply-templates mode="inline"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:list | tei:castList | tei:listBibl">
    <ul class="{local-name()}">
      <xsl:call-template name="lang-attr"/>
      <xsl:for-each select="*">
        <li><xsl:apply-templates select="."/></li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <xsl:template match="tei:item | tei:castItem">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:castGroup[parent::tei:castList or parent::tei:castGroup]">
    <xsl:apply-templates select="tei:head | tei:roleDesc" mode="inline"/>
    <ul class="castGroup">
      <xsl:for-each select="*[not(self::tei:head or self::tei:roleDesc)]">
        <li><xsl:apply-templates select="."/></li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <xsl:template match="tei:quote[tei:p or tei:lg or tei:l or tei:ab]">
    <blockquote><xsl:call-template name="lang-attr"/><xsl:apply-templates/></blockquote>
  </xsl:template>

  <xsl:template match="tei:table">
    <table class="tei-table">
      <xsl:for-each select="tei:row">
        <tr>
          <xsl:for-each select="tei:cell">
            <xsl:element name="{substring('thtd', 1 + 2 * number(not(@role = 'label' or ../@role = 'label')), 2)}">
              <xsl:if test="@cols"><xsl:attribute name="colspan"><xsl:value-of select="@cols"/></xsl:attribute></xsl:if>
              <xsl:if test="@rows"><xsl:attribute name="rowspan"><xsl:value-of select="@rows"/></xsl:attribute></xsl:if>
              <xsl:apply-templates/>
            </xsl:element>
          </xsl:for-each>
        </tr>
      </xsl:for-each>
    </table>
  </xsl:template>

  <!-- Header-like or non-textual parts are not rendered in the text. -->
  <xsl:template match="tei:teiHeader | tei:facsimile | tei:standOff | tei:sourceDoc/tei:surface/tei:graphic"/>

  <!-- Anything else in flow: rendered as phrasing. -->
  <xsl:template match="*">
    <xsl:apply-templates select="." mode="inline"/>
  </xsl:template>

  <!-- ============================ inline ============================ -->

  <xsl:template match="tei:foreign" mode="inline">
    <i class="foreign">
      <xsl:call-template name="lang-attr"/>
      <xsl:apply-templates mode="inline"/>
    </i>
    <xsl:if test="@xml:lang">
      <xsl:variable name="lname"><xsl:call-template name="language-name"><xsl:with-param name="code" select="@xml:lang"/></xsl:call-template></xsl:variable>
      <xsl:text> </xsl:text>
      <abbr class="lang-tag" title="{$lname}" lang="en"><xsl:value-of select="@xml:lang"/></abbr>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:hi | tei:emph | tei:term | tei:title | tei:mentioned | tei:soCalled | tei:distinct | tei:gloss" mode="inline">
    <xsl:variable name="rend" select="concat(' ', @rend, ' ', @rendition, ' ')"/>
    <xsl:choose>
      <xsl:when test="contains($rend, 'bold') or contains($rend, 'strong')">
        <strong><xsl:call-template name="lang-attr"/><xsl:apply-templates mode="inline"/></strong>
      </xsl:when>
      <xsl:when test="contains($rend, 'sup')">
        <sup><xsl:apply-templates mode="inline"/></sup>
      </xsl:when>
      <xsl:when test="contains($rend, 'sub')">
        <sub><xsl:apply-templates mode="inline"/></sub>
      </xsl:when>
      <xsl:when test="self::tei:soCalled or self::tei:mentioned">
        <q class="{local-name()}"><xsl:apply-templates mode="inline"/></q>
      </xsl:when>
      <xsl:otherwise>
        <em class="{local-name()}"><xsl:call-template name="lang-attr"/><xsl:apply-templates mode="inline"/></em>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:q | tei:quote | tei:said" mode="inline">
    <q><xsl:call-template name="lang-attr"/><xsl:apply-templates mode="inline"/></q>
  </xsl:template>

  <xsl:template match="tei:unclear" mode="inline">
    <span class="unclear" title="unclear{concat(': ', @reason)}"><xsl:apply-templates mode="inline"/></span>
  </xsl:template>

  <xsl:template match="tei:del" mode="inline">
    <del><xsl:apply-templates mode="inline"/></del>
  </xsl:template>

  <xsl:template match="tei:add" mode="inline">
    <ins><xsl:apply-templates mode="inline"/></ins>
  </xsl:template>

  <xsl:template match="tei:choice" mode="inline">
    <xsl:variable name="shown" select="(tei:sic | tei:orig | tei:abbr | *)[1]"/>
    <xsl:variable name="alt" select="(tei:corr | tei:reg | tei:expan | *[2])[1]"/>
    <span class="choice" title="{normalize-space($alt)}">
      <xsl:apply-templates select="$shown/node()" mode="inline"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:lb" mode="inline"><br/></xsl:template>

  <xsl:template match="tei:pb" mode="inline">
    <xsl:if test="@n">
      <span class="pb" title="page break">[p. <xsl:value-of select="@n"/>]</span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:fw" mode="inline">
    <span class="fw fw-{translate(@type, ' ', '-')}" title="{@type}"><xsl:apply-templates mode="inline"/></span>
  </xsl:template>

  <xsl:template match="tei:time" mode="inline">
    <span class="timestamp"><xsl:apply-templates mode="inline"/></span>
  </xsl:template>

  <xsl:template match="tei:note" mode="inline">
    <span class="note note-{translate(@type, ' ', '-')}" role="note"><xsl:call-template name="lang-attr"/><xsl:apply-templates mode="inline"/></span>
  </xsl:template>

  <xsl:template match="tei:ref | tei:ptr" mode="inline">
    <xsl:variable name="t" select="normalize-space(@target)"/>
    <xsl:variable name="local" select="key('id', substring($t, 2))[self::tei:u or self::tei:sp][1]"/>
    <xsl:choose>
      <xsl:when test="starts-with($t, 'http://') or starts-with($t, 'https://')">
        <a href="{$t}">
          <xsl:apply-templates mode="inline"/>
          <xsl:if test="not(node())"><xsl:value-of select="$t"/></xsl:if>
        </a>
      </xsl:when>
      <xsl:when test="starts-with($t, '#') and not(contains($t, ' ')) and $local">
        <xsl:variable name="tid"><xsl:call-template name="u-html-id"><xsl:with-param name="node" select="$local"/></xsl:call-template></xsl:variable>
        <a href="#{$tid}">
          <xsl:apply-templates mode="inline"/>
          <xsl:if test="not(node())"><xsl:value-of select="$tid"/></xsl:if>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="ref"><xsl:apply-templates mode="inline"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Blocks met inside phrasing become spans that keep their line. -->
  <xsl:template match="tei:p | tei:ab | tei:l | tei:lg | tei:item | tei:list | tei:head | tei:speaker" mode="inline">
    <span class="{local-name()}"><xsl:call-template name="lang-attr"/><xsl:apply-templates mode="inline"/></span>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:u | tei:sp" mode="inline">
    <span class="{local-name()}"><xsl:apply-templates mode="inline"/></span>
  </xsl:template>

  <xsl:template match="tei:desc | tei:teiHeader | tei:figure/tei:graphic | tei:graphic" mode="inline"/>

  <!-- Any other element: its content, marked with its language. -->
  <xsl:template match="*" mode="inline">
    <xsl:choose>
      <xsl:when test="@xml:lang">
        <span lang="{@xml:lang}"><xsl:apply-templates mode="inline"/></span>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="inline"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
