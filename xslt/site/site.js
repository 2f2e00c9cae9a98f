/* The script of a corpus site (tei-corpus): the index's facets and the search page.
   It reads only what the pages hold and the index search-index.js assigns to
   window.TEI_SITE (see tei_corpus/editions/site.py for its format); it asks
   nothing of the network. */
(function () {
  "use strict";

  /* ---- the index: show the documents that have a chosen value of every facet used ---- */
  function facets() {
    var form = document.getElementById("facets"), list = document.getElementById("docs");
    if (!form || !list) return;
    var items = Array.prototype.slice.call(list.children), shown = document.getElementById("shown");
    function apply() {
      var chosen = {};
      form.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
        (chosen[box.name] = chosen[box.name] || []).push(box.value);
      });
      var names = Object.keys(chosen), n = 0;
      items.forEach(function (li) {
        var ok = names.every(function (name) {
          var have = (li.getAttribute("data-f-" + name) || "").split(" ");
          return chosen[name].some(function (v) { return have.indexOf(v) >= 0; });
        });
        li.hidden = !ok;
        n += ok ? 1 : 0;
      });
      shown.textContent = names.length ? n + " of " + items.length + " documents" : items.length + " documents";
    }
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    apply();
  }

  /* ---- the search page ---- */
  var ALPHABET_START = 35, HALF = 45, BASE = 91 - HALF;

  function decode(vocab, codes) {      /* see encode_texts in tei_corpus/editions/site.py */
    var out = "", m = 0;
    for (var k = 0; k < codes.length; k++) {
      var c = codes.charCodeAt(k), d = c - ALPHABET_START - (c > 92 ? 1 : 0);
      if (d >= HALF) { m = m * BASE + d - HALF + 1; } else { out += vocab[m * HALF + d]; m = 0; }
    }
    return out;
  }

  function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  /* Words and phrases: the query's words in this order, anything but letters and digits
     between them; a word ending in * matches any word it begins. */
  function pattern(query) {
    var words = query.match(/[\p{L}\p{N}]+\*?/gu) || [];
    if (!words.length) return null;
    var parts = words.map(function (w) {
      return w.slice(-1) === "*" ? escapeRe(w.slice(0, -1)) + "[\\p{L}\\p{N}]*" : escapeRe(w);
    });
    return new RegExp("(?<![\\p{L}\\p{N}])" + parts.join("[^\\p{L}\\p{N}]+") + "(?![\\p{L}\\p{N}])", "giu");
  }

  function clock(seconds) {
    var s = Math.floor(seconds), pad = function (x) { return (x < 10 ? "0" : "") + x; };
    return pad(Math.floor(s / 3600)) + ":" + pad(Math.floor(s / 60) % 60) + ":" + pad(s % 60);
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function context(text, start, end) {
    var left = text.slice(Math.max(0, start - 70), start), right = text.slice(end, end + 70);
    if (start > 70) left = "…" + left.replace(/^\S*\s/, "");
    if (end + 70 < text.length) right = right.replace(/\s\S*$/, "") + "…";
    return [left, text.slice(start, end), right];
  }

  function options(select, values) {
    values.forEach(function (v) { select.appendChild(el("option", {value: v[0]}, v[1])); });
  }

  function search() {
    var data = window.TEI_SITE, form = document.getElementById("search");
    if (!form || !data) return;
    var texts = data.u.map(function (u) { return decode(data.vocab, u[6]); });
    var byName = data.people.map(function (p, i) { return [String(i), p[0]]; })
      .sort(function (a, b) { return a[1].localeCompare(b[1]); });
    options(form.elements.speaker, byName);
    options(form.elements.role, data.roles.map(function (r, i) { return [String(i), r]; }));
    options(form.elements.doc, data.docs.map(function (d, i) {
      return [String(i), (d[2] ? d[2] + " · " : "") + (d[1] || d[0])];
    }));
    var status = document.getElementById("status"), list = document.getElementById("hits"),
        more = document.getElementById("more"), hits = [], shownHits = 0;

    function read() {
      var f = form.elements;
      return {q: f.q.value, speaker: f.speaker.value, role: f.role.value, doc: f.doc.value,
              from: f.from.value, to: f.to.value,
              states: Array.prototype.filter.call(form.querySelectorAll("input[name=state]"),
                function (b) { return b.checked; }).map(function (b) { return b.value; })};
    }

    function admits(q, u) {
      var date = data.docs[u[0]][2], mask = 0;
      q.states.forEach(function (s) { mask |= data.flags[s]; });
      return (q.speaker === "" || u[1] === +q.speaker) && (q.role === "" || u[2] === +q.role)
        && (q.doc === "" || u[0] === +q.doc) && (!q.from || (date && date >= q.from))
        && (!q.to || (date && date.slice(0, q.to.length) <= q.to)) && (u[5] & mask) === mask;
    }

    function run() {
      var q = read(), re = pattern(q.q), filtered = q.speaker || q.role || q.doc || q.from || q.to || q.states.length;
      hits = [];
      list.textContent = "";
      if (!re && !filtered) { status.textContent = "Type a word or a phrase, or choose a filter."; more.hidden = true; return; }
      var turns = 0, docs = {};
      data.u.forEach(function (u, i) {
        if (!admits(q, u)) return;
        var before = hits.length, text = texts[i], m;
        if (!re) { hits.push([i, 0, 0]); }
        else { re.lastIndex = 0; while ((m = re.exec(text)) !== null) hits.push([i, m.index, m.index + m[0].length]); }
        if (hits.length > before) { turns += 1; docs[u[0]] = 1; }
      });
      status.textContent = hits.length + (hits.length === 1 ? " match" : " matches") + " in " + turns
        + (turns === 1 ? " turn" : " turns") + " of " + Object.keys(docs).length + " documents";
      shownHits = 0;
      show();
    }

    function show() {
      hits.slice(shownHits, shownHits + 100).forEach(function (h) { list.appendChild(hit(h)); });
      shownHits = Math.min(hits.length, shownHits + 100);
      more.hidden = shownHits >= hits.length;
    }

    function hit(h) {
      var u = data.u[h[0]], doc = data.docs[u[0]], text = texts[h[0]], href = doc[0] + "#" + u[3];
      var li = el("li", {"class": "hit", "data-doc": doc[3], "data-u": u[3]});
      var line = el("p", {"class": "kwic"});
      if (h[2] > h[1]) {
        var c = context(text, h[1], h[2]);
        line.appendChild(document.createTextNode(c[0]));
        line.appendChild(el("mark", {}, c[1]));
        line.appendChild(document.createTextNode(c[2]));
      } else {
        line.textContent = text.length > 150 ? text.slice(0, 150).replace(/\s\S*$/, "") + "…" : text;
      }
      var meta = el("p", {"class": "hit-meta"});
      meta.appendChild(el("a", {"class": "hit-doc", href: href}, doc[1] || doc[0]));
      if (u[1] >= 0) {
        meta.appendChild(document.createTextNode(" · "));
        meta.appendChild(el("a", {"class": "hit-speaker", href: data.people[u[1]][1]}, data.people[u[1]][0]));
      }
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(el("a", {"class": "hit-turn", href: href}, u[3]));
      if (u[4] !== null) {
        meta.appendChild(document.createTextNode(" · "));
        meta.appendChild(el("a", {"class": "hit-time", href: doc[0] + "#t=" + u[4]}, clock(u[4])));
      }
      if (doc[2]) meta.appendChild(document.createTextNode(" · " + doc[2]));
      li.appendChild(line);
      li.appendChild(meta);
      return li;
    }

    var given = new URLSearchParams(window.location.search);
    ["q", "speaker", "role", "doc", "from", "to"].forEach(function (k) {
      if (given.has(k)) form.elements[k].value = given.get(k);
    });
    given.getAll("state").forEach(function (s) {
      var box = form.querySelector("input[name=state][value='" + s.replace(/[^a-z]/g, "") + "']");
      if (box) box.checked = true;
    });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); run(); });
    more.addEventListener("click", show);
    run();
  }

  function start() { facets(); search(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}());
