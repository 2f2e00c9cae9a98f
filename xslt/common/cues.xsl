<?xml version="1.0" encoding="UTF-8"?>
<!--
  The timed utterances of a document as cues, for the caption and annotation
  editions (vtt.xsl, srt.xsl, eaf.xsl, cues.xsl).

  $cues holds one tc:cue per u or sp whose @start and @end both resolve to a
  time (common/time.xsl), the end not before the start, sorted by start (document
  order among equal starts). A u divided at its parts' times (two or more seg,
  nothing else, each opening and closing with an anchor/@synch, as the converter
  writes a speaker's cues or ASR segments in a row) gives one cue per seg instead,
  from its first anchor's time to its last one's; the cues after the first have
  ids u3.2, u3.3... and continued="yes":

    <tc:cue n="1" id="u3" who="blinken" name="Antony J. Blinken" label="SECRETARY BLINKEN:"
            start="3.48" end="9.02">
      <tc:line>First paragraph, as printed.</tc:line>
      <tc:line>(Laughter.)</tc:line>
    </tc:cue>

  who is the first @who id (else the printed label); name is the speaker's
  name from the header (persName, name...), else the printed label without
  its colon, else the id; label is the printed label, verbatim. Each line is one paragraph (seg, p, ab, l) or event
  of the turn in its diplomatic text (the words as printed, event
  descriptions included), whitespace normalised.
  $speakers holds one tc:speaker per distinct who, in the order of their
  first cues, with a tier name unique in the document (the name, with the
  id in brackets when two speakers share a name).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:exsl="http://exslt.org/common"
    xmlns:tc="urn:x-tei-corpus:xslt"
    exclude-result-prefixes="tei exsl tc">

  <xsl:variable name="unsorted-cues-rtf">
    <xsl:for-each select="//tei:text//tei:u[@start and @end] | //tei:text//tei:sp[@start and @end]">
      <xsl:variable name="start"><xsl:call-template name="seconds-at"><xsl:with-param name="ref" select="@start"/></xsl:call-template></xsl:variable>
      <xsl:variable name="end"><xsl:call-template name="seconds-at"><xsl:with-param name="ref" select="@end"/></xsl:call-template></xsl:variable>
      <xsl:if test="$start != '' and $end != '' and number($end) &gt;= number($start)">
        <xsl:choose>
          <xsl:when test="self::tei:u and count(tei:seg) &gt; 1 and not(*[not(self::tei:seg)])
                          and not(tei:seg[not(node()[self::* or normalize-space()][1][self::tei:anchor[@synch]])
                                          or not(node()[self::* or normalize-space()][last()][self::tei:anchor[@synch]])])">
            <xsl:for-each select="tei:seg">
              <xsl:call-template name="piece">
                <xsl:with-param name="u-start" select="$start"/>
                <xsl:with-param name="u-end" select="$end"/>
              </xsl:call-template>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="cue">
              <xsl:with-param name="start" select="$start"/>
              <xsl:with-param name="end" select="$end"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:if>
    </xsl:for-each>
  </xsl:variable>

  <!-- The cue of the context seg, one part of a divided utterance: from the
       point its first anchor names to the point its last anchor names (the
       utterance's own start or end where one cannot be worked out). -->
  <xsl:template name="piece">
    <xsl:param name="u-start"/>
    <xsl:param name="u-end"/>
    <xsl:variable name="seg" select="."/>
    <xsl:variable name="n" select="count(preceding-sibling::tei:seg) + 1"/>
    <xsl:variable name="first"><xsl:call-template name="seconds-at"><xsl:with-param name="ref" select="node()[self::* or normalize-space()][1]/@synch"/></xsl:call-template></xsl:variable>
    <xsl:variable name="last"><xsl:call-template name="seconds-at"><xsl:with-param name="ref" select="node()[self::* or normalize-space()][last()]/@synch"/></xsl:call-template></xsl:variable>
    <xsl:variable name="start" select="concat($first, substring($u-start, 1, string-length($u-start) * ($first = '')))"/>
    <xsl:variable name="end" select="concat($last, substring($u-end, 1, string-length($u-end) * ($last = '')))"/>
    <xsl:for-each select="parent::tei:u">
      <xsl:call-template name="cue">
        <xsl:with-param name="start" select="$start"/>
        <xsl:with-param name="end" select="$end"/>
        <xsl:with-param name="part" select="$seg"/>
        <xsl:with-param name="n" select="$n"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <xsl:variable name="cues-rtf">
    <xsl:for-each select="exsl:node-set($unsorted-cues-rtf)/tc:cue">
      <xsl:sort select="@start" data-type="number"/>
      <tc:cue n="{position()}">
        <xsl:copy-of select="@* | node()"/>
      </tc:cue>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="cues" select="exsl:node-set($cues-rtf)/tc:cue"/>

  <!-- One speaker per distinct who, in the order of their first cues. -->
  <xsl:key name="cue-by-who" match="tc:cue" use="@who"/>
  <xsl:key name="cue-by-name" match="tc:cue" use="@name"/>
  <xsl:variable name="speakers-rtf">
    <xsl:for-each select="$cues[generate-id() = generate-id(key('cue-by-who', @who)[1])]">
      <xsl:variable name="shared" select="key('cue-by-name', @name)[@who != current()/@who]"/>
      <tc:speaker who="{@who}" name="{@name}">
        <xsl:attribute name="tier">
          <xsl:value-of select="@name"/>
          <xsl:if test="$shared"> (<xsl:value-of select="@who"/>)</xsl:if>
        </xsl:attribute>
      </tc:speaker>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="speakers" select="exsl:node-set($speakers-rtf)/tc:speaker"/>

  <!-- The cue of the context utterance. -->
  <xsl:template name="cue">
    <xsl:param name="start"/>
    <xsl:param name="end"/>
    <xsl:param name="part" select="/.."/>
    <xsl:param name="n" select="1"/>
    <xsl:variable name="who-first" select="substring-before(concat(normalize-space(@who), ' '), ' ')"/>
    <xsl:variable name="who-id" select="substring($who-first, 1 + starts-with($who-first, '#'))"/>
    <xsl:variable name="label-rtf"><xsl:call-template name="label-of"/></xsl:variable>
    <xsl:variable name="label" select="normalize-space(translate(normalize-space($label-rtf), ':', ' '))"/>
    <xsl:variable name="name-rtf"><xsl:if test="$who-id != ''"><xsl:call-template name="name-of"><xsl:with-param name="id" select="$who-id"/></xsl:call-template></xsl:if></xsl:variable>
    <xsl:variable name="name">
      <xsl:choose>
        <xsl:when test="normalize-space($name-rtf) != ''"><xsl:value-of select="normalize-space($name-rtf)"/></xsl:when>
        <xsl:when test="$label != ''"><xsl:value-of select="$label"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$who-id"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="u-id"><xsl:call-template name="utterance-id"/></xsl:variable>
    <xsl:variable name="id">
      <xsl:value-of select="$u-id"/>
      <xsl:if test="$n &gt; 1"><xsl:value-of select="concat('.', $n)"/></xsl:if>
    </xsl:variable>
    <tc:cue id="{$id}" who="{concat($who-id, substring($name, 1, string-length($name) * ($who-id = '')))}"
            name="{$name}" label="{normalize-space($label-rtf)}" start="{$start}" end="{$end}">
      <xsl:if test="$n &gt; 1"><xsl:attribute name="continued">yes</xsl:attribute></xsl:if>
      <xsl:choose>
        <xsl:when test="$part">
          <xsl:for-each select="$part"><xsl:call-template name="cue-line"/></xsl:for-each>
        </xsl:when>
        <xsl:when test="*[self::tei:seg or self::tei:p or self::tei:ab or self::tei:l or self::tei:lg]">
          <xsl:for-each select="node()[not(self::tei:speaker)][self::* or normalize-space()]">
            <xsl:call-template name="cue-line"/>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="cue-line"><xsl:with-param name="nodes" select="node()[not(self::tei:speaker)]"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </tc:cue>
  </xsl:template>

  <xsl:template name="cue-line">
    <xsl:param name="nodes" select="."/>
    <xsl:variable name="t"><xsl:apply-templates select="$nodes" mode="dipl-inline"/></xsl:variable>
    <xsl:if test="normalize-space($t) != ''">
      <tc:line><xsl:value-of select="normalize-space($t)"/></tc:line>
    </xsl:if>
  </xsl:template>

  <!-- hh:mm:ss.mmm (WebVTT) or, with $comma, hh:mm:ss,mmm (SubRip) of seconds. -->
  <xsl:template name="cue-time">
    <xsl:param name="seconds"/>
    <xsl:param name="comma" select="false()"/>
    <xsl:variable name="ms" select="round(number($seconds) * 1000)"/>
    <xsl:variable name="s" select="floor($ms div 1000)"/>
    <xsl:value-of select="concat(format-number(floor($s div 3600), '00'), ':',
                                 format-number(floor(($s mod 3600) div 60), '00'), ':',
                                 format-number($s mod 60, '00'), substring('.,', 1 + $comma, 1),
                                 format-number($ms mod 1000, '000'))"/>
  </xsl:template>

</xsl:stylesheet>
