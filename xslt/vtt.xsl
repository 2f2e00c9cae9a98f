<?xml version="1.0" encoding="UTF-8"?>
<!--
  WebVTT captions of a timed TEI document: one cue per timed utterance (its
  id as the cue identifier), or per part of one divided at its parts' times
  (u3, u3.2, u3.3...), the speaker as a voice (<v Full Name>), one
  line per paragraph (common/cues.xsl). Nothing is written when no
  utterance is timed: the library reports that (untimed).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:str="http://exslt.org/strings"
    xmlns:tc="urn:x-tei-corpus:xslt"
    exclude-result-prefixes="tei str tc">

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
    <xsl:if test="$cues">
      <xsl:text>WEBVTT&#10;</xsl:text>
      <xsl:for-each select="$cues">
        <xsl:text>&#10;</xsl:text>
        <xsl:value-of select="translate(@id, '&#10;', ' ')"/>
        <xsl:text>&#10;</xsl:text>
        <xsl:call-template name="cue-time"><xsl:with-param name="seconds" select="@start"/></xsl:call-template>
        <xsl:text> --> </xsl:text>
        <xsl:call-template name="cue-time"><xsl:with-param name="seconds" select="@end"/></xsl:call-template>
        <xsl:text>&#10;</xsl:text>
        <xsl:if test="normalize-space(@name) != ''">
          <xsl:text>&lt;v </xsl:text>
          <xsl:call-template name="vtt-escape"><xsl:with-param name="text" select="@name"/></xsl:call-template>
          <xsl:text>&gt;</xsl:text>
        </xsl:if>
        <xsl:for-each select="tc:line">
          <xsl:call-template name="vtt-escape"><xsl:with-param name="text" select="."/></xsl:call-template>
          <xsl:text>&#10;</xsl:text>
        </xsl:for-each>
        <xsl:if test="not(tc:line)"><xsl:text>&#10;</xsl:text></xsl:if>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- WebVTT cue text: &, < and > as character references. -->
  <xsl:template name="vtt-escape">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="contains($text, '&amp;') or contains($text, '&lt;') or contains($text, '&gt;')">
        <xsl:value-of select="str:replace(str:replace(str:replace($text, '&amp;', '&amp;amp;'), '&lt;', '&amp;lt;'), '&gt;', '&amp;gt;')"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
