"""The reader's tools of the HTML edition in a real headless browser: the speaker filter,
the find box and the contents of a divided text.

The pages are the longest debate of the shared samples (852 turns, three speakers),
converted here, and DraCor's Macbeth from the shared reference samples (acts and scenes
under headings, 649 speeches). What the page shows is compared with counts taken from
the TEI itself and from the utterance table. Screenshots are written to
``test-artifacts/editions/`` for a reviewer to look at.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from browser_helpers import assert_fits_phone, check_page, chromium, open_page
from conftest import REFERENCE, SAMPLES_RAW, need_shared

from tei_corpus.editions import render_html, render_tables
from tei_corpus.xmlio import parse_file

try:
    from tei_corpus.convert import convert_file
except ImportError:
    convert_file = None

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "editions"
TEI = "{http://www.tei-c.org/ns/1.0}"
LONG = "015_debate-us-2020-09-29-trump-biden-wallace.txt"
DIVISIONS = {f"{TEI}div"} | {f"{TEI}div{i}" for i in range(1, 8)}
PARAGRAPHS = {f"{TEI}seg", f"{TEI}p", f"{TEI}ab"}

VISIBLE_TURNS_JS = """() => [...document.querySelectorAll('article.turn')]
    .filter(a => a.checkVisibility()).map(a => a.id)"""
# The current match: its text, its turn, and whether it is in view below the bars that stay there.
CURRENT_JS = """() => {
  const marks = [...document.querySelectorAll('mark.is-current-hit')];
  const r = marks[0].getBoundingClientRect();
  const below = document.querySelector('.tools').getBoundingClientRect().bottom;
  return {text: marks.map(m => m.textContent).join(''), turn: marks[0].closest('article.turn').id,
          inView: r.top >= below && r.bottom <= innerHeight};
}"""


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def debate(tmp_path_factory):
    """The converted debate: its TEI tree and its page."""
    if convert_file is None:
        pytest.skip("the converter is not available to encode the long sample")
    need_shared(SAMPLES_RAW)
    tree = convert_file(SAMPLES_RAW / LONG).tree
    page = tmp_path_factory.mktemp("tools") / "debate.html"
    page.write_bytes(render_html(tree))
    return tree, page


@pytest.fixture(scope="module")
def macbeth(tmp_path_factory):
    folder = need_shared(REFERENCE / "tei-samples" / "valid")
    tree = parse_file(folder / "shakedracor_macbeth.xml")
    page = tmp_path_factory.mktemp("tools") / "macbeth.html"
    page.write_bytes(render_html(tree))
    return tree, page


def turns_by_who(tree) -> dict[str, int]:
    """The number of u and sp of each @who value, from the TEI."""
    counts: dict[str, int] = {}
    for turn in tree.iter(f"{TEI}u", f"{TEI}sp"):
        if turn.get("who"):
            who = " ".join(turn.get("who").split())
            counts[who] = counts.get(who, 0) + 1
    return counts


def table_count(tree, who: str) -> int:
    """The rows of the utterance table for one @who value (the table writes it without "#")."""
    rows = csv.DictReader(io.StringIO(render_tables(tree)["utterances"]), delimiter="\t")
    return sum(1 for row in rows if row["who"] == who.replace("#", ""))


def tei_matches(tree, query: str, who: str | None = None) -> int:
    """How often the find box must find QUERY, counted in the TEI: case-insensitively, in
    each paragraph of each turn (a seg, p or ab, or an event standing between them; the
    whole u when it has none), white-space runs as one space, matches not overlapping."""
    q = " ".join(query.split()).lower()
    n = 0
    for u in tree.iter(f"{TEI}u"):
        if who is not None and u.get("who") != who:
            continue
        parts = [c for c in u if isinstance(c.tag, str)]
        blocks = parts if any(c.tag in PARAGRAPHS for c in parts) else [u]
        n += sum(" ".join("".join(b.itertext()).split()).lower().count(q) for b in blocks)
    return n


def choose_speaker(page, who: str) -> None:
    if page.get_attribute("#filter-toggle", "aria-expanded") != "true":
        page.click("#filter-toggle")
    page.check(f"#filter-list input[value='{who}']")


def counted(page) -> str:
    """The find box's count, once the search of what was typed has run."""
    page.wait_for_function("document.getElementById('find-count').textContent !== ''")
    return page.inner_text("#find-count")


