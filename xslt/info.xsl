<?xml version="1.0" encoding="UTF-8"?>
<!--
  The index entry of one document, as xslt/index.xsl reads it:
    <doc id="..." lang="..." date="..." utterances="N">Title</doc>
  (href is added by the caller, who knows where the page was written).
  Parameters: see xslt/README.md.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <xsl:import href="common/core.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" omit-xml-declaration="yes"/>

  <xsl:param name="doc" select="''"/>

  <xsl:template match="/">
    <xsl:variable name="texts" select="//tei:text[not(ancestor::tei:text)]"/>
    <xsl:variable name="header" select="(/tei:TEI/tei:teiHeader | /tei:teiCorpus/tei:teiHeader)[1]"/>
    <xsl:variable name="date" select="($header/tei:fileDesc/tei:sourceDesc//tei:bibl[1]/tei:date
                                       | $header/tei:profileDesc/tei:settingDesc//tei:date)[1]"/>
    <doc>
      <xsl:attribute name="id"><xsl:call-template name="doc-id"><xsl:with-param name="given" select="$doc"/></xsl:call-template></xsl:attribute>
      <xsl:if test="/*/@xml:lang">
        <xsl:attribute name="lang"><xsl:value-of select="/*/@xml:lang"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="$date">
        <xsl:attribute name="date">
          <xsl:choose>
            <xsl:when test="$date/@when"><xsl:value-of select="$date/@when"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="normalize-space($date)"/></xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
      </xsl:if>
      <xsl:attribute name="utterances"><xsl:value-of select="count($texts//tei:u | $texts//tei:sp)"/></xsl:attribute>
      <xsl:call-template name="doc-title"/>
    </doc>
  </xsl:template>

</xsl:stylesheet>
