"""The corpus site of the shared samples in a real headless browser (Debian's chromium).

The samples' text files (../shared/samples/raw) are built once by ``tei build``;
what every page says is checked against the utterance tables the same build
wrote (``editions/tsv/*.utterances.tsv``), read back with the csv module.
Screenshots are written to ``test-artifacts/site/`` for a reviewer to look at.
"""
from __future__ import annotations

import csv
import re
import shutil
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser_helpers import assert_fits_phone, chromium
from conftest import SAMPLES_RAW, need_shared, text_samples
from lxml import html as lxml_html

from tei_corpus.corpus import BuildOptions, build

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The samples built with HTML editions and tables: (the editions folder, the utterance rows)."""
    need_shared(SAMPLES_RAW)
    raw = tmp_path_factory.mktemp("raw")
    samples = text_samples()
    assert samples
    for f in samples:
        shutil.copy(f, raw / f.name)
    out = tmp_path_factory.mktemp("built")
    summary, noted = build(raw, out, BuildOptions(kinds=("html", "tsv")), jobs=2)
    assert summary.failed == 0, [str(d) for o in noted for d in o.diagnostics]
    editions = out / "editions"
    rows = []
    csv.field_size_limit(1 << 30)
    tables = sorted((editions / "tsv").rglob("*.utterances.tsv"))
    assert len(tables) == len(samples)
    for table in tables:
        page = "html/" + table.relative_to(editions / "tsv").as_posix().replace(".utterances.tsv", ".html")
        with open(table, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                r["page"] = page
                rows.append(r)
    assert rows
    return editions, rows


@pytest.fixture(scope="module")
def browser():
    with chromium(ignore_default_args=["--hide-scrollbars"]) as b:
        yield b


def _open(browser, url: str, width: int = 1100, **context):
    ctx = browser.new_context(viewport={"width": width, "height": 900}, **context)
    page = ctx.new_page()
    seen = {"problems": [], "requests": []}
    page.on("console", lambda m: seen["problems"].append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: seen["problems"].append(f"page error: {e}"))
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.goto(url)
    page.wait_for_load_state("load")
    return page, seen


def _pattern(query: str) -> re.Pattern:
    """The search's definition of a match (site.js), in Python: the query's words in order,
    anything but letters and digits between them, a trailing * for any ending."""
    words = re.findall(r"[^\W_]+\*?", query)
    parts = [re.escape(w[:-1]) + r"[^\W_]*" if w.endswith("*") else re.escape(w) for w in words]
    return re.compile(r"(?<![^\W_])" + r"[\W_]+".join(parts) + r"(?![^\W_])", re.I)


def _flag(r, name):
    return r[name] == "TRUE"


def _expected(rows, query, keep=lambda r: True):
    pat = _pattern(query)
    found = {}
    for r in rows:
        n = len(pat.findall(r["text"])) if query else 1
        if n and keep(r):
            found[(r["doc"], r["id"])] = (n, r)
    return found


def _all_hits(page) -> list[dict]:
    page.wait_for_function("document.getElementById('status').textContent !== ''")
    while page.is_visible("#more"):
        page.click("#more")
    return page.evaluate("""() => [...document.querySelectorAll('#hits li.hit')].map(li => ({
        doc: li.dataset.doc, u: li.dataset.u,
        title: li.querySelector('.hit-doc').textContent,
        href: li.querySelector('.hit-doc').getAttribute('href'),
        turn: li.querySelector('.hit-turn').getAttribute('href'),
        speaker: (li.querySelector('.hit-speaker') || {}).textContent || '',
        speakerHref: (li.querySelector('.hit-speaker') || {getAttribute: () => ''}).getAttribute('href'),
        time: (li.querySelector('.hit-time') || {getAttribute: () => ''}).getAttribute('href'),
        mark: (li.querySelector('mark') || {}).textContent || '',
        line: li.querySelector('.kwic').textContent}))""")


def _js_number(text: str) -> str:
    """A number as JavaScript writes it (12, not 12.0)."""
    x = repr(float(text))
    return x[:-2] if x.endswith(".0") else x


_IDS: dict[Path, set[str]] = {}


def _ids_of(path: Path) -> set[str]:
    if path not in _IDS:
        _IDS[path] = set(lxml_html.parse(str(path)).getroot().xpath("//@id"))
    return _IDS[path]


def _check_hits(editions, hits, expected, query):
    assert expected, f"the samples have no utterance matching {query!r}"
    got = defaultdict(int)
    for h in hits:
        got[(h["doc"], h["u"])] += 1
    assert dict(got) == {k: n for k, (n, _) in expected.items()}
    pat = _pattern(query) if query else None
    for h in hits:
        r = expected[(h["doc"], h["u"])][1]
        assert h["href"] == h["turn"] == f"{r['page']}#{r['id']}"
        assert r["id"] in _ids_of(editions / unquote(r["page"])), "the link finds its turn"
        assert h["title"].strip()
        if r["start"]:
            assert h["time"] == f"{r['page']}#t={_js_number(r['start'])}"
        else:
            assert h["time"] == ""
        if not r["who"]:                     # a turn nobody is named for
            assert (h["speaker"], h["speakerHref"]) == ("", "")
        else:
            speaker_page = editions / unquote(h["speakerHref"])
            assert speaker_page.is_file() and h["speaker"] == lxml_html.parse(
                str(speaker_page)).findtext(".//h1")
        if pat is not None:
            assert pat.fullmatch(h["mark"]), h
            left, _, right = h["line"].partition(h["mark"])
            assert left.lstrip("…") in r["text"] and right.rstrip("…") in r["text"]


@pytest.mark.parametrize("query", ["president", "thank you very much", "interpret*"])
def test_search_lists_exactly_the_utterances_the_tables_match(browser, site, query):
    editions, rows = site
    page, seen = _open(browser, (editions / "search.html").as_uri())
    page.fill("#q", query)
    page.click("#search button[type=submit]")
    hits = _all_hits(page)
    _check_hits(editions, hits, _expected(rows, query), query)
    assert seen["problems"] == []


def test_search_filters_by_role_and_turn_state(browser, site):
    editions, rows = site
    page, seen = _open(browser, (editions / "search.html").as_uri() + "?q=the&state=interrupting")
    page.select_option("#f-role", label="journalist")
    page.click("#search button[type=submit]")
    hits = _all_hits(page)
    _check_hits(editions, hits, _expected(
        rows, "the", lambda r: r["role"] == "journalist" and _flag(r, "interrupting")), "the")
    # No words, a state alone: every turn in that state.
    page.fill("#q", "")
    page.select_option("#f-role", "")
    page.uncheck("input[name=state][value=interrupting]")
    page.check("input[name=state][value=truncated]")
    page.click("#search button[type=submit]")
    hits = _all_hits(page)
    _check_hits(editions, hits, _expected(rows, "", lambda r: _flag(r, "truncated")), "")
    assert seen["problems"] == []


def test_search_by_document_and_speaker(browser, site):
    editions, rows = site
    doc = max({r["doc"] for r in rows}, key=lambda d: sum(r["doc"] == d for r in rows))
    page, _ = _open(browser, (editions / "search.html").as_uri())
    option = page.evaluate("id => [...document.querySelectorAll('#f-doc option')].findIndex("
                           "o => window.TEI_SITE.docs[+o.value] && window.TEI_SITE.docs[+o.value][3] === id)",
                           doc)
    page.select_option("#f-doc", index=option)
    page.fill("#q", "we")
    page.click("#search button[type=submit]")
    _check_hits(editions, _all_hits(page), _expected(rows, "we", lambda r: r["doc"] == doc), "we")


def test_the_search_page_asks_nothing_of_the_network(browser, site):
    editions, _ = site
    page, seen = _open(browser, (editions / "search.html").as_uri() + "?q=question")
    _all_hits(page)
    assert seen["requests"], "the listener sees the page's own requests"
    for url in seen["requests"]:
        parts = urlsplit(url)
        assert parts.scheme == "file" and Path(unquote(parts.path)).parent == editions, url
    assert seen["problems"] == []


def test_the_search_index_is_under_a_third_of_the_html(site):
    editions, _ = site
    pages = sum(p.stat().st_size for p in editions.rglob("*.html"))
    index = (editions / "search-index.js").stat().st_size
    assert 0 < index < pages / 3


def _docs_by(rows, key):
    docs = defaultdict(set)
    for r in rows:
        for v in key(r):
            docs[v].add(r["doc"])
    return {v: len(d) for v, d in docs.items()}


def test_facet_counts_are_the_tables_counts_and_filter_the_list(browser, site):
    editions, rows = site
    page, seen = _open(browser, (editions / "index.html").as_uri())
    counts = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('#facets li')]
        .map(li => [li.dataset.facet + ':' + li.dataset.key, +li.querySelector('[data-count]').dataset.count]))""")
    expected = {
        **{f"speaker:{k}": n for k, n in _docs_by(rows, lambda r: r["who"].split()[:1]).items()},
        **{f"role:{k}": n for k, n in _docs_by(rows, lambda r: [r["role"]] if r["role"] else []).items()},
        **{f"language:{k}": n for k, n in _docs_by(rows, lambda r: [r["language"]]).items()},
        "interpreted:yes": len({r["doc"] for r in rows if _flag(r, "interpreted")}),
        "interrupting:yes": len({r["doc"] for r in rows if _flag(r, "interrupting")}),
    }
    for key, n in expected.items():
        assert counts.get(key) == n, key
    total = len({r["doc"] for r in rows})
    assert page.locator("#docs > li:visible").count() == total
    page.check("#facets input[name=role][value=journalist]")
    assert page.locator("#docs > li:visible").count() == counts["role:journalist"]
    page.check("#facets input[name=interrupting][value=yes]")
    both = len({r["doc"] for r in rows if r["role"] == "journalist"}
               & {r["doc"] for r in rows if _flag(r, "interrupting")})
    assert page.locator("#docs > li:visible").count() == both
    assert page.text_content("#shown") == f"{both} of {total} documents"
    page.click("#facets button[type=reset]")     # the form resets, then the list is filtered again
    page.wait_for_function("t => document.getElementById('shown').textContent === t",
                           arg=f"{total} documents", timeout=5000)
    assert page.locator("#docs > li:visible").count() == total
    assert seen["problems"] == []