def find(page, query: str) -> int:
    """Type QUERY in the find box; return m of its "n of m" (0 for "No matches")."""
    page.fill("#find-q", query)
    text = counted(page)
    if text == "No matches":
        return 0
    m = re.fullmatch(r"1 of (\d+)", text)
    assert m, text
    return int(m.group(1))


def test_filtering_by_a_speaker_shows_exactly_that_speakers_turns(browser, debate):
    tree, path = debate
    counts = turns_by_who(tree)
    assert sorted(counts) == ["#biden", "#trump", "#wallace"] and sum(counts.values()) == 852
    page, problems = open_page(browser, path)
    boxes = page.locator("#filter-list input[type=checkbox]")
    assert boxes.count() == 3
    for who, n in counts.items():
        assert n == table_count(tree, who) > 200
        choose_speaker(page, who)
        shown = page.evaluate(VISIBLE_TURNS_JS)
        assert len(shown) == n
        assert {page.get_attribute(f"#{i}", "data-who") for i in shown} == {who}
        assert page.inner_text("#filter-status") == f"Showing {n} of 852 turns"
        # The other turns are collapsed into runs, each saying how many turns it holds.
        notes = page.locator(".run-note button").all_inner_texts()
        held = [int(re.fullmatch(r"Show (\d+) turns? of other speakers", t).group(1)) for t in notes]
        assert sum(held) == 852 - n
        page.uncheck(f"#filter-list input[value='{who}']")
        assert len(page.evaluate(VISIBLE_TURNS_JS)) == 852 and page.locator(".run-note").count() == 0
    # Two speakers: the turns of both; "All speakers" undoes it.
    choose_speaker(page, "#biden")
    choose_speaker(page, "#trump")
    assert len(page.evaluate(VISIBLE_TURNS_JS)) == counts["#biden"] + counts["#trump"]
    page.click("#filter-clear")
    assert len(page.evaluate(VISIBLE_TURNS_JS)) == 852 and page.inner_text("#filter-status") == ""
    assert problems == []
    page.close()


def test_a_collapsed_run_opens_and_closes(browser, debate):
    tree, path = debate
    page, problems = open_page(browser, path)
    choose_speaker(page, "#wallace")
    button = page.locator(".run-note button").first
    n = int(button.inner_text().split()[1])
    before = len(page.evaluate(VISIBLE_TURNS_JS))
    button.click()
    assert len(page.evaluate(VISIBLE_TURNS_JS)) == before + n
    assert button.get_attribute("aria-expanded") == "true" and button.inner_text().startswith("Hide these ")
    button.click()
    assert len(page.evaluate(VISIBLE_TURNS_JS)) == before
    assert problems == []
    page.close()


@pytest.mark.parametrize("query", ["people", "PEOPLE", "thank you", "four more years", "crosstalk"])
def test_find_counts_the_matches_the_tei_text_holds(browser, debate, query):
    tree, path = debate
    expected = tei_matches(tree, query)
    assert expected > 0
    page, problems = open_page(browser, path)
    assert find(page, query) == expected
    # Every match is highlighted, and each highlight is the query in some case.
    marks = page.evaluate("() => [...document.querySelectorAll('mark.find-hit')].map(m => m.textContent)")
    assert len(marks) >= expected
    assert " ".join(marks).lower().split() == " ".join([query.lower()] * expected).split()
    assert problems == []
    page.close()


def test_find_is_case_insensitive_and_cleared(browser, debate):
    tree, path = debate
    text = "".join(tree.getroot().find(f".//{TEI}body").itertext())
    assert "People" in text and "people" in text          # both cases occur
    page, problems = open_page(browser, path)
    body = "() => document.querySelector('#u10 .turn-body').innerHTML"
    before = page.evaluate(body)
    n = find(page, "People")
    assert n == find(page, "people") == tei_matches(tree, "PEOPLE") > text.count("people")
    assert find(page, "no such phrase in this debate") == 0
    page.fill("#find-q", "")
    assert page.inner_text("#find-count") == "" and page.locator("mark").count() == 0
    # The text is back as it was, node for node.
    assert "find-hit" not in before and page.evaluate(body) == before
    assert page.evaluate("document.querySelector('#u10 .turn-body p').childNodes.length") == 1
    assert problems == []
    page.close()


