"""The pages of a corpus site: the faceted index, participants, search, and their scripts.

:func:`iter_site_files` yields ``(name, bytes)`` for every file of the site
but the documents' own pages, names relative to the site's top folder:

- ``index.html``: every document (as :func:`render_index` lists them) with
  facets (date, speaker, role, language, interpreted, interrupting) and the
  number of documents of each value; ``site.js`` filters the list, and
  without it the page lists every document;
- ``participants.html`` and ``people/KEY.html``: one page per participant
  merged across documents (turns, words, documents, first and last
  appearance, a link to each document and to each turn, ``doc.html#uN``);
- ``search.html`` with ``search-index.js`` (the utterances, see
  :func:`tei_corpus.editions.site.search_index`) and ``site.js``: words and
  phrases, a concordance, filters; loaded as scripts, so it works from
  ``file://`` and asks nothing of the network.

The pages are rendered by ``xslt/index.xsl`` and ``xslt/site.xsl`` from small
XML documents built here; ``site.js`` is shipped in ``xslt/site/``.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import quote

from lxml import etree

from .render import IndexEntry, index_document
from .site import FACETS, Site, search_index
from .stylesheets import apply_stylesheet, xslt_dir

INDEX, SEARCH, PARTICIPANTS = "index.html", "search.html", "participants.html"
SCRIPT, DATA = "site.js", "search-index.js"
PEOPLE_DIR = "people"
#: The names a site keeps for itself (a document's page may not take them).
SITE_NAMES = (INDEX, SEARCH, PARTICIPANTS, SCRIPT, DATA)
_FACET_LABELS = {"yes": "Yes", "no": "No", "undated": "Undated"}


def person_pages(site: Site) -> dict[str, str]:
    """Each participant's page, relative to the site's top folder: ``people/KEY.html``.

    A key is an id, but a ``@who`` that names no one may be any pointer: what
    a file name cannot hold becomes ``_``, and two keys that would share a name
    (in any case) get ``-2``, ``-3``...
    """
    pages, taken = {}, set()
    for key in site.people:
        stem = re.sub(r"[^\w.-]", "_", key).lstrip(".") or "_"
        name, n = stem, 1
        while name.casefold() in taken:
            n += 1
            name = f"{stem}-{n}"
        taken.add(name.casefold())
        pages[key] = f"{PEOPLE_DIR}/{name}.html"
    return pages


def _link(name: str, up: str = "") -> str:
    return up + quote(name, safe="/")


def iter_site_files(site: Site, title: str, entries: Iterable[IndexEntry] = (),
                    failures: Iterable[tuple[str, str]] = (),
                    skipped: Iterable[tuple[str, str]] = ()) -> Iterator[tuple[str, bytes]]:
    """Yield every file of the site but the documents' pages (see the module docstring).

    Args:
        site: the documents and participants (:func:`~tei_corpus.editions.site.plan_site`).
        title: the site's title.
        entries: the documents listed in the index (default: the site's own).
        failures: ``(source, first error)`` of files that could not be built.
        skipped: ``(source, reason)`` of files not taken.
    """
    entries = list(entries) or [IndexEntry(d["href"], d["title"], d["doc"], d["lang"], d["date"],
                                           d["utterances"]) for d in site.docs]
    pages = person_pages(site)
    yield INDEX, _index(site, title, entries, failures, skipped)
    yield PARTICIPANTS, _render(_people_list(site, title, pages))
    for key, person in site.people.items():
        yield pages[key], _render(_person(site, person, title))
    yield SEARCH, _render(_page("search", title, title="Search", root=""))
    yield DATA, search_index(site, lambda key: _link(pages[key])).encode("utf-8")
    yield SCRIPT, (xslt_dir() / "site" / SCRIPT).read_bytes()


def _render(page: etree._Element) -> bytes:
    return bytes(apply_stylesheet("site", page.getroottree(), {}, path="<site>"))


def _index(site: Site, title: str, entries, failures, skipped) -> bytes:
    """The index document of :func:`render_index`, with facets and the site's links."""
    root = index_document(sorted(entries, key=lambda e: e.href), title, failures, skipped)
    root.set("search", SEARCH)
    root.set("participants", PARTICIPANTS)
    root.set("script", SCRIPT)
    counts = site.facet_counts()
    for name, heading in FACETS:
        facet = etree.SubElement(root, "facet", name=name, label=heading)
        values = counts[name]
        order = sorted(values, key=lambda v: (-values[v], v)) if name == "speaker" else sorted(values)
        for v in order:
            text = site.people[v].name if name == "speaker" else _FACET_LABELS.get(v, v)
            etree.SubElement(facet, "value", key=v, count=str(values[v])).text = text
    by_href = {d["href"]: i for i, d in enumerate(site.docs)}
    for doc in root.iterfind("doc"):
        i = by_href.get(doc.get("href"))
        for name, values in (site.facets(i).items() if i is not None else ()):
            doc.set("f-" + name, " ".join(values))
    return bytes(apply_stylesheet("index", root.getroottree(), {}, path="<index>"))


def _page(kind: str, site_title: str, *, title: str, root: str) -> etree._Element:
    return etree.Element("page", kind=kind, site=site_title, title=title, root=root,
                         index=INDEX, search=SEARCH, participants=PARTICIPANTS, script=SCRIPT,
                         data=DATA)


def _people_list(site: Site, title: str, pages: dict[str, str]) -> etree._Element:
    page = _page("people", title, title="Participants", root="")
    for key, p in site.people.items():
        etree.SubElement(page, "person", key=key, href=_link(pages[key]),
                         role=_main_role(p), turns=str(p.turns), words=str(p.words),
                         documents=str(len(p.appearances))).text = p.name
    return page


def _main_role(p) -> str:
    return max(p.roles, key=lambda r: (p.roles[r], r)) if p.roles else p.role


def _person(site: Site, p, title: str) -> etree._Element:
    """The page of one participant: totals, first and last appearance, each document's turns."""
    page = _page("person", title, title=p.name, root="../")
    page.set("key", p.key)
    page.set("role", ", ".join(sorted(p.roles)) or p.role)
    page.set("turns", str(p.turns))
    page.set("words", str(p.words))
    page.set("documents", str(len(p.appearances)))
    order = site.chronological(p.appearances)
    for which, i in (("first", order[0]), ("last", order[-1])):
        d = site.docs[i]
        etree.SubElement(page, which, href="../" + d["href"], date=d["date"]).text = d["title"]
    for i in order:
        d, a = site.docs[i], p.appearances[i]
        doc = etree.SubElement(page, "doc", href="../" + d["href"], id=d["doc"], date=d["date"],
                               turns=str(len(a.turns)), words=str(a.words))
        doc.text = d["title"]
        for uid, start in a.turns:
            u = etree.SubElement(doc, "u", id=uid)
            if start is not None:
                u.set("start", str(start))
    return page
