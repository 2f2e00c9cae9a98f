"""The HTML edition in a real headless browser (Debian's chromium, driven by Playwright).

Screenshots are written to ``test-artifacts/editions/`` for a reviewer to look at.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from browser_helpers import assert_fits_phone as _assert_fits_phone, chromium
from conftest import REFERENCE, SAMPLES_RAW, need_shared
from lxml import etree

from tei_corpus.editions import render_html

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "editions"
EXAMPLE = ROOT / "tests" / "data" / "editions" / "design-example.xml"
SEED = ROOT / "corpus_raw" / "000_state-blinken-cho-seoul-2025.txt"
LONG = "015_debate-us-2020-09-29-trump-biden-wallace.txt"

try:
    from tei_corpus.convert import convert_file
except ImportError:
    convert_file = None


@pytest.fixture(scope="module")
def browser():
    # Scrollbars shown, as on a desktop browser: a page that overflows sideways gets one.
    with chromium(ignore_default_args=["--hide-scrollbars"]) as b:
        yield b


def _page_file(name: str, tree) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / f"{name}.html"
    target.write_bytes(render_html(tree))
    return target


def seed_tree():
    if convert_file is not None:
        return convert_file(SEED).tree
    return etree.parse(str(EXAMPLE))


def long_tree():
    if convert_file is None:
        pytest.skip("the converter is not available to encode the long sample")
    need_shared(SAMPLES_RAW)
    return convert_file(SAMPLES_RAW / LONG).tree


def parlamint_tree():
    folder = need_shared(REFERENCE / "tei-samples" / "valid")
    return etree.parse(str(folder / "parlamint-es-ga_2016-10-21-DSPG001.xml"))


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


def _open(browser, path: Path, width: int = 1100, height: int = 900):
    page = browser.new_page(viewport={"width": width, "height": height})
    problems = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, problems


def _check(page, problems, min_turns: int):
    facts = page.evaluate(CHECKS_JS)
    assert facts["turns"] >= min_turns
    assert facts["labels"] == facts["turns"], "every turn shows its printed label"
    assert facts["hiddenLabels"] == []
    assert facts["hiddenMarks"] == []
    assert facts["links"] > 0 and facts["dangling"] == []
    assert facts["lang"] == "en" and facts["landmarks"] == ["header", "nav", "main", "footer"]
    assert problems == []
    return facts


def test_seed_page(browser):
    path = _page_file("seed", seed_tree())
    page, problems = _open(browser, path)
    facts = _check(page, problems, min_turns=5)
    assert facts["marks"] > 0
    page.screenshot(path=str(ARTIFACTS / "seed-desktop.png"), full_page=True)
    # Boilerplate is shown apart and collapsed; a click opens it.
    details = page.locator("details.boilerplate").first
    body = details.locator(".boilerplate-body")
    assert details.locator("summary").is_visible() and not body.is_visible()
    details.locator("summary").click()
    assert body.is_visible()
    # An utterance anchor is a working citation.
    first = page.locator("article.turn").first
    first.locator("a.cite").click()
    anchor = first.get_attribute("id")
    assert page.evaluate("location.hash") == f"#{anchor}"
    assert page.evaluate("document.querySelector(':target').id") == anchor
    # Interpreted turns name their interpreter, visibly.
    if page.locator(".mark-interpreted").count():
        assert page.locator(".mark-interpreted").first.inner_text().startswith("Interpreted by ")
    page.close()


def test_seed_on_a_phone_and_in_print(browser):
    path = _page_file("seed", seed_tree())
    page, problems = _open(browser, path, width=390, height=844)
    facts = _check(page, problems, min_turns=5)
    assert facts["overflow"] <= 0, "no horizontal scrolling on a phone"
    _assert_fits_phone(page)
    page.screenshot(path=str(ARTIFACTS / "seed-phone.png"))
    page.locator("#participants").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "seed-phone-participants.png"))
    page.emulate_media(media="print")
    assert not page.locator("nav.toc").is_visible()
    assert page.locator("article.turn .label").first.is_visible()
    page.pdf(path=str(ARTIFACTS / "seed-print.pdf"))
    page.close()


def test_long_sample_page(browser):
    path = _page_file("long-debate", long_tree())
    page, problems = _open(browser, path)
    facts = _check(page, problems, min_turns=500)
    assert page.locator(".mark-interrupting").count() > 0 and page.locator(".mark-truncated").count() > 0
    page.screenshot(path=str(ARTIFACTS / "long-debate-top.png"))
    turn = page.locator("article.is-interrupting").first
    turn.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "long-debate-interruption.png"))
    assert facts["dangling"] == []
    page.close()


def test_long_sample_on_a_phone(browser):
    path = _page_file("long-debate", long_tree())
    page, problems = _open(browser, path, width=390, height=844)
    _check(page, problems, min_turns=500)
    _assert_fits_phone(page)
    page.screenshot(path=str(ARTIFACTS / "long-debate-phone.png"))
    page.close()


def test_real_parlamint_page_on_a_phone(browser):
    path = _page_file("parlamint", parlamint_tree())
    page, problems = _open(browser, path, width=390, height=844)
    _check(page, problems, min_turns=167)
    _assert_fits_phone(page)
    page.locator("#participants").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "parlamint-phone-participants.png"))
    page.close()


def test_real_parlamint_page(browser):
    path = _page_file("parlamint", parlamint_tree())
    page, problems = _open(browser, path)
    facts = _check(page, problems, min_turns=167)
    assert facts["turns"] == 167
    page.locator("article.turn").nth(60).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "parlamint.png"))
    page.close()
