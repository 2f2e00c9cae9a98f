"""The HTML index of a built corpus: every document, and every file that failed.

The page is rendered by the editions' ``index.xsl``: the documents link to
their HTML editions, and the files that could not be built are a list of
their own (``failed`` entries), each with its first error, so a reader of the
index sees what is missing and why.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..editions import IndexEntry, render_index


def render_build_index(entries: Iterable[IndexEntry], failures: Iterable[tuple[str, str]],
                       title: str) -> bytes:
    """Return the index page.

    Args:
        entries: the built documents, in the order to list them.
        failures: ``(source, first error line)`` of each file that failed.
        title: the page title.
    """
    return render_index(list(entries), title=title, failures=list(failures))
