"""The per-file limit on findings (``tei validate --max-errors``): one mechanism for every engine.

An engine given ``max_errors`` lists at most that many findings and returns
them as :class:`Findings`, which also says how many more it met
(``skipped``) or that it stopped before the end of the document
(``stopped``: the rest was not checked, so how many more is not known).
:func:`cap` then cuts the merged findings of a file to the limit and adds one
final ``too-many-errors`` line.
"""
from __future__ import annotations

from ..errors import Diagnostic

#: Findings listed per file unless told otherwise (``--max-errors``).
DEFAULT_MAX_ERRORS = 1000

CODE = "too-many-errors"


class Findings(list):
    """Diagnostics of one engine, with what it met past the limit.

    Attributes:
        skipped: findings met but not listed.
        stopped: the engine stopped at the limit with more to report (at
            least one more, uncounted).
    """

    def __init__(self, items=(), skipped: int = 0, stopped: bool = False) -> None:
        super().__init__(items)
        self.skipped = skipped
        self.stopped = stopped


def cap(path: str, found: list[Diagnostic], limit: int, skipped: int = 0,
        stopped: bool = False) -> list[Diagnostic]:
    """Return the first ``limit`` findings in document order, plus one count line.

    Args:
        path: the file the findings are about.
        found: the findings of every engine, in document order.
        limit: findings listed per file (0: no limit).
        skipped: findings the engines met past the limit and did not list.
        stopped: an engine stopped checking at the limit (the count is a minimum).
    """
    if limit and len(found) > limit:
        skipped += len(found) - limit
        found = found[:limit]
    if not skipped and not stopped:
        return found
    last = found[-1] if found else None
    line, col = (last.line, last.col) if last else (0, 0)
    if stopped:
        more = f"at least {skipped} more findings" if skipped else "more findings"
        message = f"{more} not reported: checking stopped after {limit} (see --max-errors)"
    else:
        message = (f"{skipped} more findings not reported (at most {limit} are listed per "
                   "file; see --max-errors)")
    return [*found, Diagnostic(path, line, col, "warning", CODE, message)]
