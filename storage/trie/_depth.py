"""Room on the Python stack for recursions whose depth is bounded by key length."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

_SAFE_DEPTH = 400


@contextmanager
def recursion_room(levels: int) -> Iterator[None]:
    """Make sure ``levels`` more nested Python calls fit (trie depth ≤ longest key in nibbles).

    Python 3.11 does not use the C stack for Python-to-Python calls, so raising the limit for a
    deep but finite recursion is safe; the previous limit is restored afterwards.
    """
    if levels <= _SAFE_DEPTH:
        yield
        return
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, old + 2 * levels))
    try:
        yield
    finally:
        sys.setrecursionlimit(old)