def test_next_and_previous_cycle_and_scroll_the_match_into_view(browser, debate):
    tree, path = debate
    page, problems = open_page(browser, path, height=700)
    m = find(page, "thank you")
    assert m == tei_matches(tree, "thank you") and m > 3
    seen = []
    for i in range(1, m + 1):
        assert page.inner_text("#find-count") == f"{i} of {m}"
        current = page.evaluate(CURRENT_JS)
        assert current["text"].lower() == "thank you" and current["inView"], (i, current)
        seen.append(current["turn"])
        page.keyboard.press("Enter")              # the focus stays in the box
    assert page.inner_text("#find-count") == f"1 of {m}"    # after the last, the first
    ids = [a for a in page.evaluate("() => [...document.querySelectorAll('article.turn')].map(a => a.id)")]
    assert seen == sorted(seen, key=ids.index)             # in document order
    page.keyboard.press("Shift+Enter")
    assert page.inner_text("#find-count") == f"{m} of {m}"
    assert page.evaluate(CURRENT_JS)["turn"] == seen[-1]
    page.get_by_role("button", name="Next match").click()
    assert page.inner_text("#find-count") == f"1 of {m}"
    page.get_by_role("button", name="Previous match").click()
    assert page.inner_text("#find-count") == f"{m} of {m}" and page.evaluate(CURRENT_JS)["inView"]
    assert problems == []
    page.close()


def test_find_searches_the_turns_of_the_chosen_speakers(browser, debate):
    tree, path = debate
    page, problems = open_page(browser, path)
    find(page, "people")
    choose_speaker(page, "#biden")
    m = int(page.inner_text("#find-count").split(" of ")[1])
    assert m == tei_matches(tree, "people", who="#biden") < tei_matches(tree, "people")
    assert page.evaluate("() => [...document.querySelectorAll('mark.find-hit')]"
                         ".every(m => m.closest('article').dataset.who === '#biden')")
    assert problems == []
    page.close()


def test_controls_are_labelled_and_work_from_the_keyboard(browser, debate):
    tree, path = debate
    page, problems = open_page(browser, path)
    assert page.get_by_role("search", name="Find in the transcript").count() == 1
    box = page.get_by_role("searchbox", name="Find")
    assert page.get_attribute("#find-count", "aria-live") == "polite"
    assert page.get_attribute("#filter-status", "aria-live") == "polite"
    box.focus()
    page.keyboard.type("debate")
    assert counted(page) == f"1 of {tei_matches(tree, 'debate')}"
    toggle = page.get_by_role("button", name="Speakers", exact=True)
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    biden = page.get_by_role("checkbox", name=f"Joe R Biden ({turns_by_who(tree)['#biden']})")
    assert biden.count() == 1
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")                    # the second speaker in order of first turn
    page.keyboard.press("Space")
    assert biden.is_checked()
    assert len(page.evaluate(VISIBLE_TURNS_JS)) == turns_by_who(tree)["#biden"]
    page.keyboard.press("Enter")                  # Enter on a check box does nothing
    assert biden.is_checked()
    assert problems == []
    page.close()


def test_utterance_anchors_keep_working(browser, debate):
    tree, path = debate
    # Loaded at #u400, the turn is in view below the bar that stays at the top.
    page, problems = open_page(browser, path, height=700, fragment="#u400")
    top = page.evaluate("document.getElementById('u400').getBoundingClientRect().top")
    assert page.evaluate("document.querySelector('.tools').getBoundingClientRect().bottom") <= top < 700
    assert page.evaluate("document.querySelector(':target').id") == "u400"
    # While filtering, a link to a turn of another speaker opens the run holding it.
    choose_speaker(page, "#trump")
    interrupts = page.locator("article[data-who='#trump'] .mark-interrupting a").first
    other = interrupts.get_attribute("href")[1:]
    assert page.get_attribute(f"#{other}", "data-who") != "#trump"
    assert not page.locator(f"#{other}").is_visible()
    interrupts.click()
    assert page.evaluate("location.hash") == f"#{other}" and page.locator(f"#{other}").is_visible()
    # So does a fragment typed into the address bar.
    page.click("#filter-clear")
    choose_speaker(page, "#trump")
    page.evaluate("location.hash = '#u1'")
    page.wait_for_function("document.getElementById('u1').checkVisibility()")
    assert page.evaluate("document.getElementById('u1').getBoundingClientRect().top") >= 0
    assert problems == []
    page.close()


