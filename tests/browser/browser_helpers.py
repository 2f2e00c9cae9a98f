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
