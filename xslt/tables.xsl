<?xml version="1.0" encoding="UTF-8"?>
<!--
  Tables of a TEI document for analysis: one row per utterance, per
  participant or per event, as TSV (header row, quoting as in CSV) or as
  JSON Lines (parameters and columns: see xslt/README.md).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="tei str">

  <xsl:import href="common/core.xsl"/>
  <xsl:import href="common/text.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="table" select="'utterances'"/>
  <xsl:param name="format" select="'tsv'"/>
  <xsl:param name="header" select="'yes'"/>
  <xsl:param name="doc" select="''"/>
  <!-- Used by the shared text templates. -->
  <xsl:param name="gap" select="''"/>
  <xsl:param name="boilerplate" select="'no'"/>

  <xsl:variable name="doc-id"><xsl:call-template name="doc-id"><xsl:with-param name="given" select="$doc"/></xsl:call-template></xsl:variable>
  <xsl:variable name="texts" select="//tei:text[not(ancestor::tei:text)]"/>
  <xsl:variable name="utterances" select="$texts//tei:u | $texts//tei:sp"/>

  <xsl:variable name="columns-utterances" select="'doc id n who name role role_title label interpreted interpreter truncated interrupting continues language words text'"/>
  <xsl:variable name="columns-participants" select="'doc id kind name role role_title affiliation idno label utterances'"/>
  <xsl:variable name="columns-events" select="'doc n kind type who name utterance after text'"/>

  <xsl:template match="/">
    <xsl:if test="$format = 'tsv' and $header = 'yes'">
      <xsl:variable name="cols">
        <xsl:choose>
          <xsl:when test="$table = 'participants'"><xsl:value-of select="$columns-participants"/></xsl:when>
          <xsl:when test="$table = 'events'"><xsl:value-of select="$columns-events"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$columns-utterances"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:value-of select="translate($cols, ' ', '&#9;')"/>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="$table = 'participants'"><xsl:call-template name="participant-rows"/></xsl:when>
      <xsl:when test="$table = 'events'"><xsl:call-template name="event-rows"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="utterance-rows"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================ cells ============================ -->

  <!-- One cell. $type: string (empty = missing), number, bool ('true' or not). -->
  <xsl:template name="cell">
    <xsl:param name="name"/>
    <xsl:param name="value"/>
    <xsl:param name="type" select="'string'"/>
    <xsl:param name="first" select="false()"/>
    <xsl:variable name="v" select="normalize-space($value)"/>
    <xsl:choose>
      <xsl:when test="$format = 'jsonl'">
        <xsl:choose>
          <xsl:when test="$first">{</xsl:when>
          <xsl:otherwise>,</xsl:otherwise>
        </xsl:choose>
        <xsl:text>"</xsl:text><xsl:value-of select="$name"/><xsl:text>":</xsl:text>
        <xsl:choose>
          <xsl:when test="$type = 'bool' and $v = 'true'">true</xsl:when>
          <xsl:when test="$type = 'bool'">false</xsl:when>
          <xsl:when test="$type = 'number' and $v != ''"><xsl:value-of select="$v"/></xsl:when>
          <xsl:when test="$v = ''">null</xsl:when>
          <xsl:otherwise>
            <xsl:text>"</xsl:text>
            <xsl:value-of select="str:replace(str:replace($v, '\', '\\'), '&quot;', '\&quot;')"/>
            <xsl:text>"</xsl:text>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <xsl:if test="not($first)"><xsl:text>&#9;</xsl:text></xsl:if>
        <xsl:choose>
          <xsl:when test="$type = 'bool' and $v = 'true'">true</xsl:when>
          <xsl:when test="$type = 'bool'">false</xsl:when>
          <xsl:when test="contains($v, '&quot;')">
            <xsl:text>"</xsl:text>
            <xsl:value-of select="str:replace($v, '&quot;', '&quot;&quot;')"/>
            <xsl:text>"</xsl:text>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$v"/></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="end-row">
    <xsl:if test="$format = 'jsonl'">}</xsl:if>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- ========================== utterances ========================== -->

  <xsl:template name="utterance-rows">
    <xsl:for-each select="$utterances">
      <xsl:variable name="who-id"><xsl:call-template name="ref-id"><xsl:with-param name="ref" select="@who"/></xsl:call-template></xsl:variable>
      <xsl:variable name="resp-id"><xsl:call-template name="ref-id"><xsl:with-param name="ref" select="@resp"/></xsl:call-template></xsl:variable>
      <xsl:variable name="text"><xsl:call-template name="plain-text"/></xsl:variable>
      <xsl:variable name="interrupting">
        <xsl:call-template name="has-ana"><xsl:with-param name="cat" select="'interrupting'"/></xsl:call-template>
        <xsl:if test="@trans = 'overlap'">true</xsl:if>
      </xsl:variable>
      <xsl:call-template name="cell">
        <xsl:with-param name="name" select="'doc'"/><xsl:with-param name="value" select="$doc-id"/><xsl:with-param name="first" select="true()"/>
      </xsl:call-template>
      <xsl:call-template name="cell">
        <xsl:with-param name="name" select="'id'"/>
        <xsl:with-param name="value"><xsl:call-template name="utterance-id"/></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="cell">
        <xsl:with-param name="name" select="'n'"/><xsl:with-param name="value" select="position()"/><xsl:with-param name="type" select="'number'"/>
      </xsl:call-template>
      <xsl:call-template name="cell">
        <xsl:with-param name="name" select="'who'"/><xsl:with-param name="value" select="translate(@who, '#', '')"/>
      </xsl:call-template>
      <xsl:call-template name="cell">
        <xsl:with-param name="name" select="'name'"/>
        <xsl:with-param name="value"><xsl:call-template name="name-of"><xsl:with-param name="id" select="$who-id"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="cell">
        <xsl:with-param name="name" select="'role'"/>
        <xsl:with-param name="value"><xsl:call-template name="role-of"><xsl:with-param name="id" select="$who-id"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="cell">
        <xsl:with-param name="name" select="'role_title'"/>
        <xsl:with-param name="value"><xsl:call-template name="role-title-of"><xsl:with-param name="id" select="$who-id"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="cell">
        <xsl:with-param name="name" select="'label'"/>
        <xsl:with-param name="value"><xsl:call-template name="label-of"/></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="cell">
        <xsl:with-param name="name" select="'interpreted'"/><xsl:with-param name="type" select="'bool'"/>
        <xsl:with-param name="value"><xsl:call-template name="has-ana"><xsl:with-param name="cat" select="'interpreted'"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="cell">
        <xsl:with-param name="name" select="'interpreter'"/>
        <xsl:with-param name="value"><xsl:if test="@resp"><xsl:call-template name="name-of"><xsl:with-param name="id" select="$resp-id"/></xsl:call-template></xsl:if></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="cell">
        <xsl:with-param name="name" select="'truncated'"/><xsl:with-param name="type" select="'bool'"/>
        <xsl:with-param name="value"><xsl:call-template name="has-ana"><xsl:with-param name="cat" select="'truncated'"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="cell">
        <xsl:with-param name="name" select="'interrupting'"/><xsl:with-param name="type" select="'bool'"/>
        <xsl:with-param name="value" select="substring($interrupting, 1, 4)"/>
      </xsl:call-template>
      <xsl:call-template name="cell">
        <xsl:with-param name="name" select="'continues'"/>
        <xsl:with-param name="value"><xsl:if test="@prev"><xsl:call-template name="ref-id"><xsl:with-param name="ref" select="@prev"/></xsl:call-template></xsl:if></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="cell">
        <xsl:with-param name="name" select="'language'"/>
        <xsl:with-param name="value"><xsl:call-template name="lang-of"/></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="cell">
        <xsl:with-param name="name" select="'words'"/><xsl:with-param name="type" select="'number'"/>
        <xsl:with-param name="value"><xsl:call-template name="word-count"><xsl:with-param name="text" select="$text"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="cell">
        <xsl:with-param name="name" select="'text'"/><xsl:with-param name="value" select="$text"/>
      </xsl:call-template>
      <xsl:call-template name="end-row"/>
    </xsl:for-each>
  </xsl:template>

  <!-- ========================= participants ========================= -->

  <xsl:template name="participant-rows">
    <xsl:for-each select="//tei:listPerson//tei:person[not(ancestor::tei:person)] | //tei:listPerson//tei:personGrp">
      <xsl:variable name="id" select="@xml:id"/>
      <xsl:variable name="turns" select="key('u-by-who', concat('#', $id))"/>
      <xsl:call-template name="participant-row">
        <xsl:with-param name="id" select="$id"/>
        <xsl:with-param name="kind" select="local-name()"/>
        <xsl:with-param name="name"><xsl:call-template name="name-of"><xsl:with-param name="id" select="$id"/></xsl:call-template></xsl:with-param>
        <xsl:with-param name="turns" select="$turns"/>
      </xsl:call-template>
    </xsl:for-each>
    <!-- Speakers named by @who that the header does not list. -->
    <xsl:for-each select="$utterances[@who][generate-id() = generate-id(key('u-by-who', normalize-space(@who))[1])]">
      <xsl:variable name="id"><xsl:call-template name="ref-id"><xsl:with-param name="ref" select="@who"/></xsl:call-template></xsl:variable>
      <xsl:if test="not(key('id', $id)[self::tei:person or self::tei:personGrp])">
        <xsl:call-template name="participant-row">
          <xsl:with-param name="id" select="translate(normalize-space(@who), '#', '')"/>
          <xsl:with-param name="kind" select="'unlisted'"/>
          <xsl:with-param name="name" select="''"/>
          <xsl:with-param name="turns" select="key('u-by-who', normalize-space(@who))"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="participant-row">
    <xsl:param name="id"/>
    <xsl:param name="kind"/>
    <xsl:param name="name"/>
    <xsl:param name="turns"/>
    <xsl:call-template name="cell">
      <xsl:with-param name="name" select="'doc'"/><xsl:with-param name="value" select="$doc-id"/><xsl:with-param name="first" select="true()"/>
    </xsl:call-template>
    <xsl:call-template name="cell"><xsl:with-param name="name" select="'id'"/><xsl:with-param name="value" select="$id"/></xsl:call-template>
    <xsl:call-template name="cell"><xsl:with-param name="name" select="'kind'"/><xsl:with-param name="value" select="$kind"/></xsl:call-template>
    <xsl:call-template name="cell"><xsl:with-param name="name" select="'name'"/><xsl:with-param name="value" select="$name"/></xsl:call-template>
    <xsl:call-template name="cell"><xsl:with-param name="name" select="'role'"/><xsl:with-param name="value" select="@role[$kind != 'unlisted']"/></xsl:call-template>
    <xsl:call-template name="cell">
      <xsl:with-param name="name" select="'role_title'"/>
      <xsl:with-param name="value"><xsl:if test="$kind != 'unlisted'"><xsl:call-template name="role-title-of"><xsl:with-param name="id" select="$id"/></xsl:call-template></xsl:if></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="cell">
      <xsl:with-param name="name" select="'affiliation'"/>
      <xsl:with-param name="value"><xsl:if test="$kind != 'unlisted'"><xsl:call-template name="affiliation-of"><xsl:with-param name="id" select="$id"/></xsl:call-template></xsl:if></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="cell"><xsl:with-param name="name" select="'idno'"/><xsl:with-param name="value" select="tei:idno[1][$kind != 'unlisted']"/></xsl:call-template>
    <xsl:call-template name="cell">
      <xsl:with-param name="name" select="'label'"/>
      <xsl:with-param name="value"><xsl:if test="$turns"><xsl:call-template name="label-of"><xsl:with-param name="node" select="$turns[1]"/></xsl:call-template></xsl:if></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="cell"><xsl:with-param name="name" select="'utterances'"/><xsl:with-param name="value" select="count($turns)"/><xsl:with-param name="type" select="'number'"/></xsl:call-template>
    <xsl:call-template name="end-row"/>
  </xsl:template>

  <!-- ============================ events ============================ -->

  <xsl:template name="event-rows">
    <xsl:for-each select="$texts//tei:vocal | $texts//tei:kinesic | $texts//tei:incident | $texts//tei:pause
                          | $texts//tei:gap | $texts//tei:stage | $texts//tei:note[not(@type = 'speaker' or @type = 'delivery')]">
      <xsl:variable name="who-id"><xsl:call-template name="ref-id"><xsl:with-param name="ref" select="@who"/></xsl:call-template></xsl:variable>
      <xsl:variable name="within" select="ancestor::*[self::tei:u or self::tei:sp][1]"/>
      <xsl:variable name="after"><xsl:if test="not($within)"><xsl:call-template name="turn-before"/></xsl:if></xsl:variable>
      <xsl:call-template name="cell">
        <xsl:with-param name="name" select="'doc'"/><xsl:with-param name="value" select="$doc-id"/><xsl:with-param name="first" select="true()"/>
      </xsl:call-template>
      <xsl:call-template name="cell"><xsl:with-param name="name" select="'n'"/><xsl:with-param name="value" select="position()"/><xsl:with-param name="type" select="'number'"/></xsl:call-template>
      <xsl:call-template name="cell"><xsl:with-param name="name" select="'kind'"/><xsl:with-param name="value" select="local-name()"/></xsl:call-template>
      <xsl:call-template name="cell"><xsl:with-param name="name" select="'type'"/><xsl:with-param name="value" select="concat(@type, @reason[not(current()/@type)])"/></xsl:call-template>
      <xsl:call-template name="cell"><xsl:with-param name="name" select="'who'"/><xsl:with-param name="value" select="translate(@who, '#', '')"/></xsl:call-template>
      <xsl:call-template name="cell">
        <xsl:with-param name="name" select="'name'"/>
        <xsl:with-param name="value"><xsl:if test="@who"><xsl:call-template name="name-of"><xsl:with-param name="id" select="$who-id"/></xsl:call-template></xsl:if></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="cell">
        <xsl:with-param name="name" select="'utterance'"/>
        <xsl:with-param name="value"><xsl:if test="$within"><xsl:call-template name="utterance-id"><xsl:with-param name="node" select="$within"/></xsl:call-template></xsl:if></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="cell">
        <xsl:with-param name="name" select="'after'"/>
        <xsl:with-param name="value" select="$after"/>
      </xsl:call-template>
      <xsl:call-template name="cell">
        <xsl:with-param name="name" select="'text'"/>
        <xsl:with-param name="value">
          <xsl:choose>
            <xsl:when test="tei:desc"><xsl:value-of select="tei:desc"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="end-row"/>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
