"""The HTML index of a built corpus: every document, every file that failed or was not taken.

The page is rendered by the editions' ``index.xsl``: the documents link to
their HTML editions, the files that could not be built are a list of their
own (``failed`` entries), each with its first error, and so are the files of
the source folder that the build did not take (``skipped`` entries: a suffix
it does not read), each with the reason, so a reader of the index sees what
is missing and why.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..editions import IndexEntry, render_index


def render_build_index(entries: Iterable[IndexEntry], failures: Iterable[tuple[str, str]],
                       title: str, skipped: Iterable[tuple[str, str]] = ()) -> bytes:
    """Return the index page.

    Args:
        entries: the built documents, in the order to list them.
        failures: ``(source, first error line)`` of each file that failed.
        title: the page title.
        skipped: ``(source, reason)`` of each file not taken.
    """
    return render_index(list(entries), title=title, failures=list(failures),
                        skipped=list(skipped))
