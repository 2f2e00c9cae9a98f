<?xml version="1.0" encoding="UTF-8"?>
<!--
  The style added to the pages of a corpus site (the faceted index, the
  participant pages, the search page), after the edition's own (html-style.xsl):
  facets, the search form, concordance lines. Readable on a phone: nothing
  scrolls sideways, controls wrap.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template name="site-css">
    <xsl:text>
.site-nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; margin: 0; padding: .75rem 0; }
.site-nav [aria-current="page"] { font-weight: 700; color: var(--ink); text-decoration: none; }
.quick-search { display: flex; flex-wrap: wrap; gap: .5rem; margin: 1rem 0 0; font: .9rem var(--sans); }
.quick-search label { flex: 1 0 100%; color: var(--muted); }
.quick-search input, .search-form input:not([type="checkbox"]), .search-form select, .search-form button, .quick-search button, .facets button, .more {
  font: 1rem var(--sans); min-height: 2.5rem; padding: .3rem .6rem; border: 1px solid var(--muted);
  border-radius: .35rem; background: var(--paper); color: var(--ink); max-width: 100%; }
.quick-search input { flex: 1 1 12rem; min-width: 0; }
.search-form .field input, .search-form .field select { width: 100%; }
.facets { font: .9rem/1.4 var(--sans); margin: 1.5rem 0; }
.facets .facet { border-bottom: 1px solid var(--rule); padding: .4rem 0; }
.facets summary { cursor: pointer; font-weight: 600; padding: .2rem 0; }
.facets fieldset, .search-form fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
.facets ul { list-style: none; margin: .3rem 0 .2rem; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem .9rem; }
.facets label, .states label { display: inline-flex; gap: .35rem; align-items: baseline; overflow-wrap: anywhere; cursor: pointer; }
.count { color: var(--muted); font-variant-numeric: tabular-nums; }
.shown { font: .85rem var(--sans); color: var(--muted); margin: .5rem 0; }
.search-form { font: .9rem/1.4 var(--sans); margin: 1.5rem 0; }
.search-form .row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: flex-end; margin: 0 0 .75rem; }
.search-form .field { display: flex; flex-direction: column; gap: .2rem; flex: 1 1 10rem; min-width: 0; }
.search-form .field.wide { flex-basis: 100%; }
.search-form label { color: var(--muted); }
.states { display: flex; flex-wrap: wrap; gap: .35rem 1rem; }
.states legend { color: var(--muted); margin-bottom: .3rem; }
.hits { list-style: none; padding: 0; margin: 0; }
.hit { padding: .7rem 0; border-bottom: 1px solid var(--rule); }
.kwic { margin: 0 0 .25rem; }
.kwic mark { background: var(--target); color: inherit; font-weight: 700; padding: 0 .1rem; }
.hit-meta, .turn-links { margin: 0; font: .8rem/1.6 var(--sans); color: var(--muted); }
.hit-meta a, .turn-links a { overflow-wrap: anywhere; }
.turn-links a { margin-right: .45rem; }
.totals { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; }
</xsl:text>
  </xsl:template>

</xsl:stylesheet>
