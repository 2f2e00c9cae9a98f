<?xml version="1.0" encoding="UTF-8"?>
<!--
  The recording of a timed document in its HTML page.

  When the header names media (fileDesc/sourceDesc/recordingStmt/recording/
  media with @url), the page holds an <audio> element, or <video> for a
  video/* @mimeType, with the browser's own controls (they work without
  script). When turns are timed (article[data-start], common/html-flow.xsl),
  a small script, inline and making no request of its own:
    - a click on a turn, or on its time link (#t=SECONDS), seeks to its start;
    - while the media plays (or after a seek), the one turn whose
      [start, end) holds the current time is marked (class is-current,
      aria-current), the latest to start when several do;
    - NAME.html#t=83.5 seeks there on load (and on a later change of the
      fragment); without media it marks and shows the turn at that time.
  Fragments naming a turn (#u12) are left to the browser.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <xsl:variable name="media" select="$header/tei:fileDesc/tei:sourceDesc/tei:recordingStmt
      /tei:recording/tei:media[normalize-space(@url)][1]"/>

  <!-- The media element, in a bar that stays in view. -->
  <xsl:template name="player">
    <xsl:for-each select="$media">
      <xsl:variable name="url" select="normalize-space(@url)"/>
      <xsl:variable name="mime" select="normalize-space(@mimeType)"/>
      <xsl:variable name="element">
        <xsl:choose>
          <xsl:when test="starts-with($mime, 'video/')">video</xsl:when>
          <xsl:otherwise>audio</xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <section class="player" aria-label="Recording">
        <xsl:element name="{$element}">
          <xsl:attribute name="controls">controls</xsl:attribute>
          <xsl:attribute name="preload">metadata</xsl:attribute>
          <!-- src, not a source child: libxslt's HTML output would close a source element. -->
          <xsl:attribute name="src"><xsl:value-of select="$url"/></xsl:attribute>
          <a href="{$url}">The recording</a>
        </xsl:element>
        <p class="player-note" hidden="hidden">
          <xsl:text>The recording </xsl:text><a href="{$url}"><xsl:value-of select="$url"/></a>
          <xsl:text> could not be played here.</xsl:text>
        </p>
      </section>
    </xsl:for-each>
  </xsl:template>

  <!-- The script, when some turn is timed. -->
  <xsl:template name="player-script">
    <xsl:if test="$utterances[@start]">
      <script>
        <xsl:text disable-output-escaping="yes"><![CDATA[
(function () {
  "use strict";
  var media = document.querySelector(".player audio, .player video");
  var turns = Array.prototype.map.call(document.querySelectorAll("article.turn[data-start]"), function (el) {
    var end = el.getAttribute("data-end");
    return {el: el, start: parseFloat(el.getAttribute("data-start")), end: end === null ? NaN : parseFloat(end)};
  }).sort(function (a, b) { return a.start - b.start; });
  var current = null;
  var pending = null;

  function turnAt(t) {
    var found = null;
    for (var i = 0; i < turns.length && turns[i].start <= t; i++) {
      if (t < turns[i].end) { found = turns[i]; }
    }
    return found;
  }
  function mark(turn) {
    if (turn === current) { return; }
    if (current) { current.el.classList.remove("is-current"); current.el.removeAttribute("aria-current"); }
    current = turn;
    if (turn) {
      turn.el.classList.add("is-current");
      turn.el.setAttribute("aria-current", "true");
      if (media && !media.paused) { turn.el.scrollIntoView({block: "nearest"}); }
    }
  }
  function follow() { if (media) { mark(turnAt(media.currentTime)); } }
  function tick() { follow(); if (media && !media.paused) { window.requestAnimationFrame(tick); } }
  function go(t, show) {
    var turn = turnAt(t);
    if (media) {
      if (media.readyState === 0) { pending = t; }
      media.currentTime = t;
    }
    if (!turn) {   // no turn holds t: the first to start at or after it is shown
      for (var i = 0; i < turns.length && !turn; i++) { if (turns[i].start >= t) { turn = turns[i]; } }
      if (show && turn) { turn.el.scrollIntoView({block: "start"}); }
      if (!media) { mark(null); }
      return;
    }
    mark(turn);
    if (show) { turn.el.scrollIntoView({block: "start"}); }
  }
  function fromHash() {
    var m = /^#t=(?:npt:)?(\d+(?:\.\d+)?)(?:,|$)/.exec(window.location.hash);
    if (m) { go(parseFloat(m[1]), true); }
  }
  if (media) {
    ["timeupdate", "seeked", "pause", "ended"].forEach(function (name) { media.addEventListener(name, follow); });
    media.addEventListener("play", tick);
    media.addEventListener("loadedmetadata", function () {
      if (pending !== null) { var t = pending; pending = null; media.currentTime = t; }
    });
    media.addEventListener("error", function () {
      var note = document.querySelector(".player-note");
      if (note) { note.hidden = false; }
    });
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a");
    var turn = event.target.closest("article.turn[data-start]");
    if (!turn || (link && !link.classList.contains("time"))) { return; }
    if (!link && String(window.getSelection()) !== "") { return; }   // selecting text
    event.preventDefault();
    go(parseFloat(turn.getAttribute("data-start")), false);
    if (link) { window.history.replaceState(null, "", link.getAttribute("href")); }
  });
  window.addEventListener("hashchange", fromHash);
  fromHash();
}());
]]></xsl:text>
      </script>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
