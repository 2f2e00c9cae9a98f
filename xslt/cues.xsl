<?xml version="1.0" encoding="UTF-8"?>
<!--
  The cues of a timed TEI document as XML (common/cues.xsl), for editions
  written by the library from them (Praat TextGrid):

    <tc:cues><tc:speaker who name tier/>... <tc:cue n id who name start end><tc:line/>...</tc:cue>...</tc:cues>
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tc="urn:x-tei-corpus:xslt"
    exclude-result-prefixes="tei">

  <xsl:import href="common/core.xsl"/>
  <xsl:import href="common/tokens.xsl"/>
  <xsl:import href="common/text.xsl"/>
  <xsl:import href="common/time.xsl"/>
  <xsl:import href="common/cues.xsl"/>

  <xsl:output method="xml" encoding="UTF-8"/>

  <!-- Used by the shared text templates. -->
  <xsl:param name="boilerplate" select="'no'"/>
  <xsl:param name="gap" select="''"/>

  <xsl:template match="/">
    <tc:cues>
      <xsl:copy-of select="$speakers | $cues"/>
    </tc:cues>
  </xsl:template>

</xsl:stylesheet>
