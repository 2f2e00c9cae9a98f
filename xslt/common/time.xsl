<?xml version="1.0" encoding="UTF-8"?>
<!--
  Times of utterances: the seconds since the timeline's origin of the when
  that u/@start or u/@end points to, and their display.

  A when counts from its timeline's origin (timeline/@origin, 0 s): by
  @interval since another when (@since, followed up to 50 steps; the unit is
  when/@unit, else timeline/@unit, else seconds: d, h, min, s or ms), or by
  @absolute against the origin's @absolute (hh:mm:ss[.fff], the time of day
  of an xs:dateTime too). A time that cannot be worked out is empty: the
  utterance is then untimed, never given a wrong time.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <!-- The seconds at the when a pointer ("#T3") names, as a number string
       with at most three decimals; empty when unknown. -->
  <xsl:template name="seconds-at">
    <xsl:param name="ref"/>
    <xsl:variable name="r" select="normalize-space($ref)"/>
    <xsl:variable name="w" select="key('id', substring($r, 1 + starts-with($r, '#')))[self::tei:when][1]"/>
    <xsl:if test="$w and not(contains($r, ' '))">
      <xsl:variable name="s"><xsl:call-template name="when-seconds"><xsl:with-param name="w" select="$w"/></xsl:call-template></xsl:variable>
      <xsl:if test="string(number($s)) != 'NaN'">
        <xsl:value-of select="format-number($s, '0.###')"/>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- The seconds since the origin at the when $w (unrounded), else empty. -->
  <xsl:template name="when-seconds">
    <xsl:param name="w"/>
    <xsl:param name="depth" select="50"/>
    <xsl:variable name="tl" select="$w/parent::tei:timeline"/>
    <xsl:variable name="origin-ref" select="normalize-space($tl/@origin)"/>
    <xsl:variable name="origin" select="key('id', substring($origin-ref, 1 + starts-with($origin-ref, '#')))[self::tei:when][1]"/>
    <xsl:choose>
      <xsl:when test="$origin and generate-id($origin) = generate-id($w)">0</xsl:when>
      <xsl:when test="$w/@interval and $w/@since and string(number($w/@interval)) != 'NaN' and $depth &gt; 0">
        <xsl:variable name="since-ref" select="normalize-space($w/@since)"/>
        <xsl:variable name="since" select="key('id', substring($since-ref, 1 + starts-with($since-ref, '#')))[self::tei:when][1]"/>
        <xsl:variable name="base">
          <xsl:if test="$since">
            <xsl:call-template name="when-seconds">
              <xsl:with-param name="w" select="$since"/>
              <xsl:with-param name="depth" select="$depth - 1"/>
            </xsl:call-template>
          </xsl:if>
        </xsl:variable>
        <xsl:variable name="factor">
          <xsl:call-template name="unit-seconds">
            <xsl:with-param name="unit" select="normalize-space(($w/@unit | $tl/@unit)[last()])"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:if test="string(number($base)) != 'NaN' and string(number($factor)) != 'NaN'">
          <xsl:value-of select="number($base) + number($w/@interval) * number($factor)"/>
        </xsl:if>
      </xsl:when>
      <xsl:when test="$w/@absolute and $origin/@absolute">
        <xsl:variable name="at"><xsl:call-template name="clock-seconds"><xsl:with-param name="value" select="$w/@absolute"/></xsl:call-template></xsl:variable>
        <xsl:variable name="from"><xsl:call-template name="clock-seconds"><xsl:with-param name="value" select="$origin/@absolute"/></xsl:call-template></xsl:variable>
        <xsl:if test="string(number($at) - number($from)) != 'NaN' and number($at) &gt;= number($from)">
          <xsl:value-of select="number($at) - number($from)"/>
        </xsl:if>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- Seconds in one $unit (TEI's att.duration units); NaN for others. -->
  <xsl:template name="unit-seconds">
    <xsl:param name="unit"/>
    <xsl:choose>
      <xsl:when test="$unit = '' or $unit = 's'">1</xsl:when>
      <xsl:when test="$unit = 'ms'">0.001</xsl:when>
      <xsl:when test="$unit = 'min'">60</xsl:when>
      <xsl:when test="$unit = 'h'">3600</xsl:when>
      <xsl:when test="$unit = 'd'">86400</xsl:when>
      <xsl:otherwise>NaN</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The seconds since midnight of hh:mm:ss[.fff], or of the time of an
       xs:dateTime (a time zone after the seconds is ignored). -->
  <xsl:template name="clock-seconds">
    <xsl:param name="value"/>
    <xsl:variable name="v" select="normalize-space($value)"/>
    <xsl:variable name="t">
      <xsl:choose>
        <xsl:when test="contains($v, 'T')"><xsl:value-of select="substring-after($v, 'T')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$v"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="h" select="substring-before($t, ':')"/>
    <xsl:variable name="rest" select="substring-after($t, ':')"/>
    <xsl:variable name="m" select="substring-before($rest, ':')"/>
    <xsl:variable name="s" select="substring(substring-after($rest, ':'), 1, string-length(substring-after($rest, ':'))
        - string-length(substring-after(translate(substring-after($rest, ':'), '+-Z', '###'), '#'))
        - contains(translate(substring-after($rest, ':'), '+-Z', '###'), '#'))"/>
    <xsl:value-of select="number($h) * 3600 + number($m) * 60 + number($s)"/>
  </xsl:template>

  <!-- hh:mm:ss of a number of seconds (fractions dropped). -->
  <xsl:template name="clock">
    <xsl:param name="seconds"/>
    <xsl:variable name="s" select="floor(number($seconds))"/>
    <xsl:value-of select="concat(format-number(floor($s div 3600), '00'), ':',
                                 format-number(floor(($s mod 3600) div 60), '00'), ':',
                                 format-number($s mod 60, '00'))"/>
  </xsl:template>

</xsl:stylesheet>
