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
    xmlns:tc="urn:x-tei-corpus:xslt"
    exclude-result-prefixes="tei str tc">

  <xsl:import href="common/core.xsl"/>
  <xsl:import href="common/tokens.xsl"/>
  <xsl:import href="common/text.xsl"/>
  <xsl:import href="common/speakers.xsl"/>
  <xsl:import href="common/time.xsl"/>

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

  <!-- Booleans: JSON's false/true; in TSV FALSE/TRUE, which R (read.delim) and
       pandas (read_csv) both type as logical without being told. -->
  <xsl:variable name="booleans" select="substring('falsetrueFALSETRUE', 1 + 9 * ($format != 'jsonl'), 9)"/>
  <xsl:variable name="columns-utterances" select="'doc id n start end who name role role_title label interpreted interpreter truncated interrupting overlap continues language words text'"/>
  <xsl:variable name="columns-participants" select="'doc id kind name role role_title affiliation idno label utterances'"/>
  <xsl:variable name="columns-events" select="'doc n kind type who name utterance after text'"/>

  <xsl:template match="/">
    <xsl:choose>
      <!-- All three, each in an element of its own (for the library: one pass, one parse). -->
      <xsl:when test="$table = 'all'">
        <tc:tables>
          <tc:table name="utterances"><xsl:call-template name="table"/></tc:table>
          <tc:table name="participants"><xsl:call-template name="table"><xsl:with-param name="which" select="'participants'"/></xsl:call-template></tc:table>
          <tc:table name="events"><xsl:call-template name="table"><xsl:with-param name="which" select="'events'"/></xsl:call-template></tc:table>
        </tc:tables>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="table"><xsl:with-param name="which" select="$table"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="table">
    <xsl:param name="which" select="'utterances'"/>
    <xsl:if test="$format = 'tsv' and $header = 'yes'">
      <xsl:variable name="cols">
        <xsl:choose>
          <xsl:when test="$which = 'participants'"><xsl:value-of select="$columns-participants"/></xsl:when>
          <xsl:when test="$which = 'events'"><xsl:value-of select="$columns-events"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$columns-utterances"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:value-of select="translate($cols, ' ', '&#9;')"/>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="$which = 'participants'"><xsl:call-template name="participant-rows"/></xsl:when>
      <xsl:when test="$which = 'events'"><xsl:call-template name="event-rows"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="utterance-rows"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================ cells ============================ -->

  <!-- One cell. $type: string (empty = missing) or number. -->
  <xsl:template name="cell">
    <xsl:param name="name"/>
    <xsl:param name="value"/>
    <xsl:param name="type" select="'string'"/>
    <xsl:param name="first" select="false()"/>
    <xsl:variable name="v" select="normalize-space($value)"/>
    <xsl:choose>
      <xsl:when test="$type = 'string'">
        <xsl:call-template name="string-cell">
          <xsl:with-param name="name" select="$name"/>
          <xsl:with-param name="v" select="$v"/>
          <xsl:with-param name="first" select="$first"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:if test="$format = 'jsonl'">
          <xsl:value-of select="concat(substring(',{', 1 + $first, 1), '&quot;', $name, '&quot;:')"/>
        </xsl:if>
        <xsl:if test="$format != 'jsonl' and not($first)"><xsl:text>&#9;</xsl:text></xsl:if>
        <xsl:choose>
          <xsl:when test="$v != '' or $format != 'jsonl'"><xsl:value-of select="$v"/></xsl:when>
          <xsl:otherwise>null</xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A string cell whose value $v is already whitespace-normalised. TSV: quoted
       CSV-style when it holds a double quote. JSON: escaped, null when empty.
       (str:replace is slow on long strings: it runs only when needed.) -->
  <xsl:template name="string-cell">
    <xsl:param name="name"/>
    <xsl:param name="v"/>
    <xsl:param name="first" select="false()"/>
    <xsl:choose>
      <xsl:when test="$format = 'jsonl'">
        <xsl:value-of select="concat(substring(',{', 1 + $first, 1), '&quot;', $name, '&quot;:')"/>
        <xsl:choose>
          <xsl:when test="$v = ''">null</xsl:when>
          <xsl:when test="contains($v, '\')">
            <xsl:value-of select="concat('&quot;', str:replace(str:replace($v, '\', '\\'), '&quot;', '\&quot;'), '&quot;')"/>
          </xsl:when>
          <xsl:when test="contains($v, '&quot;')">
            <xsl:value-of select="concat('&quot;', str:replace($v, '&quot;', '\&quot;'), '&quot;')"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="concat('&quot;', $v, '&quot;')"/></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <xsl:if test="not($first)"><xsl:text>&#9;</xsl:text></xsl:if>
        <xsl:choose>
          <xsl:when test="contains($v, '&quot;')">
            <xsl:value-of select="concat('&quot;', str:replace($v, '&quot;', '&quot;&quot;'), '&quot;')"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$v"/></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A boolean or number cell (never escaped; a number is never empty here). -->
  <xsl:template name="plain-cell">
    <xsl:param name="name"/>
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="$format = 'jsonl'"><xsl:value-of select="concat(',&quot;', $name, '&quot;:', $v)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('&#9;', $v)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="end-row">
    <xsl:if test="$format = 'jsonl'">}</xsl:if>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- ========================== utterances ========================== -->

  <!-- The display name of the element $p (as name-of in common/core.xsl, as one
       expression: persName, else name, orgName, roleName, else a role's text). -->
  <xsl:template name="name-cell">
    <xsl:param name="name"/>
    <xsl:param name="p"/>
    <xsl:call-template name="string-cell">
      <xsl:with-param name="name" select="$name"/>
      <xsl:with-param name="v" select="normalize-space(($p/tei:persName
          | $p[not(tei:persName)]/tei:name
          | $p[not(tei:persName or tei:name)]/tei:orgName
          | $p[not(tei:persName or tei:name or tei:orgName)]/tei:roleName
          | $p[not(tei:persName or tei:name or tei:orgName or tei:roleName)][self::tei:role])[1])"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The rows, written with few template calls: every value that an
       expression can give is computed inline (this table is the costly one). -->
  <xsl:template name="utterance-rows">
    <xsl:variable name="doc-v" select="normalize-space($doc-id)"/>
    <xsl:for-each select="$utterances">
      <xsl:variable name="text-rtf"><xsl:call-template name="plain-text"/></xsl:variable>
      <xsl:variable name="text" select="string($text-rtf)"/>
      <xsl:variable name="label"><xsl:call-template name="label-of"/></xsl:variable>
      <xsl:variable name="ana"><xsl:call-template name="ana-of"/></xsl:variable>
      <xsl:variable name="who-first" select="substring-before(concat(normalize-space(@who), ' '), ' ')"/>
      <xsl:variable name="p" select="key('id', substring($who-first, 1 + starts-with($who-first, '#')))[1]"/>
      <xsl:variable name="member" select="normalize-space(ancestor::tei:TEI[1][parent::tei:teiCorpus]/@xml:id)"/>
      <xsl:call-template name="string-cell">
        <xsl:with-param name="name" select="'doc'"/><xsl:with-param name="v" select="concat($member, substring($doc-v, 1 div ($member = '')))"/><xsl:with-param name="first" select="true()"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="@xml:id">
          <xsl:call-template name="string-cell">
            <xsl:with-param name="name" select="'id'"/><xsl:with-param name="v" select="normalize-space(@xml:id)"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="cell">
            <xsl:with-param name="name" select="'id'"/>
            <xsl:with-param name="value"><xsl:call-template name="utterance-id"/></xsl:with-param>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="plain-cell"><xsl:with-param name="name" select="'n'"/><xsl:with-param name="v" select="position()"/></xsl:call-template>
      <xsl:call-template name="time-cells"/>
      <xsl:call-template name="string-cell">
        <xsl:with-param name="name" select="'who'"/><xsl:with-param name="v" select="normalize-space(translate(@who, '#', ''))"/>
      </xsl:call-template>
      <xsl:call-template name="name-cell"><xsl:with-param name="name" select="'name'"/><xsl:with-param name="p" select="$p"/></xsl:call-template>
      <xsl:call-template name="string-cell">
        <xsl:with-param name="name" select="'role'"/><xsl:with-param name="v" select="normalize-space($p/@role)"/>
      </xsl:call-template>
      <xsl:call-template name="string-cell">
        <xsl:with-param name="name" select="'role_title'"/>
        <xsl:with-param name="v" select="normalize-space(($p/tei:affiliation/tei:roleName | $p/tei:roleName)[1])"/>
      </xsl:call-template>
      <xsl:call-template name="string-cell"><xsl:with-param name="name" select="'label'"/><xsl:with-param name="v" select="string($label)"/></xsl:call-template>
      <xsl:call-template name="plain-cell">
        <xsl:with-param name="name" select="'interpreted'"/>
        <xsl:with-param name="v" select="substring($booleans, 1 + 5 * contains($ana, ' #interpreted '), 5 - contains($ana, ' #interpreted '))"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="@resp">
          <xsl:variable name="resp-first" select="substring-before(concat(normalize-space(@resp), ' '), ' ')"/>
          <xsl:call-template name="name-cell">
            <xsl:with-param name="name" select="'interpreter'"/>
            <xsl:with-param name="p" select="key('id', substring($resp-first, 1 + starts-with($resp-first, '#')))[1]"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="string-cell"><xsl:with-param name="name" select="'interpreter'"/><xsl:with-param name="v" select="''"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="plain-cell">
        <xsl:with-param name="name" select="'truncated'"/>
        <xsl:with-param name="v" select="substring($booleans, 1 + 5 * contains($ana, ' #truncated '), 5 - contains($ana, ' #truncated '))"/>
      </xsl:call-template>
      <!-- trans="overlap" on an untimed turn is how TEI from elsewhere marks an
           interruption; on a timed one it may be the times alone (diarised speech). -->
      <xsl:variable name="interrupting" select="contains($ana, ' #interrupting ') or (@trans = 'overlap' and not(@start))"/>
      <xsl:call-template name="plain-cell">
        <xsl:with-param name="name" select="'interrupting'"/>
        <xsl:with-param name="v" select="substring($booleans, 1 + 5 * $interrupting, 5 - $interrupting)"/>
      </xsl:call-template>
      <xsl:call-template name="plain-cell">
        <xsl:with-param name="name" select="'overlap'"/>
        <xsl:with-param name="v" select="substring($booleans, 1 + 5 * (@trans = 'overlap'), 5 - (@trans = 'overlap'))"/>
      </xsl:call-template>
      <xsl:variable name="prev-first" select="substring-before(concat(normalize-space(@prev), ' '), ' ')"/>
      <xsl:call-template name="string-cell">
        <xsl:with-param name="name" select="'continues'"/><xsl:with-param name="v" select="substring($prev-first, 1 + starts-with($prev-first, '#'))"/>
      </xsl:call-template>
      <xsl:call-template name="string-cell">
        <xsl:with-param name="name" select="'language'"/><xsl:with-param name="v" select="normalize-space(ancestor-or-self::*[@xml:lang][1]/@xml:lang)"/>
      </xsl:call-template>
      <!-- $text is normalised: its words are its spaces plus one. -->
      <xsl:call-template name="plain-cell">
        <xsl:with-param name="name" select="'words'"/>
        <xsl:with-param name="v" select="(string-length($text) - string-length(str:replace($text, ' ', '')) + 1) * ($text != '')"/>
      </xsl:call-template>
      <xsl:call-template name="string-cell"><xsl:with-param name="name" select="'text'"/><xsl:with-param name="v" select="$text"/></xsl:call-template>
      <xsl:call-template name="end-row"/>
    </xsl:for-each>
  </xsl:template>

  <!-- The start and end cells of the context utterance: seconds since the
       timeline's origin (common/time.xsl), empty (TSV) or null (JSON) when untimed. -->
  <xsl:template name="time-cells">
    <xsl:variable name="start"><xsl:if test="@start"><xsl:call-template name="seconds-at"><xsl:with-param name="ref" select="@start"/></xsl:call-template></xsl:if></xsl:variable>
    <xsl:variable name="end"><xsl:if test="@end"><xsl:call-template name="seconds-at"><xsl:with-param name="ref" select="@end"/></xsl:call-template></xsl:if></xsl:variable>
    <xsl:call-template name="plain-cell"><xsl:with-param name="name" select="'start'"/><xsl:with-param name="v" select="concat($start, substring('null', 1, 4 * ($start = '' and $format = 'jsonl')))"/></xsl:call-template>
    <xsl:call-template name="plain-cell"><xsl:with-param name="name" select="'end'"/><xsl:with-param name="v" select="concat($end, substring('null', 1, 4 * ($end = '' and $format = 'jsonl')))"/></xsl:call-template>
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
    <!-- Speakers named by @who that the header does not list, in the order of
         their first turns ($who-firsts: common/speakers.xsl). -->
    <xsl:for-each select="$who-firsts">
      <xsl:sort select="@n" data-type="number"/>
      <xsl:variable name="g" select="@g"/>
      <xsl:for-each select="$source-root">
        <xsl:for-each select="key('turn-by-gid', $g)">
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
      </xsl:for-each>
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
    <xsl:variable name="doc-v" select="normalize-space($doc-id)"/>
    <xsl:for-each select="$texts//tei:vocal | $texts//tei:kinesic | $texts//tei:incident | $texts//tei:pause
                          | $texts//tei:gap | $texts//tei:stage | $texts//tei:note[not(@type = 'speaker' or @type = 'delivery')]">
      <xsl:variable name="who-first" select="substring-before(concat(normalize-space(@who), ' '), ' ')"/>
      <xsl:variable name="within" select="ancestor::*[self::tei:u or self::tei:sp][1]"/>
      <xsl:variable name="member" select="normalize-space(ancestor::tei:TEI[1][parent::tei:teiCorpus]/@xml:id)"/>
      <xsl:call-template name="string-cell">
        <xsl:with-param name="name" select="'doc'"/><xsl:with-param name="v" select="concat($member, substring($doc-v, 1 div ($member = '')))"/><xsl:with-param name="first" select="true()"/>
      </xsl:call-template>
      <xsl:call-template name="plain-cell"><xsl:with-param name="name" select="'n'"/><xsl:with-param name="v" select="position()"/></xsl:call-template>
      <xsl:call-template name="string-cell"><xsl:with-param name="name" select="'kind'"/><xsl:with-param name="v" select="local-name()"/></xsl:call-template>
      <xsl:call-template name="string-cell">
        <xsl:with-param name="name" select="'type'"/><xsl:with-param name="v" select="normalize-space(concat(@type, @reason[not(current()/@type)]))"/>
      </xsl:call-template>
      <xsl:call-template name="string-cell">
        <xsl:with-param name="name" select="'who'"/><xsl:with-param name="v" select="normalize-space(translate(@who, '#', ''))"/>
      </xsl:call-template>
      <xsl:call-template name="name-cell">
        <xsl:with-param name="name" select="'name'"/>
        <xsl:with-param name="p" select="key('id', substring($who-first, 1 + starts-with($who-first, '#')))[1]"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="$within[not(@xml:id)]">
          <xsl:call-template name="cell">
            <xsl:with-param name="name" select="'utterance'"/>
            <xsl:with-param name="value"><xsl:call-template name="utterance-id"><xsl:with-param name="node" select="$within"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="string-cell">
            <xsl:with-param name="name" select="'utterance'"/><xsl:with-param name="v" select="normalize-space($within/@xml:id)"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:choose>
        <xsl:when test="$within">
          <xsl:call-template name="string-cell"><xsl:with-param name="name" select="'after'"/><xsl:with-param name="v" select="''"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="cell">
            <xsl:with-param name="name" select="'after'"/>
            <xsl:with-param name="value"><xsl:call-template name="turn-before"/></xsl:with-param>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="string-cell">
        <xsl:with-param name="name" select="'text'"/><xsl:with-param name="v" select="normalize-space((tei:desc | self::*[not(tei:desc)])[1])"/>
      </xsl:call-template>
      <xsl:call-template name="end-row"/>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
