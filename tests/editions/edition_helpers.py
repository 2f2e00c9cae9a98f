"""Helpers for the edition tests: wrap TEI fragments, run a driver, pick fragments."""
from __future__ import annotations

import re

from lxml import etree, html

from tei_corpus.editions import apply_stylesheet

PEOPLE = """<profileDesc><langUsage><language ident="en">English</language>
<language ident="ko">Korean</language></langUsage><particDesc><listPerson>
<person xml:id="blinken" role="principal"><persName>Antony J. Blinken</persName>
<affiliation><roleName>Secretary of State</roleName></affiliation></person>
<personGrp xml:id="press" role="journalist"><name>Questioners from the press</name></personGrp>
<personGrp xml:id="interp" role="interpreter"><name>Interpreter (unnamed)</name></personGrp>
</listPerson></particDesc></profileDesc>"""


def tei(body: str = "", *, people: bool = True, front: str = "", back: str = "",
        title: str = "<title>A title</title>", root: str = 'xml:id="doc" xml:lang="en"') -> etree._ElementTree:
    """Return a minimal TEI document around a body fragment."""
    text = (f'<TEI xmlns="http://www.tei-c.org/ns/1.0" {root}><teiHeader><fileDesc>'
            f'<titleStmt>{title}</titleStmt><publicationStmt><p/></publicationStmt>'
            f'<sourceDesc><p/></sourceDesc></fileDesc>{PEOPLE if people else ""}</teiHeader>'
            f'<text>{front}<body><div type="transcript">{body}</div></body>{back}</text></TEI>')
    return etree.ElementTree(etree.fromstring(text))


def run(driver: str, tree, **params) -> str:
    """Run a shipped driver with string parameters; return the result as text."""
    result = apply_stylesheet(driver, tree, params)
    return bytes(result).decode("utf-8") if driver in ("html", "index") else str(result)


def squash(markup: str) -> str:
    """Collapse whitespace runs in serialized markup to one space."""
    return re.sub(r"\s+", " ", markup.strip())


def pick(page: str, xpath: str) -> list[str]:
    """Return the squashed HTML of the elements an XPath selects in a page."""
    doc = html.document_fromstring(page)
    return [squash(el if isinstance(el, str) else
                   etree.tostring(el, method="html", encoding="unicode", with_tail=False))
            for el in doc.xpath(xpath)]
