"""The HTML edition of a timed document in a real headless browser: its recording plays
in the page, a click on a turn seeks to it, the turn being heard is marked.

The recording is a tone written by the test (Python's wave module); the TEI is the
hand-written fixture tests/data/editions/timed-media.xml, whose header names it.
"""
from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

import pytest
from browser_helpers import chromium
from lxml import etree

from tei_corpus.editions import render_html

DATA = Path(__file__).resolve().parents[1] / "data" / "editions"
TIMED = DATA / "timed-media.xml"
# The fixture's timed turns: [start, end) in seconds (u4 is untimed, u5 past the tone's end).
TURNS = {"u1": (0.25, 1.2), "u2": (1.2, 2.0), "u3": (2.5, 3.6), "u5": (3663.5, 3665.0)}


@pytest.fixture(scope="module")
def browser():
    with chromium(["--autoplay-policy=no-user-gesture-required"]) as b:
        yield b


def write_tone(path: Path, seconds: float = 4.0, rate: int = 8000) -> None:
    """A 440 Hz tone, 16-bit mono PCM."""
    frames = b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / rate)))
                      for i in range(int(seconds * rate)))
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(frames)


@pytest.fixture
def site(tmp_path):
    """The page beside its recording."""
    write_tone(tmp_path / "tone.wav")
    page = tmp_path / "interview.html"
    page.write_bytes(render_html(etree.parse(str(TIMED))))
    return page


def containing(t: float) -> list[str]:
    """The turn the page must mark at time t: the latest-starting whose [start, end) holds t."""
    holding = [(s, k) for k, (s, e) in TURNS.items() if s <= t < e]
    return [max(holding)[1]] if holding else []


def _open(browser, url: str, **context):
    ctx = browser.new_context(**context)
    page = ctx.new_page()
    problems = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type == "error" else None)
    page.goto(url)
    page.wait_for_load_state("load")
    return page, problems


def _ready(page):
    page.wait_for_function("document.querySelector('.player audio').readyState >= 1")


CURRENT_JS = "() => [...document.querySelectorAll('article.is-current')].map(a => a.id)"
SEEK_JS = """t => new Promise(done => {
  const m = document.querySelector('.player audio');
  m.addEventListener('seeked', () => requestAnimationFrame(() => done({
    t: m.currentTime,
    current: [...document.querySelectorAll('article.is-current')].map(a => a.id),
    aria: [...document.querySelectorAll('[aria-current]')].map(a => a.id)})), {once: true});
  m.currentTime = t;
})"""


def test_click_on_a_turn_or_its_time_seeks_to_its_start(browser, site):
    page, problems = _open(browser, site.as_uri())
    _ready(page)
    assert page.locator(".player audio").get_attribute("src") == "tone.wav"
    page.locator("#u2 .turn-body").click()
    assert abs(page.evaluate("document.querySelector('.player audio').currentTime") - 1.2) < 0.05
    assert page.evaluate(CURRENT_JS) == ["u2"]
    page.locator("#u3 a.time").click()
    assert abs(page.evaluate("document.querySelector('.player audio').currentTime") - 2.5) < 0.05
    assert page.evaluate("location.hash") == "#t=2.5"
    assert page.evaluate(CURRENT_JS) == ["u3"]
    # Other links in a turn keep their own meaning: the citation link cites.
    page.locator("#u1 a.cite").click()
    assert page.evaluate("location.hash") == "#u1"
    assert abs(page.evaluate("document.querySelector('.player audio').currentTime") - 2.5) < 0.05
    assert problems == []
    page.context.close()


def test_exactly_the_turn_holding_the_current_time_is_marked(browser, site):
    page, problems = _open(browser, site.as_uri())
    _ready(page)
    times = [0.3, 1.0, 1.2, 1.99, 2.2, 2.5, 3.0, 3.59, 3.8, 0.1]
    for t in times:
        got = page.evaluate(SEEK_JS, t)
        assert abs(got["t"] - t) < 0.05
        assert got["current"] == containing(got["t"]) == got["aria"], t
    assert sum(1 for t in times if containing(t)) == 7 and sum(1 for t in times if not containing(t)) == 3
    # While it plays the mark follows; paused, it is the turn of the time it stopped at.
    page.evaluate(SEEK_JS, 1.0)
    page.evaluate("document.querySelector('.player audio').play()")
    page.wait_for_function("document.querySelector('.player audio').currentTime > 1.3")
    page.wait_for_function("document.querySelector('article.is-current')?.id === 'u2'")
    page.evaluate("""() => new Promise(done => {
        const m = document.querySelector('.player audio');
        m.addEventListener('pause', () => requestAnimationFrame(done), {once: true});
        m.pause(); })""")
    now = page.evaluate("document.querySelector('.player audio').currentTime")
    assert page.evaluate(CURRENT_JS) == containing(now)
    assert problems == []
    page.context.close()


