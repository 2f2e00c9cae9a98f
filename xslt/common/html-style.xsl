<?xml version="1.0" encoding="UTF-8"?>
<!--
  The style sheet embedded in every HTML page (pages are self-contained):
  readable on a phone, in print, in light and dark mode.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template name="css">
    <xsl:text>
:root {
  --ink: #1f2328; --muted: #5b6470; --paper: #fdfcf9; --rule: #e4e0d8;
  --accent: #7a2e1f; --accent-soft: #f6ebe7; --event: #4b5563; --event-bg: #f3f2ee;
  --interp: #1d4f91; --interp-bg: #e8f0fb; --cut: #8a4b00; --cut-bg: #fdf0dc;
  --intr: #9b1c31; --intr-bg: #fbe9ec; --link: #1d4f91; --target: #fff4c2;
  --current: #17613a; --current-bg: #e6f4ea; --hit: #ffe27a; --hit-current: #ffb84d;
  --serif: "Iowan Old Style", "Palatino Linotype", Palatino, Georgia, "DejaVu Serif", serif;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  --mono: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --ink: #e6e3dc; --muted: #a3a9b3; --paper: #16181c; --rule: #2e3238;
    --accent: #f0a58f; --accent-soft: #2c211e; --event: #b8bec8; --event-bg: #202329;
    --interp: #9cc3ff; --interp-bg: #1b2738; --cut: #ffc27a; --cut-bg: #33261a;
    --intr: #ff9aa9; --intr-bg: #361c22; --link: #9cc3ff; --target: #3b3417;
    --current: #8fdcaa; --current-bg: #17291f; --hit: #5a4a10; --hit-current: #8a5a00;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--paper); color: var(--ink);
  font: 1.0625rem/1.6 var(--serif); overflow-wrap: break-word;
}
a { color: var(--link); }
a:focus-visible, summary:focus-visible { outline: 3px solid var(--interp); outline-offset: 2px; }
code { font-family: var(--mono); font-size: 0.85em; }
.skip { position: absolute; left: -999px; top: 0; background: var(--ink); color: var(--paper); padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: 1rem; }
.doc-header, .toc, main, .doc-footer { max-width: 46rem; margin: 0 auto; padding: 0 1.25rem; }
.doc-header { padding-top: 2.5rem; padding-bottom: 1rem; border-bottom: 1px solid var(--rule); }
.crumbs { font: .875rem var(--sans); margin: 0 0 1rem; }
.kicker { font: 600 .75rem/1 var(--sans); letter-spacing: .12em; text-transform: uppercase; color: var(--accent); margin: 0 0 .6rem; }
h1 { font-size: clamp(1.45rem, 1.1rem + 1.6vw, 2.05rem); line-height: 1.22; margin: 0 0 .9rem; font-weight: 400; letter-spacing: -.005em; }
.subtitle { margin: -.25rem 0 .75rem; color: var(--muted); font-style: italic; }
h2 { font: 600 .8rem/1.2 var(--sans); letter-spacing: .14em; text-transform: uppercase; color: var(--muted);
     margin: 2.5rem 0 1rem; padding-bottom: .4rem; border-bottom: 1px solid var(--rule); }