def test_without_javascript_the_index_lists_every_document(browser, site):
    editions, rows = site
    page, _ = _open(browser, (editions / "index.html").as_uri(), java_script_enabled=False)
    assert page.locator("#docs > li:visible").count() == len({r["doc"] for r in rows})
    assert page.locator("#facets [data-count]").count() > 0


def test_participant_pages_count_what_the_tables_count(site):
    editions, rows = site
    by = defaultdict(list)
    for r in rows:
        if r["who"]:
            by[r["who"].split(" ")[0]].append(r)
    listing = lxml_html.parse(str(editions / "participants.html")).getroot()
    links = {li.get("data-key"): li.find("a").get("href") for li in listing.iter("li")
             if li.get("data-key")}
    assert set(links) == set(by)
    for key, turns in by.items():
        page = lxml_html.parse(str(editions / unquote(links[key]))).getroot()
        counts = {dd.get("data-count"): int(dd.text) for dd in page.iter("dd") if dd.get("data-count")}
        assert counts == {"turns": len(turns), "words": sum(int(r["words"]) for r in turns),
                          "documents": len({r["doc"] for r in turns})}, key
        per_doc = {li.get("data-doc"): [a.get("href") for a in li.find_class("turn-links")[0].iter("a")]
                   for li in page.iter("li") if li.get("data-doc")}
        assert per_doc == {d: [f"../{r['page']}#{r['id']}" for r in turns if r["doc"] == d]
                           for d in dict.fromkeys(r["doc"] for r in turns)}


