"""The interface through which the runtime reads and writes state.

The runtime never touches a database: every read and write goes through an object satisfying
:class:`Externalities`. ``storage.overlay`` implements it over the trie of a parent block; unit
tests may use a plain in-memory implementation. Keys and values are raw bytes; ordering of keys
is lexicographic on bytes, as in the Substrate trie.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Externalities(Protocol):
    """Key-value state with ordered iteration and nested transactional layers."""

    def get(self, key: bytes) -> bytes | None:
        """The value stored at ``key``, or None when absent."""
        ...

    def set(self, key: bytes, value: bytes) -> None:
        """Store ``value`` at ``key``."""
        ...

    def clear(self, key: bytes) -> None:
        """Remove ``key`` (no-op when absent)."""
        ...

    def append(self, key: bytes, item: bytes) -> None:
        """Append one SCALE-encoded item to the Vec stored at ``key``; an absent or empty value
        starts a new Vec.

        Substrate's ``storage_append``: a value whose prefix is not a valid ``Compact<u32>``
        length is overwritten by a fresh one-item Vec. Repeated appends cost O(len(item)) each.
        """
        ...

    def clear_prefix(self, prefix: bytes, limit: int | None = None) -> tuple[int, bool]:
        """Remove up to ``limit`` keys starting with ``prefix``.

        Returns the number of keys removed and whether every key under the prefix is now gone.
        """
        ...

    def next_key(self, key: bytes) -> bytes | None:
        """The smallest existing key strictly greater than ``key``, or None."""
        ...

    def start_transaction(self) -> None:
        """Open a nested transactional layer."""
        ...

    def commit_transaction(self) -> None:
        """Merge the innermost layer into its parent."""
        ...

    def rollback_transaction(self) -> None:
        """Discard every change made in the innermost layer."""
        ...

    def storage_root(self, state_version: int = 1) -> bytes:
        """The 32-byte trie root of the state including every pending change."""
        ...

    def ordered_trie_root(self, values: Sequence[bytes], state_version: int = 0) -> bytes:
        """Host function: the root of the trie mapping ``compact(i)`` to ``values[i]`` (the
        extrinsics root of a block; Substrate's ``blake2_256_ordered_root``)."""
        ...
