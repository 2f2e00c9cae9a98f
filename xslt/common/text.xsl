<?xml version="1.0" encoding="UTF-8"?>
<!--
  Plain-text renderings shared by the text edition and the tables.

  mode "dipl-block": the diplomatic layout. Every character of TEI/text is
    written in document order (labels, cues, events, page numbers...), one
    line per paragraph, a blank line between the items of a section.
    Inline elements add no characters of their own, so "with<gap><desc>…</desc></gap>"
    stays "with…" as printed.
  mode "plain": the words of an utterance for analysis: events, notes,
    labels, page numbers and timestamps removed, paragraphs joined by a space.

  Parameters used here (declared in the drivers, documented in xslt/README.md):
    $boilerplate ('yes'|'no'), $gap (text standing for a gap in "plain").
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <!-- Elements that make their parent a container of lines. -->
  <xsl:variable name="block-names"
      select="' p ab head l lg u sp speaker stage div div1 div2 div3 div4 div5 div6 div7 list item table row label trailer byline dateline opener closer salute signed docTitle titlePart titlePage docAuthor docDate docImprint docEdition castList castGroup castItem epigraph argument floatingText body front back group text figure figDesc seg note listBibl bibl listPerson person personGrp '"/>
  <!-- Containers whose items are separated by a blank line. -->
  <xsl:variable name="section-names"
      select="' div div1 div2 div3 div4 div5 div6 div7 body front back text group floatingText '"/>

  <!-- One line: the prefix and the text, whitespace normalised; nothing when empty.
       A blank line follows when $node stands directly in a section. -->
  <xsl:template name="line">
    <xsl:param name="text"/>
    <xsl:param name="prefix"/>
    <xsl:param name="node" select="."/>
    <xsl:variable name="t" select="normalize-space(concat($prefix, ' ', $text))"/>
    <xsl:if test="$t != ''">
      <xsl:value-of select="$t"/>
      <xsl:text>&#10;</xsl:text>
      <xsl:call-template name="item-gap">
        <xsl:with-param name="node" select="$node"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A newline when $node stands directly in a section (the test is spelled
       out rather than a template call: this runs for every line). -->
  <xsl:template name="item-gap">
    <xsl:param name="node" select="."/>
    <xsl:if test="contains($section-names, concat(' ', local-name($node/..), ' '))
                  and namespace-uri($node/..) = 'http://www.tei-c.org/ns/1.0'"><xsl:text>&#10;</xsl:text></xsl:if>
  </xsl:template>

  <!-- ===================== diplomatic: blocks ===================== -->

  <xsl:template match="tei:teiHeader | tei:facsimile | tei:standOff" mode="dipl-block"/>

  <!-- Boilerplate only on request. -->
  <xsl:template match="tei:div[@type='boilerplate' or @type='frontmatter']" mode="dipl-block">
    <xsl:param name="prefix"/>
    <xsl:if test="$boilerplate = 'yes'">
      <xsl:call-template name="dipl-container">
        <xsl:with-param name="prefix" select="$prefix"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A speaker label or delivery cue that introduces a u is written by the u. -->
  <xsl:template match="tei:note[@type='speaker' or @type='delivery']" mode="dipl-block">
    <xsl:param name="prefix"/>
    <xsl:variable name="introduces"><xsl:call-template name="introduces-u"/></xsl:variable>
    <xsl:if test="$introduces != 'true'">
      <xsl:call-template name="line">
        <xsl:with-param name="prefix" select="$prefix"/>
        <xsl:with-param name="text"><xsl:apply-templates mode="dipl-inline"/></xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:u" mode="dipl-block">
    <xsl:variable name="label">
      <xsl:call-template name="label-of"/>
    </xsl:variable>
    <xsl:variable name="cue">
      <xsl:call-template name="cue-of"/>
    </xsl:variable>
    <xsl:variable name="prefix" select="normalize-space(concat($label, ' ', $cue))"/>
    <xsl:choose>
      <xsl:when test="*[contains($block-names, concat(' ', local-name(), ' '))]">
        <xsl:call-template name="dipl-children">
          <xsl:with-param name="prefix" select="$prefix"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="text"><xsl:apply-templates mode="dipl-inline"/></xsl:variable>
        <xsl:call-template name="line">
          <xsl:with-param name="prefix" select="$prefix"/>
          <xsl:with-param name="text" select="$text"/>
          <xsl:with-param name="node" select="/.."/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="item-gap"/>
  </xsl:template>

  <!-- Any other element: a container when it holds blocks, else one line. (A speaker
       label inside a seg, printed again on a cue that continues the turn, stays on
       the line it was printed on.) -->
  <xsl:template match="*" mode="dipl-block">
    <xsl:param name="prefix"/>
    <xsl:choose>
      <xsl:when test="*[contains($block-names, concat(' ', local-name(), ' '))]
                       [not(self::tei:note[@type='speaker'] and parent::tei:seg)]">
        <xsl:call-template name="dipl-container">
          <xsl:with-param name="prefix" select="$prefix"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="text"><xsl:apply-templates mode="dipl-inline"/></xsl:variable>
        <xsl:call-template name="line">
          <xsl:with-param name="prefix" select="$prefix"/>
          <xsl:with-param name="text" select="$text"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="text()" mode="dipl-block">
    <xsl:param name="prefix"/>
    <xsl:call-template name="line">
      <xsl:with-param name="prefix" select="$prefix"/>
      <xsl:with-param name="text" select="."/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="dipl-container">
    <xsl:param name="prefix"/>
    <xsl:call-template name="dipl-children">
      <xsl:with-param name="prefix" select="$prefix"/>
    </xsl:call-template>
    <!-- A non-section container standing in a section (lg, sp, list) is one item. -->
    <xsl:if test="not(contains($section-names, concat(' ', local-name(), ' '))
                      and namespace-uri() = 'http://www.tei-c.org/ns/1.0')">
      <xsl:call-template name="item-gap"/>
    </xsl:if>
  </xsl:template>

  <!-- Children as lines; the prefix (a speaker label) goes on the first line. -->
  <xsl:template name="dipl-children">
    <xsl:param name="prefix"/>
    <xsl:for-each select="node()[self::* or self::text()[normalize-space()]]">
      <xsl:choose>
        <xsl:when test="position() = 1">
          <xsl:apply-templates select="." mode="dipl-block">
            <xsl:with-param name="prefix" select="$prefix"/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="." mode="dipl-block"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- ===================== diplomatic: inline ===================== -->
  <!-- Text is copied as is (the built-in rule); these add what a reader needs. -->

  <xsl:template match="tei:lb | tei:cb" mode="dipl-inline">
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:choice" mode="dipl-inline">
    <xsl:variable name="orig" select="(tei:sic | tei:orig | tei:abbr)[1]"/>
    <xsl:choose>
      <xsl:when test="$orig"><xsl:apply-templates select="$orig" mode="dipl-inline"/></xsl:when>
      <xsl:otherwise><xsl:apply-templates select="*[1]" mode="dipl-inline"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:div[@type='boilerplate' or @type='frontmatter']" mode="dipl-inline">
    <xsl:if test="$boilerplate = 'yes'"><xsl:apply-templates mode="dipl-inline"/></xsl:if>
  </xsl:template>

  <!-- ===================== plain (analysis) ===================== -->

  <!-- Not speech: events, notes, labels, stage directions, page furniture. -->
  <xsl:template match="tei:vocal | tei:kinesic | tei:incident | tei:pause | tei:note
                       | tei:fw | tei:time | tei:speaker | tei:stage | tei:desc
                       | tei:pb | tei:milestone | tei:figure" mode="plain"/>

  <xsl:template match="tei:gap" mode="plain">
    <xsl:value-of select="$gap"/>
  </xsl:template>

  <xsl:template match="tei:lb | tei:cb" mode="plain">
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:choice" mode="plain">
    <xsl:variable name="reg" select="(tei:corr | tei:reg | tei:expan)[1]"/>
    <xsl:choose>
      <xsl:when test="$reg"><xsl:apply-templates select="$reg" mode="plain"/></xsl:when>
      <xsl:otherwise><xsl:apply-templates select="*[1]" mode="plain"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Paragraph-like parts are kept apart by a space. -->
  <xsl:template match="tei:seg | tei:p | tei:ab | tei:l | tei:lg | tei:s | tei:item" mode="plain">
    <xsl:text> </xsl:text>
    <xsl:apply-templates mode="plain"/>
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- The words of one utterance (u or sp), whitespace normalised. -->
  <xsl:template name="plain-text">
    <xsl:param name="node" select="."/>
    <xsl:variable name="t"><xsl:apply-templates select="$node/node()" mode="plain"/></xsl:variable>
    <xsl:value-of select="normalize-space($t)"/>
  </xsl:template>

  <!-- The words of an utterance and of the pieces it continues in (@next),
       joined by a space. $depth stops a pointer cycle. -->
  <xsl:template name="plain-chain">
    <xsl:param name="node" select="."/>
    <xsl:param name="depth" select="0"/>
    <xsl:call-template name="plain-text">
      <xsl:with-param name="node" select="$node"/>
    </xsl:call-template>
    <xsl:if test="$node/@next and $depth &lt; 500">
      <xsl:variable name="next-id">
        <xsl:call-template name="ref-id">
          <xsl:with-param name="ref" select="$node/@next"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:variable name="next" select="key('id', $next-id)[self::tei:u or self::tei:sp][1]"/>
      <xsl:if test="$next">
        <xsl:text> </xsl:text>
        <xsl:call-template name="plain-chain">
          <xsl:with-param name="node" select="$next"/>
          <xsl:with-param name="depth" select="$depth + 1"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- "true" when the utterance continues an earlier one present in the document. -->
  <xsl:template name="is-continuation">
    <xsl:param name="node" select="."/>
    <xsl:if test="$node/@prev">
      <xsl:variable name="prev-id">
        <xsl:call-template name="ref-id">
          <xsl:with-param name="ref" select="$node/@prev"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:if test="key('id', $prev-id)[self::tei:u or self::tei:sp]">true</xsl:if>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