h3, h4, h5, h6 { font-family: var(--sans); line-height: 1.3; margin: 2rem 0 .75rem; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; font: .875rem/1.5 var(--sans); }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.meta .uri { display: block; color: var(--muted); font-size: .8rem; }
.toc { font: .875rem var(--sans); }
.toc ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; margin: 0; padding: .75rem 0; }
.table-wrap { overflow-x: auto; }
.participants table { width: 100%; border-collapse: collapse; font: .875rem/1.45 var(--sans); }
.participants th, .participants td { text-align: left; padding: .45rem .6rem .45rem 0; border-bottom: 1px solid var(--rule); vertical-align: top; }
.participants thead th { color: var(--muted); font-weight: 600; font-size: .75rem; letter-spacing: .06em; text-transform: uppercase; }
.participants tbody th { font-weight: 600; }
.participants .num { text-align: right; font-variant-numeric: tabular-nums; }
.participants .grp, .muted { color: var(--muted); font-weight: 400; }
.participants tr:target { background: var(--target); }
.participants code { overflow-wrap: anywhere; }
.idno { font-size: .75rem; }
.turn { position: relative; margin: 0 0 1.25rem; padding: .1rem 0 .1rem 1rem; border-left: 3px solid var(--rule); scroll-margin-top: 1rem; }
.turn:target { background: var(--target); border-left-color: var(--accent); }
.turn.is-interpreted { border-left-color: var(--interp); }
.turn.is-truncated, .turn.is-interrupting { border-left-style: dashed; }
.turn-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: .2rem .5rem; font-family: var(--sans); font-size: .85rem; margin: .2rem 0 .15rem; }
.speaker { flex: 1 1 auto; min-width: 0; }
.label { font-weight: 700; letter-spacing: .03em; color: var(--accent); }
.label-none { font-weight: 600; font-style: italic; }
.cue { color: var(--interp); font-style: italic; }
.who { color: var(--muted); }
.who a { color: inherit; }
.marks { display: inline-flex; flex-wrap: wrap; gap: .25rem; min-width: 0; max-width: 100%; }
.mark { display: inline-block; max-width: 100%; font: 600 .7rem/1.5 var(--sans); letter-spacing: .02em; padding: 0 .5rem; border-radius: 1rem; border: 1px solid currentColor; overflow-wrap: anywhere; }
.mark a { color: inherit; }
.mark-interpreted { color: var(--interp); background: var(--interp-bg); }
.mark-truncated { color: var(--cut); background: var(--cut-bg); }
.mark-interrupting { color: var(--intr); background: var(--intr-bg); }
.mark-continued, .mark-continues, .mark-corresp { color: var(--muted); }
.cite { margin-left: auto; font: .75rem var(--mono); color: var(--muted); text-decoration: none; padding: 0 .3rem; border-radius: .25rem; }
.cite:hover, .cite:focus { color: var(--link); text-decoration: underline; }
.turn[data-start] { cursor: pointer; }
.turn.is-current { background: var(--current-bg); border-left-color: var(--current); }
.time { font: .75rem var(--mono); color: var(--muted); text-decoration: none; padding: 0 .3rem; border-radius: .25rem; border: 1px solid var(--rule); }
.time:hover, .time:focus { color: var(--link); border-color: currentColor; }
.turn.is-current .time { color: var(--current); border-color: currentColor; }
.player { position: sticky; top: 0; z-index: 5; max-width: 46rem; margin: 0 auto; padding: .5rem 1.25rem; background: var(--paper); border-bottom: 1px solid var(--rule); }
.player audio, .player video { display: block; width: 100%; max-height: 40vh; }
.player-note { margin: .4rem 0 0; font: .8rem var(--sans); color: var(--muted); }
.player ~ main .turn { scroll-margin-top: 6rem; }
.turn-body p, .turn-body .l { margin: 0 0 .6rem; }
.turn-body .l { margin: 0; }
.turn.is-truncated .turn-body > :last-child::after { content: " \2702"; color: var(--cut); font-family: var(--sans); }
.event { font-family: var(--sans); color: var(--event); font-style: italic; font-size: .9em; }
span.event { background: var(--event-bg); border-radius: .3rem; padding: 0 .3rem; }
p.event { margin: .25rem 0 1.25rem; padding: .35rem .75rem; background: var(--event-bg); border-radius: .4rem; display: table; }
.turn-body p.event { margin: 0 0 .6rem; }
.event-kind { font-style: normal; font-weight: 600; font-size: .7rem; letter-spacing: .08em; text-transform: uppercase; margin-right: .4rem; }
.event-who { font-style: normal; color: var(--muted); font-size: .85em; margin-left: .35em; }
.event-gap .event-desc, .gap { color: var(--muted); }
.unclear { text-decoration: underline dotted; }
.foreign { font-style: italic; }
.lang-tag { font: 600 .65rem var(--sans); text-transform: uppercase; letter-spacing: .05em; color: var(--muted);
            border: 1px solid var(--rule); border-radius: .2rem; padding: 0 .2rem; text-decoration: none; vertical-align: .15em; }
.note { font-family: var(--sans); font-size: .85rem; color: var(--muted); }
p.note { border-left: 2px solid var(--rule); padding-left: .6rem; }
.fw, .pb, .timestamp { font: .75rem var(--mono); color: var(--muted); }
.matter { color: var(--muted); }
details.boilerplate { border: 1px dashed var(--rule); border-radius: .5rem; padding: .5rem .9rem; margin: 0 0 1rem; font-size: .9rem; }
details.boilerplate summary { cursor: pointer; font: .85rem var(--sans); color: var(--muted); }
details.boilerplate summary .count { font-size: .8rem; }
.boilerplate-body { margin-top: .5rem; overflow-wrap: anywhere; }
.div { margin: 0; }
blockquote { margin: 1rem 0; padding-left: 1rem; border-left: 3px solid var(--rule); }
.castList, .list { padding-left: 1.25rem; }
.tei-table { border-collapse: collapse; margin: 1rem 0; }
.tei-table td, .tei-table th { border: 1px solid var(--rule); padding: .25rem .5rem; }
.doc-footer { margin-top: 3rem; padding-top: 1rem; padding-bottom: 3rem; border-top: 1px solid var(--rule); color: var(--muted); font: .8rem/1.5 var(--sans); }
details.contents { margin: 0 0 1.25rem; font: .9rem/1.5 var(--sans); }
details.contents summary { cursor: pointer; color: var(--muted); }
details.contents summary .count { font-size: .8rem; }
details.contents ol { margin: .4rem 0 0; padding-left: 1.4rem; }
details.contents ol ol { margin: 0; }
.tools { position: sticky; top: 0; z-index: 4; display: flex; flex-wrap: wrap; align-items: center; gap: .4rem 1.25rem;
         margin: 0 0 1.25rem; padding: .5rem 0; background: var(--paper); border-bottom: 1px solid var(--rule); font: .875rem/1.4 var(--sans); }
