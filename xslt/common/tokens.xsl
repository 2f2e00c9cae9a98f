<?xml version="1.0" encoding="UTF-8"?>
<!--
  Spacing of tokenised text (TEI linguistic annotation: w and pc).

  A tokenised transcript writes one token per line, and says with @join where
  the printed text has no space: a token with join="right" has no space after
  it, join="left" none before it, "both" neither, "overlap" (overlapping its
  neighbours) neither. So the whitespace between two sibling nodes is dropped
  when the token before it joins right or the token after it joins left; the
  token at the edge of an element (a name, a sentence) counts for the element,
  and the space just inside an element looks one level out.
  Everything else (and every document without w or pc) is copied as before.

  Modes: "dipl-inline" and "plain" (common/text.xsl), "inline" (common/html-flow.xsl).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <!-- Whether the document has tokens at all: one pass, then the whitespace of
       an untokenised document is copied without looking at its neighbours. -->
  <xsl:key name="token" match="tei:w | tei:pc" use="'t'"/>
  <xsl:variable name="has-tokens" select="boolean(key('token', 't'))"/>

  <!-- "true" when the whitespace text node $node stands where @join says there is no space. -->
  <xsl:template name="joined-space">
    <xsl:param name="node" select="."/>
    <xsl:if test="$has-tokens">
      <!-- The node before: the preceding sibling; for the first child (the space
           just inside "<name> <w>"), the node before the parent, one level up. -->
      <xsl:variable name="sibling-before" select="$node/preceding-sibling::node()[1]"/>
      <xsl:variable name="up-before" select="$node[not($sibling-before)]/../preceding-sibling::node()[1]"/>
      <xsl:variable name="before"
          select="$sibling-before | $up-before[self::* or normalize-space()]
                  | $up-before[not(self::* or normalize-space())]/preceding-sibling::node()[1]"/>
      <xsl:variable name="sibling-after" select="$node/following-sibling::node()[1]"/>
      <xsl:variable name="up-after" select="$node[not($sibling-after)]/../following-sibling::node()[1]"/>
      <xsl:variable name="after"
          select="$sibling-after | $up-after[self::* or normalize-space()]
                  | $up-after[not(self::* or normalize-space())]/following-sibling::node()[1]"/>
      <!-- The last token of the node before (itself when a token), the first of the node after;
           tokens inside a token (the parts of a contraction) do not count. -->
      <xsl:variable name="last"
          select="$before[self::tei:w or self::tei:pc]
                  | ($before[not(self::tei:w or self::tei:pc)]
                     //*[self::tei:w or self::tei:pc][not(ancestor::tei:w or ancestor::tei:pc)])[last()]"/>
      <xsl:variable name="first"
          select="$after[self::tei:w or self::tei:pc]
                  | ($after[not(self::tei:w or self::tei:pc)]
                     //*[self::tei:w or self::tei:pc][not(ancestor::tei:w or ancestor::tei:pc)])[1]"/>
      <xsl:if test="$last/@join = 'right' or $last/@join = 'both' or $last/@join = 'overlap'
                    or $first/@join = 'left' or $first/@join = 'both' or $first/@join = 'overlap'">true</xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- Whitespace between nodes: copied unless @join removes it. -->
  <xsl:template match="text()[not(normalize-space())]" mode="dipl-inline">
    <xsl:call-template name="join-or-copy"/>
  </xsl:template>
  <xsl:template match="text()[not(normalize-space())]" mode="plain">
    <xsl:call-template name="join-or-copy"/>
  </xsl:template>
  <xsl:template match="text()[not(normalize-space())]" mode="inline">
    <xsl:call-template name="join-or-copy"/>
  </xsl:template>

  <xsl:template name="join-or-copy">
    <xsl:variable name="joined"><xsl:call-template name="joined-space"/></xsl:variable>
    <xsl:if test="$joined != 'true'"><xsl:value-of select="."/></xsl:if>
  </xsl:template>

</xsl:stylesheet>
