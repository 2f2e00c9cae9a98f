<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shared keys and named templates of every edition: pointers, people,
  utterance ids and states, languages, header fields.

  Works on any TEI P5 document; nothing here assumes the toolkit's own
  encoding, and every lookup has a fallback for missing metadata.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:exsl="http://exslt.org/common"
    xmlns:str="http://exslt.org/strings"
    xmlns:tc="urn:x-tei-corpus:xslt"
    exclude-result-prefixes="tei exsl str tc">

  <!-- Every element with an xml:id (persons, utterances, categories...). -->
  <xsl:key name="id" match="*[@xml:id]" use="@xml:id"/>
  <!-- Utterances by their @who value, as written. -->
  <xsl:key name="u-by-who" match="tei:u[@who] | tei:sp[@who]" use="normalize-space(@who)"/>
  <!-- Languages declared in the header. -->
  <xsl:key name="language" match="tei:langUsage/tei:language[@ident]" use="@ident"/>

  <!-- The number of every utterance without xml:id (its position among all u
       and sp of the document), computed in one pass: numbering each turn with
       xsl:number level="any" would count the turns before it, every time. -->
  <xsl:key name="turn-number" match="tc:turn" use="@g"/>
  <xsl:variable name="turn-numbers-rtf">
    <xsl:for-each select="//tei:u | //tei:sp">
      <xsl:if test="not(@xml:id)"><tc:turn g="{generate-id()}" n="{position()}"/></xsl:if>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="turn-numbers" select="exsl:node-set($turn-numbers-rtf)"/>

  <!-- Elements rendered as events: set apart from speech. -->
  <xsl:variable name="event-names" select="' vocal kinesic incident pause gap '"/>

  <!-- The id a pointer names: "#blinken" -> "blinken"; first token only. -->
  <xsl:template name="ref-id">
    <xsl:param name="ref"/>
    <xsl:variable name="first" select="substring-before(concat(normalize-space($ref), ' '), ' ')"/>
    <xsl:choose>
      <xsl:when test="starts-with($first, '#')"><xsl:value-of select="substring($first, 2)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$first"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The display name of a person, personGrp (or any element) given its id. -->
  <xsl:template name="name-of">
    <xsl:param name="id"/>
    <xsl:variable name="p" select="key('id', $id)[1]"/>
    <xsl:choose>
      <xsl:when test="$p/tei:persName">
        <xsl:value-of select="normalize-space($p/tei:persName[1])"/>
      </xsl:when>
      <xsl:when test="$p/tei:name">
        <xsl:value-of select="normalize-space($p/tei:name[1])"/>
      </xsl:when>
      <xsl:when test="$p/tei:orgName">
        <xsl:value-of select="normalize-space($p/tei:orgName[1])"/>
      </xsl:when>
      <xsl:when test="$p/tei:roleName">
        <xsl:value-of select="normalize-space($p/tei:roleName[1])"/>
      </xsl:when>
      <xsl:when test="$p/self::tei:role">
        <xsl:value-of select="normalize-space($p)"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The part a person plays (@role: principal, moderator...). -->
  <xsl:template name="role-of">
    <xsl:param name="id"/>
    <xsl:value-of select="normalize-space(key('id', $id)[1]/@role)"/>
  </xsl:template>

  <!-- The role title, e.g. "Secretary of State" (affiliation/roleName). -->
  <xsl:template name="role-title-of">
    <xsl:param name="id"/>
    <xsl:variable name="p" select="key('id', $id)[1]"/>
    <xsl:value-of select="normalize-space(($p/tei:affiliation/tei:roleName | $p/tei:roleName)[1])"/>
  </xsl:template>

  <!-- The organisation, e.g. "Department of State" (affiliation/orgName). -->
  <xsl:template name="affiliation-of">
    <xsl:param name="id"/>
    <xsl:variable name="p" select="key('id', $id)[1]"/>
    <xsl:value-of select="normalize-space(($p/tei:affiliation/tei:orgName | $p/tei:affiliation[not(*)])[1])"/>
  </xsl:template>

  <!-- The citable id of an utterance (u or sp): its xml:id, else "turn-N". -->
  <xsl:template name="utterance-id">
    <xsl:param name="node" select="."/>
    <xsl:choose>
      <xsl:when test="$node/@xml:id"><xsl:value-of select="$node/@xml:id"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="g" select="generate-id($node)"/>
        <xsl:text>turn-</xsl:text>
        <xsl:for-each select="$turn-numbers">
          <xsl:value-of select="key('turn-number', $g)/@n"/>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The id of the utterance before $node among its siblings (events and
       notes may stand between; at most 20 steps back). -->
  <xsl:template name="turn-before">
    <xsl:param name="node" select="."/>
    <xsl:param name="steps" select="20"/>
    <xsl:variable name="p" select="$node/preceding-sibling::*[1]"/>
    <xsl:choose>
      <xsl:when test="$p/self::tei:u or $p/self::tei:sp">
        <xsl:call-template name="utterance-id"><xsl:with-param name="node" select="$p"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$p and $steps &gt; 0">
        <xsl:call-template name="turn-before">
          <xsl:with-param name="node" select="$p"/>
          <xsl:with-param name="steps" select="$steps - 1"/>
        </xsl:call-template>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- @ana of $node as " #a #b ", the categories named by their ids in the
       document: inside a teiCorpus, where each member's ids are prefixed with
       its id and a dot ("#doc1.truncated"), the prefix is removed. -->
  <xsl:template name="ana-of">
    <xsl:param name="node" select="."/>
    <xsl:variable name="ana" select="concat(' ', normalize-space($node/@ana), ' ')"/>
    <xsl:variable name="member" select="normalize-space($node/ancestor::tei:TEI[1][parent::tei:teiCorpus]/@xml:id)"/>
    <xsl:choose>
      <xsl:when test="$member != '' and contains($ana, concat(' #', $member, '.'))">
        <xsl:value-of select="str:replace($ana, concat(' #', $member, '.'), ' #')"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$ana"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "true" when @ana of the context node holds the category $cat. -->
  <xsl:template name="has-ana">
    <xsl:param name="cat"/>
    <xsl:param name="node" select="."/>
    <xsl:variable name="ana"><xsl:call-template name="ana-of"><xsl:with-param name="node" select="$node"/></xsl:call-template></xsl:variable>
    <xsl:if test="contains($ana, concat(' #', $cat, ' '))">true</xsl:if>
  </xsl:template>

  <!-- The printed speaker label of a u: the note[@type='speaker'] just before
       it (a delivery note may stand between), or the speaker of an sp. -->
  <xsl:template name="label-of">
    <xsl:param name="node" select="."/>
    <xsl:choose>
      <xsl:when test="$node/self::tei:sp">
        <xsl:value-of select="normalize-space($node/tei:speaker[1])"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="label-before">
          <xsl:with-param name="node" select="$node/preceding-sibling::*[1]"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Walk back over delivery notes to the speaker note (one step at a time:
       a filtered preceding-sibling axis would make long documents quadratic). -->
  <xsl:template name="label-before">
    <xsl:param name="node"/>
    <xsl:choose>
      <xsl:when test="$node/self::tei:note[@type='speaker']">
        <xsl:value-of select="normalize-space($node)"/>
      </xsl:when>
      <xsl:when test="$node/self::tei:note[@type='delivery']">
        <xsl:call-template name="label-before">
          <xsl:with-param name="node" select="$node/preceding-sibling::*[1]"/>
        </xsl:call-template>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- "true" when the context note (a speaker label or delivery cue) introduces
       a u: only delivery notes stand between it and the u. The u writes it. -->
  <xsl:template name="introduces-u">
    <xsl:param name="node" select="following-sibling::*[1]"/>
    <xsl:choose>
      <xsl:when test="$node/self::tei:u">true</xsl:when>
      <xsl:when test="$node/self::tei:note[@type='delivery']">
        <xsl:call-template name="introduces-u">
          <xsl:with-param name="node" select="$node/following-sibling::*[1]"/>
        </xsl:call-template>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The printed delivery cues of a u, e.g. "(Via interpreter)": the
       delivery notes between its speaker label and it. -->
  <xsl:template name="cue-of">
    <xsl:param name="node" select="."/>
    <xsl:variable name="cues">
      <xsl:call-template name="cue-run"><xsl:with-param name="node" select="$node"/></xsl:call-template>
    </xsl:variable>
    <xsl:value-of select="normalize-space($cues)"/>
  </xsl:template>

  <!-- The run of delivery notes just before $node, in document order. -->
  <xsl:template name="cue-run">
    <xsl:param name="node"/>
    <!-- preceding-sibling::*[1] alone stays fast in libxslt; a second predicate makes it scan. -->
    <xsl:variable name="p" select="$node/preceding-sibling::*[1]"/>
    <xsl:if test="$p/self::tei:note[@type='delivery']">
      <xsl:call-template name="cue-run"><xsl:with-param name="node" select="$p"/></xsl:call-template>
      <xsl:text> </xsl:text>
      <xsl:value-of select="$p"/>
    </xsl:if>
  </xsl:template>

  <!-- The language in force at the context node (nearest xml:lang). -->
  <xsl:template name="lang-of">
    <xsl:param name="node" select="."/>
    <xsl:value-of select="$node/ancestor-or-self::*[@xml:lang][1]/@xml:lang"/>
  </xsl:template>

  <!-- The name of a declared language, else the code itself. -->
  <xsl:template name="language-name">
    <xsl:param name="code"/>
    <xsl:variable name="l" select="key('language', $code)[1]"/>
    <xsl:choose>
      <xsl:when test="normalize-space($l)"><xsl:value-of select="normalize-space($l)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$code"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The number of whitespace-separated words in $text. -->
  <xsl:template name="word-count">
    <xsl:param name="text"/>
    <xsl:variable name="t" select="normalize-space($text)"/>
    <xsl:choose>
      <xsl:when test="$t = ''">0</xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="string-length($t) - string-length(translate($t, ' ', '')) + 1"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The document title: a main (or untyped) title in the document's
       language, else the first title; the first TEI's title in a corpus. -->
  <xsl:template name="doc-title">
    <xsl:variable name="header" select="(/tei:TEI/tei:teiHeader | /tei:teiCorpus/tei:teiHeader)[1]"/>
    <xsl:variable name="lang" select="/*/@xml:lang"/>
    <xsl:variable name="titles" select="$header/tei:fileDesc/tei:titleStmt/tei:title[not(@type) or @type='main'][normalize-space()]"/>
    <xsl:choose>
      <xsl:when test="$titles[@xml:lang = $lang]">
        <xsl:value-of select="normalize-space($titles[@xml:lang = $lang][1])"/>
      </xsl:when>
      <xsl:when test="$titles">
        <xsl:value-of select="normalize-space($titles[1])"/>
      </xsl:when>
      <xsl:when test="normalize-space($header/tei:fileDesc/tei:titleStmt/tei:title[1])">
        <xsl:value-of select="normalize-space($header/tei:fileDesc/tei:titleStmt/tei:title[1])"/>
      </xsl:when>
      <xsl:when test="/*/@xml:id"><xsl:value-of select="/*/@xml:id"/></xsl:when>
      <xsl:otherwise>Untitled TEI document</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The document id: the $doc parameter when given, else the root xml:id. -->
  <xsl:template name="doc-id">
    <xsl:param name="given"/>
    <xsl:choose>
      <xsl:when test="normalize-space($given)"><xsl:value-of select="normalize-space($given)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="/*/@xml:id"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