A11Y_JS = """() => {
  const inPage = [...document.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href').slice(1));
  const controls = [...document.querySelectorAll('input, select, button, textarea')];
  const named = c => (c.labels && c.labels.length) || c.getAttribute('aria-label')
                     || (c.tagName === 'BUTTON' && c.textContent.trim());
  return {
    lang: document.documentElement.lang,
    title: document.title,
    h1: document.querySelectorAll('h1').length,
    landmarks: ['header', 'nav', 'main', 'footer'].filter(t => document.querySelector(t)),
    dangling: inPage.filter(id => id && !document.getElementById(decodeURIComponent(id))),
    unnamed: controls.filter(c => !named(c)).map(c => c.outerHTML.slice(0, 80)),
    links: [...document.querySelectorAll('a[href]')].map(a => a.href),
  };
}"""


def _page_links_resolve(editions, links):
    for url in links:
        parts = urlsplit(url)
        assert parts.scheme == "file", url
        path = Path(unquote(parts.path))
        assert path.is_file(), url
        if parts.fragment.startswith("u"):
            assert parts.fragment in _ids_of(path), url


@pytest.mark.parametrize("width", [1100, 390])
def test_every_kind_of_page_is_accessible_and_fits_a_phone(browser, site, width):
    editions, rows = site
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    busiest = max({r["who"].split(" ")[0] for r in rows},
                  key=lambda k: sum(r["who"].split(" ")[0] == k for r in rows))
    listing = lxml_html.parse(str(editions / "participants.html")).getroot()
    person = next(li.find("a").get("href") for li in listing.iter("li") if li.get("data-key") == busiest)
    for name in ("index.html", "participants.html", unquote(person), "search.html?q=minister"):
        page, seen = _open(browser, (editions / name.split("?")[0]).as_uri()
                           + ("?" + name.split("?")[1] if "?" in name else ""), width=width)
        if "search" in name:
            _all_hits(page)
        facts = page.evaluate(A11Y_JS)
        assert facts["lang"] == "en" and facts["title"] and facts["h1"] == 1, name
        assert facts["landmarks"] == ["header", "nav", "main", "footer"], name
        assert facts["dangling"] == [] and facts["unnamed"] == [], name
        _page_links_resolve(editions, facts["links"])
        if width < 500:
            assert_fits_phone(page)
        assert seen["problems"] == [], name
        page.screenshot(path=str(ARTIFACTS / f"{Path(name.split('?')[0]).stem}-{width}.png"),
                        full_page=width < 500)


def test_a_timed_turn_links_to_its_time(browser, site):
    editions, rows = site
    timed = [r for r in rows if r["start"] and re.search(r"[^\W\d_]{6,}", r["text"])]
    assert timed, "the samples have timed turns (printed timestamps)"
    word = re.search(r"[^\W\d_]{6,}", timed[0]["text"]).group(0)
    page, seen = _open(browser, (editions / "search.html").as_uri() + "?q=" + word)
    hits = _all_hits(page)
    _check_hits(editions, hits, _expected(rows, word), word)
    assert f"{timed[0]['page']}#t={_js_number(timed[0]['start'])}" in {h["time"] for h in hits}
    assert seen["problems"] == []
