"""Debian's chromium, headless, driven by Playwright: the one browser of the browser tests."""
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