.find, .filter { display: flex; flex-wrap: wrap; align-items: center; gap: .35rem .5rem; min-width: 0; max-width: 100%; }
.find { flex: 1 1 20rem; }
.find label { font-weight: 600; }
.find input { flex: 1 1 8rem; min-width: 0; font: inherit; padding: .3rem .5rem; color: var(--ink); background: var(--paper);
              border: 1px solid var(--muted); border-radius: .3rem; }
.tools button, .run-note button { font: inherit; color: var(--ink); background: var(--event-bg); cursor: pointer;
                                  padding: .25rem .65rem; border: 1px solid var(--muted); border-radius: .3rem; }
.tools button:focus-visible, .tools input:focus-visible, .run-note button:focus-visible { outline: 3px solid var(--interp); outline-offset: 2px; }
.find-count, .filter-status { color: var(--muted); font-variant-numeric: tabular-nums; }
.filter-panel { flex-basis: 100%; min-width: 0; max-height: 40vh; overflow-y: auto; margin: 0; padding: .4rem .7rem .6rem;
                border: 1px solid var(--rule); border-radius: .4rem; }
.filter-panel[hidden] { display: none; }
.filter-panel legend { padding: 0 .3rem; color: var(--muted); }
.filter-list { list-style: none; margin: 0 0 .5rem; padding: 0; columns: 15rem auto; column-gap: 1.25rem; }
.filter-list label { display: block; padding: .1rem 0; break-inside: avoid; overflow-wrap: anywhere; }
.filter-list .n { color: var(--muted); font-variant-numeric: tabular-nums; }
mark.find-hit { background: var(--hit); color: inherit; border-radius: .15rem; }
mark.find-hit.is-current-hit { background: var(--hit-current); outline: 2px solid var(--accent); }
.is-filtered { display: none !important; }
.run-note { margin: 0 0 1.25rem; font: .8rem var(--sans); }
.run-note button { color: var(--muted); background: none; border-style: dashed; border-radius: 1rem; padding: .1rem .75rem; }
html.has-tools .turn, html.has-tools .player ~ main .turn { scroll-margin-top: .5rem; }
.index-list { list-style: none; padding: 0; margin: 0; }
.index-list li { padding: .9rem 0; border-bottom: 1px solid var(--rule); }
.index-list .doc-title { font-weight: 600; font-size: 1.05rem; }
.index-list .doc-meta { display: block; font: .8rem/1.5 var(--sans); color: var(--muted); }
@media (max-width: 36rem) {
  body { font-size: 1rem; }
  .turn { padding-left: .7rem; }
  .cite { margin-left: 0; }
  /* The participants table reflows to the width of the phone: each row a
     block, the name and the number of turns (the last column) on its first
     line, part and role below; the head row is laid out the same way, as
     the key. */
  .participants table, .participants thead, .participants tbody { display: block; }
  .participants tr { display: grid; grid-template-columns: minmax(0, 1fr) auto; column-gap: .75rem; padding: .45rem 0; border-bottom: 1px solid var(--rule); }
  .participants th, .participants td { display: block; grid-column: 1; padding: 0; border: 0; min-width: 0; overflow-wrap: anywhere; }
  .participants tr > :last-child { grid-column: 2; grid-row: 1; text-align: right; }
  .participants td:empty { display: none; }
}
@media print {
  :root { --ink: #000; --muted: #444; --paper: #fff; --rule: #bbb; --event-bg: transparent; --target: transparent; }
  body { font-size: 10.5pt; }
  .skip, .toc, .cite, .player, .tools, .run-note, details.boilerplate:not([open]), details.contents:not([open]) { display: none; }
  .time { border: 0; padding: 0; }
  .doc-header, main, .doc-footer { max-width: none; padding: 0; }
  .turn { break-inside: avoid-page; page-break-inside: avoid; border-left-width: 1px; }
  .mark { background: none !important; }
  .turn::before { content: attr(id); position: absolute; left: -3.2rem; width: 2.8rem; text-align: right; font: 7pt var(--mono); color: #666; }
  main { padding-left: 3.2rem; }
  a { color: inherit; text-decoration: none; }
  .source-link::after { content: " (" attr(href) ")"; font-size: .8em; }
  h2 { break-after: avoid-page; page-break-after: avoid; }
}
</xsl:text>
  </xsl:template>

</xsl:stylesheet>
