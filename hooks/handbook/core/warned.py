"""Whether Python was warned during a piece of work, whether or not it showed the warning.

Python shows a warning once per place in a process (MkDocs' command line logs a
DeprecationWarning as an INFO line), so in a cold build only the first page whose
conversion raises it says it; a later page raising it too looks silent. A conversion kept
as silent would stay so after the first page changed, where a cold build still says it:
a conversion during which Python was warned is never kept (document/page_renderings.py,
translation/rendering.py).

The warning filters are not touched: changing them (`warnings.catch_warnings`) makes
Python forget which warnings it has shown, so every page would say them. `warnings.warn`
is wrapped for the work instead, one level deeper so that a warning's place is its
caller's. A warning raised through a name bound before (`from warnings import warn`) or
from C is not seen.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator


class Warned:
    said = False


@contextlib.contextmanager
def noting_warnings(note: Warned | None = None) -> Iterator[Warned]:
    """`note.said` becomes True when the work in the block calls `warnings.warn`."""
    note = note if note is not None else Warned()
    original = warnings.warn

    def noting(message, category=None, stacklevel=1, *arguments, **options):
        note.said = True
        return original(message, category, stacklevel + 1, *arguments, **options)

    warnings.warn = noting
    try:
        yield note
    finally:
        warnings.warn = original
