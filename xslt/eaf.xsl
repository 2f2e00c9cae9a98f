<?xml version="1.0" encoding="UTF-8"?>
<!--
  ELAN annotation document (EAF 3.0) of a timed TEI document: one tier per
  speaker (TIER_ID the speaker's tier name, PARTICIPANT the name), one
  alignable annotation per timed utterance with the text of its paragraphs
  (common/cues.xsl), two time slots per annotation in milliseconds, and the
  media the header names (recordingStmt/recording/media). Nothing is
  written when no utterance is timed: the library reports that (untimed).
  The output is deterministic: DATE is the epoch, not the time of the run.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:tc="urn:x-tei-corpus:xslt"
    exclude-result-prefixes="tei tc">

  <xsl:import href="common/core.xsl"/>
  <xsl:import href="common/tokens.xsl"/>
  <xsl:import href="common/text.xsl"/>
  <xsl:import href="common/time.xsl"/>
  <xsl:import href="common/cues.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <!-- Used by the shared text templates. -->
  <xsl:param name="boilerplate" select="'no'"/>
  <xsl:param name="gap" select="''"/>

  <xsl:variable name="media" select="(/tei:TEI/tei:teiHeader | /tei:teiCorpus/tei:teiHeader)[1]
      /tei:fileDesc/tei:sourceDesc/tei:recordingStmt/tei:recording/tei:media[normalize-space(@url)][1]"/>

  <xsl:template match="/">
    <xsl:if test="$cues">
      <ANNOTATION_DOCUMENT AUTHOR="" DATE="1970-01-01T00:00:00Z" FORMAT="3.0" VERSION="3.0"
          xsi:noNamespaceSchemaLocation="http://www.mpi.nl/tools/elan/EAFv3.0.xsd">
        <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">
          <xsl:for-each select="$media">
            <xsl:variable name="url" select="normalize-space(@url)"/>
            <MEDIA_DESCRIPTOR MEDIA_URL="{$url}" MIME_TYPE="{normalize-space(@mimeType)}">
              <xsl:if test="not(contains($url, ':')) and not(starts-with($url, '/'))">
                <xsl:attribute name="RELATIVE_MEDIA_URL">
                  <xsl:if test="not(starts-with($url, '.'))">./</xsl:if>
                  <xsl:value-of select="$url"/>
                </xsl:attribute>
              </xsl:if>
            </MEDIA_DESCRIPTOR>
          </xsl:for-each>
          <PROPERTY NAME="lastUsedAnnotationId"><xsl:value-of select="count($cues)"/></PROPERTY>
        </HEADER>
        <TIME_ORDER>
          <xsl:for-each select="$cues">
            <TIME_SLOT TIME_SLOT_ID="ts{2 * @n - 1}" TIME_VALUE="{round(@start * 1000)}"/>
            <TIME_SLOT TIME_SLOT_ID="ts{2 * @n}" TIME_VALUE="{round(@end * 1000)}"/>
          </xsl:for-each>
        </TIME_ORDER>
        <xsl:for-each select="$speakers">
          <xsl:variable name="who" select="@who"/>
          <TIER LINGUISTIC_TYPE_REF="utterance" PARTICIPANT="{@name}" TIER_ID="{@tier}">
            <xsl:for-each select="$cues[@who = $who]">
              <ANNOTATION>
                <ALIGNABLE_ANNOTATION ANNOTATION_ID="a{@n}" TIME_SLOT_REF1="ts{2 * @n - 1}" TIME_SLOT_REF2="ts{2 * @n}">
                  <ANNOTATION_VALUE>
                    <xsl:for-each select="tc:line">
                      <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
                      <xsl:value-of select="."/>
                    </xsl:for-each>
                  </ANNOTATION_VALUE>
                </ALIGNABLE_ANNOTATION>
              </ANNOTATION>
            </xsl:for-each>
          </TIER>
        </xsl:for-each>
        <LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="utterance" TIME_ALIGNABLE="true"/>
      </ANNOTATION_DOCUMENT>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