def test_without_script_every_turn_shows_and_no_control(browser, debate, macbeth):
    tree, path = debate
    page, problems = open_page(browser, path, java_script_enabled=False)
    assert page.locator("article.turn").count() == 852
    assert all(page.locator("article.turn").nth(i).is_visible() for i in (0, 425, 851))
    assert page.locator(".tools, #find-q, #filter-toggle").count() == 0     # the template is inert
    check_page(page, problems, min_turns=852)
    page.close()
    page, problems = open_page(browser, macbeth[1], java_script_enabled=False)
    page.click("details.contents summary")
    page.click("details.contents a >> text=Scene 2 >> nth=0")
    assert page.evaluate("location.hash") == "#section-1-2"
    page.close()


def test_contents_of_a_text_divided_under_headings(browser, macbeth):
    tree, path = macbeth
    body = tree.getroot().find(f".//{TEI}body")
    headed = [d for d in body.iter(*DIVISIONS) if d.find(f"{TEI}head") is not None]
    assert len(headed) == 33                     # 5 acts, 28 scenes
    page, problems = open_page(browser, path)
    check_page(page, problems, min_turns=649)
    details = page.locator("details.contents")
    assert details.locator("summary").inner_text() == f"Contents · {len(headed)} sections"
    links = details.locator("nav a")
    assert links.count() == len(headed)
    assert [links.nth(i).text_content() for i in range(links.count())] == [" ".join("".join(d.find(f"{TEI}head").itertext()).split())
                                       for d in headed]
    # Nested as the divisions are: the acts, each with its scenes.
    assert page.locator("details.contents nav > ol > li").count() == 5
    # Each entry leads to its section, whose heading is then in view below the bar.
    details.locator("summary").click()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "macbeth-contents.png"))
    for i in (0, 9, len(headed) - 1):
        link = links.nth(i)
        section = link.get_attribute("href")[1:]
        link.click()
        heading = page.locator(f"[id='{section}'] > :is(h3, h4)").first
        assert heading.inner_text() == link.inner_text()
        top = heading.evaluate("h => h.getBoundingClientRect().top")
        assert page.evaluate("document.querySelector('.tools').getBoundingClientRect().bottom") <= top < 900
    # The speakers of the play, by @who, and a filter by one of them.
    counts = turns_by_who(tree)
    assert page.locator("#filter-list input").count() == len(counts)
    choose_speaker(page, "#Macbeth_Mac")
    # A speech several speak together is an entry of its own, as in the utterance table.
    assert counts["#Macbeth_Mac"] == table_count(tree, "#Macbeth_Mac") == 145
    assert counts["#Macbeth_Mac #Lennox_Mac"] == table_count(tree, "#Macbeth_Mac #Lennox_Mac") == 1
    assert page.locator("#filter-list input[value='#Macbeth_Mac #Lennox_Mac']").count() == 1
    assert len(page.evaluate(VISIBLE_TURNS_JS)) == 145
    assert problems == []
    page.close()


def test_tools_on_a_phone(browser, debate):
    tree, path = debate
    page, problems = open_page(browser, path, width=390, height=844)
    page.click("#filter-toggle")
    find(page, "people")
    check_page(page, problems, min_turns=852)
    assert_fits_phone(page)
    choose_speaker(page, "#biden")
    assert_fits_phone(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "long-debate-tools-phone.png"))
    bar = page.evaluate("document.querySelector('.tools').getBoundingClientRect().height")
    assert bar < 844 / 2, "the bar leaves most of the screen to the text"
    page.close()


def test_tools_below_the_recording_bar(browser, tmp_path):
    """On a timed page with media, the tools bar stays in view just below the player's."""
    data = Path(__file__).resolve().parents[1] / "data" / "editions" / "timed-media.xml"
    target = tmp_path / "interview.html"
    target.write_bytes(render_html(parse_file(data)))
    page, problems = open_page(browser, target, height=300)
    player = page.evaluate("document.querySelector('.player').getBoundingClientRect().height")
    assert player > 0
    # The player may change height as its media loads; the script follows it (a
    # ResizeObserver), so the bar settles just below it.
    page.wait_for_function("""() => Math.abs(
        parseFloat(getComputedStyle(document.querySelector('.tools')).top)
        - document.querySelector('.player').getBoundingClientRect().height) < 0.01""", timeout=5000)
    assert page.evaluate("getComputedStyle(document.querySelector('.tools')).position") == "sticky"
    page.close()
