<?xml version="1.0" encoding="UTF-8"?>
<!--
  HTML reading edition of one TEI document: one self-contained HTML5 page
  (parameters: see xslt/README.md).

  Page: title and source from the header, a participant list, the text with
  a citable anchor for every utterance (#u12), events set apart from speech,
  boilerplate shown apart and collapsed; for a timed document, each turn's
  time (#t=SECONDS) and the recording the header names, played in the page;
  the contents of a body divided under headings, and, with script, a find
  box and a speaker filter (common/html-tools.xsl).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <xsl:import href="common/core.xsl"/>
  <xsl:import href="common/tokens.xsl"/>
  <xsl:import href="common/speakers.xsl"/>
  <xsl:import href="common/time.xsl"/>
  <xsl:import href="common/html-flow.xsl"/>
  <xsl:import href="common/html-page.xsl"/>
  <xsl:import href="common/html-style.xsl"/>
  <xsl:import href="common/html-player.xsl"/>
  <xsl:import href="common/html-tools.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:param name="index" select="''"/>
  <xsl:param name="boilerplate" select="'collapsed'"/>
  <xsl:param name="lang" select="'und'"/>
  <xsl:param name="doc" select="''"/>

  <xsl:template match="/">
    <xsl:call-template name="page"/>
  </xsl:template>

</xsl:stylesheet>
