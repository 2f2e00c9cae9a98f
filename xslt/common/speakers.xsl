<?xml version="1.0" encoding="UTF-8"?>
<!--
  The distinct speakers of a document: the first turn of each @who value,
  found by one sort instead of a key lookup per turn (a lookup returns every
  turn of that speaker, so testing each turn against the first of its group
  is quadratic when a few speakers have thousands of turns).

  $who-firsts: one tc:w entry per distinct normalize-space(@who) among the
  u and sp of the top-level texts, with @k the value, @g the generate-id()
  of its first turn and @n that turn's position (sort by @n for document
  order). Get the turn back with key('turn-by-gid', @g) from the source
  document (for-each over $source-root first). Values whose first pointer
  ("#id") names a person or personGrp of the document are left out: the
  lists that use this are of speakers the header does not list.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:exsl="http://exslt.org/common"
    xmlns:tc="urn:x-tei-corpus:xslt"
    exclude-result-prefixes="tei exsl tc">

  <xsl:key name="turn-by-gid" match="tei:u | tei:sp" use="generate-id()"/>

  <xsl:variable name="source-root" select="/"/>

  <!-- The turns with @who, in document order (but those of listed speakers). -->
  <xsl:variable name="who-turns-rtf">
    <xsl:for-each select="//tei:text[not(ancestor::tei:text)]//tei:u[@who]
                          | //tei:text[not(ancestor::tei:text)]//tei:sp[@who]">
      <xsl:variable name="first" select="substring-before(concat(normalize-space(@who), ' '), ' ')"/>
      <xsl:if test="not(starts-with($first, '#') and key('id', substring($first, 2))[self::tei:person or self::tei:personGrp])">
        <tc:w k="{normalize-space(@who)}" g="{generate-id()}" n="{position()}"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:variable>

  <!-- The same, by @who: the sort is stable (XSLT 1.0, 10), so each run of one
       value keeps document order and starts with that speaker's first turn. -->
  <xsl:variable name="who-sorted-rtf">
    <xsl:for-each select="exsl:node-set($who-turns-rtf)/tc:w">
      <xsl:sort select="@k"/>
      <xsl:copy-of select="."/>
    </xsl:for-each>
  </xsl:variable>

  <xsl:variable name="who-firsts"
      select="exsl:node-set($who-sorted-rtf)/tc:w[not(@k = preceding-sibling::*[1]/@k)]"/>

</xsl:stylesheet>
