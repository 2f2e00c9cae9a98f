<?xml version="1.0" encoding="UTF-8"?>
<!--
  Plain-text editions of a TEI document (parameters: see xslt/README.md).

  flavour="diplomatic": the transcript as printed: labels, cues, events,
    page numbers, and (boilerplate="yes") the matter around it; its words
    are the source's words in order.
  flavour="analysis": one line per utterance, "id<TAB>who<TAB>text", events
    removed, a turn resumed after an interjection (@next) joined to its start.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <xsl:import href="common/core.xsl"/>
  <xsl:import href="common/tokens.xsl"/>
  <xsl:import href="common/text.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="flavour" select="'diplomatic'"/>
  <xsl:param name="boilerplate" select="'no'"/>
  <xsl:param name="gap" select="''"/>

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="$flavour = 'analysis'">
        <xsl:for-each select="//tei:text//tei:u | //tei:text//tei:sp">
          <xsl:variable name="continuation">
            <xsl:call-template name="is-continuation"/>
          </xsl:variable>
          <xsl:if test="$continuation != 'true'">
            <xsl:call-template name="utterance-id"/>
            <xsl:text>&#9;</xsl:text>
            <xsl:value-of select="translate(normalize-space(@who), '#', '')"/>
            <xsl:text>&#9;</xsl:text>
            <xsl:call-template name="plain-chain"/>
            <xsl:text>&#10;</xsl:text>
          </xsl:if>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="//tei:text[not(ancestor::tei:text)]" mode="dipl-block"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