def test_a_time_fragment_seeks_on_load_and_a_turn_fragment_still_scrolls(browser, site):
    page, problems = _open(browser, site.as_uri() + "#t=2.5")
    _ready(page)
    page.wait_for_function("Math.abs(document.querySelector('.player audio').currentTime - 2.5) < 0.05")
    assert page.evaluate(CURRENT_JS) == ["u3"]
    assert page.locator("#u3").is_visible()
    page.context.close()
    page, problems = _open(browser, site.as_uri() + "#u5", viewport={"width": 800, "height": 300})
    assert page.evaluate("document.querySelector(':target').id") == "u5"
    assert page.evaluate("""() => { const r = document.getElementById('u5').getBoundingClientRect();
                                   return r.top >= 0 && r.top < innerHeight; }""")
    assert page.evaluate("document.querySelector('.player audio').currentTime") == 0
    assert page.evaluate(CURRENT_JS) == []
    # An hour in: the time is shown as hh:mm:ss.
    assert page.locator("#u5 a.time").inner_text() == "01:01:03"
    assert problems == []
    page.context.close()


def test_the_page_reads_well_without_script_and_without_the_recording(browser, site, tmp_path):
    page, problems = _open(browser, site.as_uri(), java_script_enabled=False)
    assert page.locator("article.turn").count() == 5
    assert [page.locator(f"#{k} a.time").inner_text() for k in ("u1", "u2", "u3")] == [
        "00:00:00", "00:00:01", "00:00:02"]
    assert page.locator("#u4 a.time").count() == 0          # untimed: no time shown
    assert page.locator(".player audio").is_visible()         # the browser's own controls
    assert not page.locator(".player-note").is_visible()
    page.context.close()
    (tmp_path / "tone.wav").unlink()
    page, problems = _open(browser, site.as_uri())
    page.wait_for_function("!document.querySelector('.player-note').hidden")
    assert page.locator(".player-note").inner_text() == "The recording tone.wav could not be played here."
    page.locator("#u2 .turn-body").click()
    assert page.evaluate(CURRENT_JS) == ["u2"]
    assert [p for p in problems if "tone.wav" not in p and "ERR_FILE_NOT_FOUND" not in p] == []
    page.context.close()


def test_links_of_a_timed_page_have_targets(browser, site):
    page, problems = _open(browser, site.as_uri())
    links = page.evaluate("""() => [...document.querySelectorAll('a[href^="#"]')]
        .map(a => a.getAttribute('href').slice(1))""")
    times = [h for h in links if h.startswith("t=")]
    assert times == ["t=0.25", "t=1.2", "t=2.5", "t=3663.5"]   # media fragments, for the script
    missing = [h for h in links if not h.startswith("t=")
               and not page.evaluate("id => !!document.getElementById(id)", h)]
    assert missing == []
    page.context.close()


def test_a_timed_page_without_media_shows_the_turn_a_time_fragment_names(browser, tmp_path):
    tree = etree.parse(str(TIMED))
    for rec in tree.iterfind(".//{http://www.tei-c.org/ns/1.0}recordingStmt"):
        rec.getparent().replace(rec, etree.fromstring(
            '<p xmlns="http://www.tei-c.org/ns/1.0">No recording.</p>'))
    target = tmp_path / "plain.html"
    target.write_bytes(render_html(tree))
    page, problems = _open(browser, target.as_uri() + "#t=3", viewport={"width": 800, "height": 300})
    assert page.locator(".player").count() == 0
    assert page.evaluate(CURRENT_JS) == ["u3"]
    assert page.evaluate("document.getElementById('u3').getBoundingClientRect().top") >= 0
    page.locator("#u1 a.time").click()
    assert page.evaluate(CURRENT_JS) == ["u1"] and page.evaluate("location.hash") == "#t=0.25"
    assert problems == []
    page.context.close()
