"""Interpreter settings for the trie's hot loops: recursion room and a paused cyclic GC."""

from __future__ import annotations

import gc
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


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a burst of short-lived allocations.

    Trie updates allocate many small acyclic objects; the collector's generation-2 passes over a
    large node cache otherwise add spikes to block times. Reference counting still frees
    everything; the previous collector state is restored afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
