<?xml version="1.0" encoding="UTF-8"?>
<!--
  SubRip captions of a timed TEI document: one numbered cue per timed
  utterance (per part of one divided at its parts' times), its first line
  starting with the printed speaker label (else the speaker's name and a
  colon: SubRip has no voices; not on the parts after the first), one line
  per paragraph (common/cues.xsl).
  Nothing is written when no utterance is timed: the library reports that.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tc="urn:x-tei-corpus:xslt"
    exclude-result-prefixes="tei tc">

  <xsl:import href="common/core.xsl"/>
  <xsl:import href="common/tokens.xsl"/>
  <xsl:import href="common/text.xsl"/>
  <xsl:import href="common/time.xsl"/>
  <xsl:import href="common/cues.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <!-- Used by the shared text templates. -->
  <xsl:param name="boilerplate" select="'no'"/>
  <xsl:param name="gap" select="''"/>

  <xsl:template match="/">
    <xsl:for-each select="$cues">
      <xsl:if test="position() &gt; 1"><xsl:text>&#10;</xsl:text></xsl:if>
      <xsl:value-of select="position()"/>
      <xsl:text>&#10;</xsl:text>
      <xsl:call-template name="cue-time"><xsl:with-param name="seconds" select="@start"/><xsl:with-param name="comma" select="true()"/></xsl:call-template>
      <xsl:text> --> </xsl:text>
      <xsl:call-template name="cue-time"><xsl:with-param name="seconds" select="@end"/><xsl:with-param name="comma" select="true()"/></xsl:call-template>
      <xsl:text>&#10;</xsl:text>
      <xsl:choose>
        <xsl:when test="@continued = 'yes'"/>
        <xsl:when test="@label != ''"><xsl:value-of select="concat(@label, ' ')"/></xsl:when>
        <xsl:when test="@name != ''"><xsl:value-of select="concat(@name, ': ')"/></xsl:when>
      </xsl:choose>
      <xsl:for-each select="tc:line">
        <xsl:value-of select="."/>
        <xsl:text>&#10;</xsl:text>
      </xsl:for-each>
      <xsl:if test="not(tc:line)"><xsl:text>&#10;</xsl:text></xsl:if>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
