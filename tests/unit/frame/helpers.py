"""A fresh, empty state for frame tests: an overlay over an empty in-memory trie."""

from __future__ import annotations

from storage.overlay import Overlay
from storage.trie import Trie
from storage.trie.nodestore import MemoryNodeStore


def empty_state() -> Overlay:
    """An ``Externalities`` over an empty state."""
    return Overlay(Trie(MemoryNodeStore()))
