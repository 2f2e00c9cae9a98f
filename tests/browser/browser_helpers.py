"""Debian's chromium, headless, driven by Playwright: the one browser of the browser tests,
and the checks every HTML edition page passes in it."""
from __future__ import annotations

import shutil
from contextlib import contextmanager

import pytest

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@contextmanager
def chromium(extra_args=(), **launch):
    """A launched browser (skips the test where playwright or chromium is missing)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra")
    path = shutil.which("chromium")
    if not path:
        pytest.skip("chromium is not installed (bash scripts/setup.sh --tests installs it)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS + list(extra_args), **launch)
        try:
            yield b
        finally:
            b.close()


CHECKS_JS = """() => {
  const seen = el => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})
                     && el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0;
  const turns = [...document.querySelectorAll('article.turn')];
  const labels = [...document.querySelectorAll('article.turn .turn-head .label')];
  const marks = [...document.querySelectorAll('article.turn .mark, article.turn .cue, .event')];
  const inPage = [...document.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href').slice(1));
  return {
    turns: turns.length,
    labels: labels.length,
    hiddenLabels: labels.filter(l => !seen(l)).map(l => l.textContent),
    marks: marks.length,
    hiddenMarks: marks.filter(m => !m.closest('details:not([open])') && !seen(m)).map(m => m.textContent),
    links: inPage.length,
    dangling: inPage.filter(id => !document.getElementById(decodeURIComponent(id))),
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    lang: document.documentElement.lang,
    landmarks: ['header', 'nav', 'main', 'footer'].filter(t => document.querySelector(t)),
  };
}"""


PHONE_JS = """() => {
  const vw = document.documentElement.clientWidth;
  const name = e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
                    + ' "' + (e.textContent || '').trim().slice(0, 40) + '"';
  return {
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: vw,
    beyond: [...document.body.querySelectorAll('*')]
      .filter(e => e.getBoundingClientRect().right > vw + 0.5).map(name),
    sideways: [...document.body.querySelectorAll('*')]
      .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
      .map(name),
  };
}"""


def assert_fits_phone(page):
    """Nothing sticks out of a 390 px viewport, and nothing scrolls sideways, the page or a part of it."""
    fit = page.evaluate(PHONE_JS)
    assert fit["beyond"] == [], f"elements past the right edge of the viewport: {fit['beyond'][:10]}"
    assert fit["sideways"] == [], f"parts that scroll sideways: {fit['sideways'][:10]}"
    assert fit["scrollWidth"] <= fit["clientWidth"], "the page scrolls sideways"


def open_page(browser, path, width: int = 1100, height: int = 900, fragment: str = "", **context):
    """A page of the browser at a file (and fragment), and the list its problems are put in."""
    page = browser.new_page(viewport={"width": width, "height": height}, **context)
    problems = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.goto(path.as_uri() + fragment)
    page.wait_for_load_state("load")
    return page, problems


def check_page(page, problems, min_turns: int):
    """The checks every HTML edition page passes: labels and marks visible, links with
    targets, landmarks, the interface language, no console error, no failed request."""
    facts = page.evaluate(CHECKS_JS)
    assert facts["turns"] >= min_turns
    assert facts["labels"] == facts["turns"], "every turn shows its printed label"
    assert facts["hiddenLabels"] == []
    assert facts["hiddenMarks"] == []
    assert facts["links"] > 0 and facts["dangling"] == []
    assert facts["lang"] == "en" and facts["landmarks"] == ["header", "nav", "main", "footer"]
    assert problems == []
    return facts
