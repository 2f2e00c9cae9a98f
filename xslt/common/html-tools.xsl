<?xml version="1.0" encoding="UTF-8"?>
<!--
  A reader's tools on a transcript page.

  - Contents: where the body has two or more divisions with a heading
    (div, div1...div7 with head, below one another from the body), a
    collapsed list of them at the top of the text, nested as they are,
    each linked to its section (common/html-flow.xsl, div-html-id). Plain
    HTML: it works without script.
  - Find and speaker filter: on a page with turns, a bar written as an inert
    <template> (nothing of it shows, or does anything, without script) that
    the script below puts in place, at the top of main, where it stays in
    view (under the recording's bar, when there is one):
      * Find: a word or phrase, matched case-insensitively in the text of
        each paragraph of each turn's body (runs of white space count as one
        space; language tags, event kinds and event speakers, which the page
        adds, are not text); every match highlighted (mark.find-hit), "n of
        m" in a live region, Enter or the next button goes to the next match
        and Shift+Enter or the previous button to the one before, both
        cycling; the turn of the current match is scrolled into view. The
        search runs when typing pauses (150 ms; Enter runs it at once), and
        each turn's text is indexed once, again only after a match in it was
        marked.
      * Speakers: one check box per distinct @who value (article[data-who]),
        named as in the participant list, with its number of turns; when some
        are checked, only their turns are shown, and each run of other turns
        (with the events among them) is collapsed into one button saying how
        many turns it holds, which shows them again. Find then searches the
        shown speakers' turns.
    A link or a fragment (#u12) naming something in a collapsed run opens
    that run first, so utterance anchors keep working while filtering.
  The script is inline and makes no request.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="tei exsl">

  <!-- ============================ contents ============================ -->

  <!-- Context: a body (or group); $n: the text's suffix (html-page.xsl). -->
  <xsl:template name="contents">
    <xsl:param name="n" select="''"/>
    <xsl:variable name="entries-rtf">
      <xsl:apply-templates select="tei:div | tei:div1" mode="contents"/>
    </xsl:variable>
    <xsl:variable name="count" select="count(exsl:node-set($entries-rtf)//li)"/>
    <xsl:if test="$count &gt;= 2">
      <details class="contents" id="contents{$n}">
        <summary lang="en">
          <xsl:text>Contents</xsl:text>
          <span class="count"><xsl:text> · </xsl:text><xsl:value-of select="$count"/><xsl:text> sections</xsl:text></span>
        </summary>
        <nav aria-label="Contents">
          <ol><xsl:copy-of select="$entries-rtf"/></ol>
        </nav>
      </details>
    </xsl:if>
  </xsl:template>

  <!-- A division with a heading is an entry, its own divisions nested in it;
       one without passes its divisions up. -->
  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7" mode="contents">
    <xsl:variable name="subs" select="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7"/>
    <xsl:choose>
      <xsl:when test="tei:head">
        <xsl:variable name="id"><xsl:call-template name="div-html-id"/></xsl:variable>
        <xsl:variable name="inner-rtf"><xsl:apply-templates select="$subs" mode="contents"/></xsl:variable>
        <li>
          <a href="#{$id}"><xsl:call-template name="heading-text"/></a>
          <xsl:if test="exsl:node-set($inner-rtf)/li">
            <ol><xsl:copy-of select="$inner-rtf"/></ol>
          </xsl:if>
        </li>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="$subs" mode="contents"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The words of a division's first heading, without its notes. -->
  <xsl:template name="heading-text">
    <xsl:variable name="words">
      <xsl:for-each select="tei:head[1]//text()[not(ancestor::tei:note)]">
        <xsl:value-of select="."/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="normalize-space($words) != ''"><xsl:value-of select="normalize-space($words)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('Section ', @n)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===================== find and speaker filter ===================== -->

  <xsl:template name="tools">
    <xsl:if test="$utterances">
      <template id="tools-template">
        <div class="tools" id="tools">
          <div class="find" role="search" aria-label="Find in the transcript">
            <label for="find-q">Find</label>
            <input type="search" id="find-q" autocomplete="off" spellcheck="false"
                   placeholder="a word or phrase" aria-describedby="find-count"/>
            <button type="button" id="find-prev" aria-label="Previous match" title="Previous match (Shift+Enter)">&#8593;</button>
            <button type="button" id="find-next" aria-label="Next match" title="Next match (Enter)">&#8595;</button>
            <output id="find-count" class="find-count" for="find-q" aria-live="polite"></output>
          </div>
          <div class="filter" id="filter">
            <button type="button" id="filter-toggle" aria-expanded="false" aria-controls="filter-panel">Speakers</button>
            <output id="filter-status" class="filter-status" aria-live="polite"></output>
            <fieldset id="filter-panel" class="filter-panel" hidden="hidden">
              <legend>Show only the turns of</legend>
              <ul id="filter-list" class="filter-list"></ul>
              <button type="button" id="filter-clear">All speakers</button>
            </fieldset>
          </div>
        </div>
      </template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tools-script">
    <xsl:if test="$utterances">
      <script>
        <xsl:text disable-output-escaping="yes"><![CDATA[
(function () {
  "use strict";
  var source = document.getElementById("tools-template");
  var main = document.getElementById("main");
  if (!source || !main || !source.content) { return; }
  var bar = document.importNode(source.content, true).firstElementChild;
  source.parentNode.replaceChild(bar, source);
  var root = document.documentElement;
  var turns = Array.prototype.slice.call(main.querySelectorAll("article.turn"));
  var query = document.getElementById("find-q");
  var count = document.getElementById("find-count");
  var status = document.getElementById("filter-status");
  var panel = document.getElementById("filter-panel");
  var toggleButton = document.getElementById("filter-toggle");
  var SKIP = ".lang-tag, .event-kind, .event-who";   // words the page adds, not the text's
  var BLOCK = "p, div, li, blockquote, td, th, dd, dt, h1, h2, h3, h4, h5, h6";
  var STOP = "h1, h2, h3, h4, h5, h6, section, nav, details, .tools";
  var chosen = Object.create(null), nChosen = 0;
  var runs = [], hits = [], at = -1;
  var index = new Map();            // turn -> its paragraphs, until a match is marked in it
  var pending = 0;                  // the search to come, while a query is being typed

  /* ---------------- the bars that stay in view ---------------- */
  function fitBars() {
    var player = document.querySelector(".player");
    var top = player ? player.getBoundingClientRect().height : 0;
    bar.style.top = top + "px";
    root.style.scrollPaddingTop = Math.ceil(top + bar.getBoundingClientRect().height + 8) + "px";
  }

  /* ---------------- speakers ---------------- */
  function whoOf(turn) { return turn.getAttribute("data-who") || ""; }
  function isShown(turn) { return nChosen === 0 || chosen[whoOf(turn)] === true; }
  function nameOf(who, turn) {
    var first = who.split(" ")[0].replace(/^#/, "");
    var row = who.indexOf(" ") < 0 ? document.getElementById("participant-" + first) : null;
    var th = row && row.querySelector("th");
    if (th && th.firstChild && th.firstChild.nodeType === 3 && th.firstChild.data.trim()) {
      return th.firstChild.data.trim();
    }
    var label = turn.querySelector(".turn-head .label");
    return label ? label.textContent.trim().replace(/\s*:$/, "") : first;
  }
  function speakers() {
    var list = [], seen = Object.create(null);
    turns.forEach(function (turn) {
      var who = whoOf(turn);
      if (!who) { return; }
      if (!seen[who]) { seen[who] = {who: who, name: nameOf(who, turn), n: 0}; list.push(seen[who]); }
      seen[who].n += 1;
    });
    return list;
  }
  function speakerBox(s) {
    var item = document.createElement("li"), label = document.createElement("label");
    var box = document.createElement("input"), n = document.createElement("span");
    box.type = "checkbox";
    box.value = s.who;
    n.className = "n";
    n.textContent = "(" + s.n + ")";
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + s.name + " "));
    label.appendChild(n);
    item.appendChild(label);
    return item;
  }
  function choose(who, on) {
    if (on && !chosen[who]) { chosen[who] = true; nChosen += 1; }
    if (!on && chosen[who]) { delete chosen[who]; nChosen -= 1; }
  }

  /* ---------------- collapsed runs of other speakers' turns ---------------- */
  function openRun(run, open) {
    run.items.forEach(function (el) { el.classList.toggle("is-filtered", !open); });
    run.button.setAttribute("aria-expanded", String(open));
    run.button.textContent = (open ? "Hide these " : "Show ") + run.n
      + (run.n === 1 ? " turn" : " turns") + " of other speakers";
  }
  function collapse(items, n) {
    var note = document.createElement("p"), button = document.createElement("button");
    var run = {note: note, button: button, items: items, n: n};
    note.className = "run-note";
    button.type = "button";
    note.appendChild(button);
    items[0].parentNode.insertBefore(note, items[0]);
    button.addEventListener("click", function () {
      openRun(run, button.getAttribute("aria-expanded") !== "true");
    });
    openRun(run, false);
    runs.push(run);
  }
  function collapseIn(box) {
    var run = [], hidden = 0;
    function flush() { if (hidden) { collapse(run, hidden); } run = []; hidden = 0; }
    Array.prototype.slice.call(box.children).forEach(function (el) {
      if (el.matches("article.turn")) {
        if (isShown(el)) { flush(); } else { run.push(el); hidden += 1; }
      } else if (el.matches(STOP)) {
        flush();
      } else {
        run.push(el);
      }
    });
    flush();
  }
  function clearRuns() {
    runs.forEach(function (run) { openRun(run, true); run.note.remove(); });
    runs = [];
  }
  function applyFilter() {
    clearRuns();
    if (nChosen > 0) {
      var boxes = [];
      turns.forEach(function (t) { if (boxes.indexOf(t.parentElement) < 0) { boxes.push(t.parentElement); } });
      boxes.forEach(collapseIn);
    }
    var shown = turns.filter(isShown).length;
    status.textContent = nChosen ? "Showing " + shown + " of " + turns.length + " turns" : "";
    search();
  }
  function reveal(el) {
    runs.forEach(function (run) {
      if (run.items.some(function (item) { return item.contains(el); })) { openRun(run, true); }
    });
  }
  function target(hash) {
    var id;
    try { id = decodeURIComponent(hash.replace(/^#/, "")); } catch (e) { return null; }
    return id && !/^t=/.test(id) ? document.getElementById(id) : null;
  }

  /* ---------------- find ---------------- */
  function fold(c) { var l = c.toLowerCase(); return l.length === 1 ? l : c; }
  function normalize(text) {
    return text.replace(/\s+/g, " ").trim().split("").map(fold).join("");
  }
  // The text of each paragraph of a turn's body, folded, each character
  // with the text node and offset it comes from.
  function paragraphs(body) {
    var out = [], cur = null;
    var walk = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (var node = walk.nextNode(); node; node = walk.nextNode()) {
      var parent = node.parentElement;
      var next = node.nextSibling;
      if (parent.closest(SKIP) || (!node.data.trim() && next && next.nodeType === 1 && next.matches(SKIP))) { continue; }
      var block = parent.closest(BLOCK);
      if (!cur || cur.block !== block) { cur = {block: block, text: [], nodes: [], offsets: []}; out.push(cur); }
      for (var i = 0; i < node.data.length; i++) {
        var c = node.data[i], space = /\s/.test(c);
        if (space && (cur.text.length === 0 || cur.text[cur.text.length - 1] === " ")) { continue; }
        cur.text.push(space ? " " : fold(c));
        cur.nodes.push(node);
        cur.offsets.push(i);
      }
    }
    out.forEach(function (p) {
      if (p.text[p.text.length - 1] === " ") { p.text.pop(); p.nodes.pop(); p.offsets.pop(); }
      p.text = p.text.join("");
    });
    return out;
  }
  // The pieces (node, start, end) of the match at [from, from + length) of a paragraph.
  function pieces(p, from, length, hit) {
    var list = [];
    for (var k = from; k < from + length; k++) {
      var last = list[list.length - 1];
      if (last && last.node === p.nodes[k]) { last.end = p.offsets[k] + 1; }
      else { list.push({node: p.nodes[k], start: p.offsets[k], end: p.offsets[k] + 1, hit: hit}); }
    }
    return list;
  }
  function wrap(piece) {
    var middle = piece.node.splitText(piece.start);
    middle.splitText(piece.end - piece.start);
    var mark = document.createElement("mark");
    mark.className = "find-hit";
    middle.parentNode.replaceChild(mark, middle);
    mark.appendChild(middle);
    piece.hit.marks.unshift(mark);
  }
  function paragraphsOf(turn) {
    if (!index.has(turn)) { index.set(turn, paragraphs(turn.querySelector(".turn-body") || turn)); }
    return index.get(turn);
  }
  function findIn(turn, q) {
    var all = [];
    paragraphsOf(turn).forEach(function (p) {
      for (var k = p.text.indexOf(q); k >= 0; k = p.text.indexOf(q, k + q.length)) {
        var hit = {turn: turn, marks: []};
        hits.push(hit);
        all.push.apply(all, pieces(p, k, q.length, hit));
      }
    });
    for (var i = all.length - 1; i >= 0; i--) { wrap(all[i]); }   // from the end: offsets stay true
  }
  function clearMarks() {
    var parents = new Set();
    Array.prototype.forEach.call(main.querySelectorAll("mark.find-hit"), function (mark) {
      var parent = mark.parentNode;
      while (mark.firstChild) { parent.insertBefore(mark.firstChild, mark); }
      parent.removeChild(mark);
      parents.add(parent);
      index.delete(parent.closest("article.turn"));   // its text nodes change
    });
    parents.forEach(function (parent) { parent.normalize(); });
  }
  function firstInView() {
    var top = bar.getBoundingClientRect().bottom;
    for (var i = 0; i < hits.length; i++) {
      if (hits[i].marks[0].getBoundingClientRect().top >= top) { return i; }
    }
    return 0;
  }
  function show(i) {
    if (at >= 0 && hits[at]) { hits[at].marks.forEach(function (m) { m.classList.remove("is-current-hit"); }); }
    at = i;
    if (at < 0) { return; }
    hits[at].marks.forEach(function (m) { m.classList.add("is-current-hit"); });
    hits[at].marks[0].scrollIntoView({block: "center"});
    count.textContent = (at + 1) + " of " + hits.length;
  }
  function search() {
    var q = normalize(query.value);
    window.clearTimeout(pending);
    pending = 0;
    clearMarks();
    hits = [];
    at = -1;
    if (q) { turns.filter(isShown).forEach(function (turn) { findIn(turn, q); }); }
    count.textContent = !q ? "" : hits.length ? "" : "No matches";
    if (hits.length) { show(firstInView()); }
  }
  function step(by) {
    if (pending) { search(); return; }    // typed and Enter at once: the first match
    if (hits.length) { show((at + by + hits.length) % hits.length); }
  }
  function typed() {   // search when typing pauses (each search lays out the whole page)
    window.clearTimeout(pending);
    count.textContent = "";
    pending = query.value.trim() ? window.setTimeout(search, 150) : 0;
    if (!pending) { search(); }
  }

  /* ---------------- wiring ---------------- */
  function setUp() {
    var list = speakers();
    if (list.length < 2) {
      document.getElementById("filter").remove();
    } else {
      list.forEach(function (s) { document.getElementById("filter-list").appendChild(speakerBox(s)); });
    }
    query.addEventListener("input", typed);
    query.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); step(event.shiftKey ? -1 : 1); }
      if (event.key === "Escape" && query.value) { query.value = ""; search(); }
    });
    document.getElementById("find-next").addEventListener("click", function () { step(1); });
    document.getElementById("find-prev").addEventListener("click", function () { step(-1); });
    toggleButton.addEventListener("click", function () {
      panel.hidden = !panel.hidden;
      toggleButton.setAttribute("aria-expanded", String(!panel.hidden));
    });
    panel.addEventListener("change", function (event) {
      if (event.target.type === "checkbox") { choose(event.target.value, event.target.checked); applyFilter(); }
    });
    document.getElementById("filter-clear").addEventListener("click", function () {
      Array.prototype.forEach.call(panel.querySelectorAll("input:checked"), function (box) { box.checked = false; });
      chosen = Object.create(null);
      nChosen = 0;
      applyFilter();
    });
    document.addEventListener("click", function (event) {   // before the browser follows the link
      var link = event.target.closest("a[href^='#']");
      var el = link && target(link.getAttribute("href"));
      if (el) { reveal(el); }
    }, true);
    window.addEventListener("hashchange", function () {
      var el = target(window.location.hash);
      if (el && el.closest(".is-filtered")) { reveal(el); el.scrollIntoView(); }
    });
  }
  root.classList.add("has-tools");
  setUp();
  fitBars();
  if (window.ResizeObserver) {
    var watch = new ResizeObserver(fitBars);
    watch.observe(bar);
    if (document.querySelector(".player")) { watch.observe(document.querySelector(".player")); }
  }
  var start = target(window.location.hash);
  if (start) { start.scrollIntoView(); }
}());
]]></xsl:text>
      </script>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
