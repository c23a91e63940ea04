"""Trie roots built in one pass from a complete key/value set (spec/substrate.md §3.2–3.5).

The builder sorts the keys once and builds bottom-up: the keys of a subtree are a contiguous run of
the sorted list, their common prefix (that of the run's first and last key) is the node's partial
key, and each child run is found by bisection. Every node is encoded exactly once: O(n).

``build_trie`` also returns the nodes themselves (for writing a genesis state into a node store);
``trie_root`` only the root. Child tries (§3.5) are plain tries whose roots are written into the top
trie under ``:child_storage:default:`` ‖ child key before the top root is computed.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence

from runtime.primitives.hashing import blake2_256
from storage.trie._interpreter import gc_paused, recursion_room
from storage.trie.codec import (
    EMPTY_TRIE_ROOT,
    HASH_LENGTH,
    MAX_INLINE_VALUE,
    NIBBLE_INDEX,
    HashedValue,
    common_prefix_length,
    encode_branch,
    encode_compact,
    encode_leaf,
)
from storage.trie.errors import TrieError

__all__ = [
    "CHILD_STORAGE_DEFAULT_PREFIX",
    "EMPTY_TRIE_ROOT",
    "TrieValue",
    "build_trie",
    "build_trie_refs",
    "check_state_version",
    "child_root_entry",
    "ordered_trie_root",
    "storage_root",
    "trie_root",
]

CHILD_STORAGE_DEFAULT_PREFIX = b":child_storage:default:"

TrieValue = bytes | HashedValue


def check_state_version(state_version: int) -> None:
    """Raise :class:`TrieError` unless ``state_version`` is 0 or 1."""
    if state_version not in (0, 1):
        raise TrieError(f"unknown trie state version {state_version!r} (expected 0 or 1)")


class _Builder:
    """One bottom-up build over sorted nibble keys."""

    __slots__ = ("keys", "nodes", "refs", "values", "version")

    def __init__(self, keys: list[str], values: list[TrieValue], version: int,
                 nodes: dict[bytes, bytes] | None, refs: list[bytes] | None) -> None:
        self.keys = keys
        self.values = values
        self.version = version
        self.nodes = nodes
        self.refs = refs

    def value_part(self, value: TrieValue) -> tuple[bytes, bool]:
        """(inline value or value hash, whether hashed), storing V1 value nodes."""
        if isinstance(value, HashedValue):
            if self.version != 1:
                raise TrieError("a value known only by its hash needs state version 1")
            if len(value.hash) != HASH_LENGTH:
                raise TrieError(f"a value hash has 32 bytes, got {len(value.hash)}")
            if self.refs is not None:
                self.refs.append(value.hash)
            return value.hash, True
        if self.version == 1 and len(value) > MAX_INLINE_VALUE:
            digest = blake2_256(value)
            if self.nodes is not None:
                self.nodes[digest] = value
            if self.refs is not None:
                self.refs.append(digest)
            return digest, True
        return value, False

    def reference(self, encoding: bytes) -> bytes:
        """The child reference of ``encoding``, storing hashed nodes."""
        if len(encoding) < HASH_LENGTH:
            return encoding
        digest = blake2_256(encoding)
        if self.nodes is not None:
            self.nodes[digest] = encoding
        if self.refs is not None:
            self.refs.append(digest)
        return digest

    def subtree(self, lo: int, hi: int, depth: int) -> bytes:
        """Encoding of the node holding keys[lo:hi] (which share their first ``depth`` nibbles)."""
        keys = self.keys
        first = keys[lo]
        if hi - lo == 1:
            value, hashed = self.value_part(self.values[lo])
            return encode_leaf(first[depth:], value, hashed)
        split = common_prefix_length(first, keys[hi - 1], depth)
        node_value: bytes | None = None
        hashed = False
        index = lo
        if len(first) == split:
            node_value, hashed = self.value_part(self.values[lo])
            index += 1
        children: list[bytes | None] = [None] * 16
        last = hi - 1
        while index < hi:
            key = keys[index]
            nibble = key[split]
            if index == last or keys[index + 1][split] != nibble:  # a lone key: a leaf
                leaf_value, leaf_hashed = self.value_part(self.values[index])
                encoding = encode_leaf(key[split + 1:], leaf_value, leaf_hashed)
                index += 1
            else:
                stop = bisect_left(keys, key[:split + 1] + "g", index + 2, hi)
                encoding = self.subtree(index, stop, split + 1)
                index = stop
            children[NIBBLE_INDEX[nibble]] = (encoding if len(encoding) < HASH_LENGTH
                                              else self.reference(encoding))
        return encode_branch(first[depth:split], node_value, hashed, children)


def _build(items: Mapping[bytes, TrieValue], state_version: int,
           nodes: dict[bytes, bytes] | None, refs: list[bytes] | None = None) -> bytes:
    check_state_version(state_version)
    if not items:
        return EMPTY_TRIE_ROOT
    for key, value in items.items():
        if not isinstance(key, bytes) or not isinstance(value, bytes | HashedValue):
            raise TrieError(f"trie entries are bytes → bytes (or HashedValue in V1), got "
                            f"{type(key).__name__} → {type(value).__name__}")
    ordered = sorted(items.items())
    keys = [key.hex() for key, _ in ordered]
    values = [value for _, value in ordered]
    builder = _Builder(keys, values, state_version, nodes, refs)
    with recursion_room(max(map(len, keys)) + 1), gc_paused():
        encoding = builder.subtree(0, len(keys), 0)
    root = blake2_256(encoding)
    if nodes is not None:
        nodes[root] = encoding
    if refs is not None:
        refs.append(root)
    return root


def trie_root(items: Mapping[bytes, TrieValue], state_version: int = 1) -> bytes:
    """The Merkle root of the trie holding ``items`` (values may be :class:`HashedValue` in V1)."""
    return _build(items, state_version, None)


def build_trie(items: Mapping[bytes, TrieValue],
               state_version: int = 1) -> tuple[bytes, dict[bytes, bytes]]:
    """The root and every stored node (hash → bytes, V1 value nodes included) of ``items``.

    Values given as :class:`HashedValue` contribute no value node (their bytes are unknown); the
    empty trie has no stored node at all.
    """
    nodes: dict[bytes, bytes] = {}
    root = _build(items, state_version, nodes)
    return root, nodes


def build_trie_refs(items: Mapping[bytes, TrieValue],
                    state_version: int = 1) -> tuple[bytes, dict[bytes, bytes], list[bytes]]:
    """Like :func:`build_trie`, plus one entry per reference to a stored node (or value node).

    The references are the trie's exact reference counts (identical nodes or V1 values at
    several places repeat): what ``Trie.apply`` reports as ``new_refs`` for an empty trie.
    """
    nodes: dict[bytes, bytes] = {}
    refs: list[bytes] = []
    root = _build(items, state_version, nodes, refs)
    return root, nodes, refs


def ordered_trie_root(values: Sequence[bytes], state_version: int = 0) -> bytes:
    """Root of ``{compact(i): values[i]}``: the extrinsics root of encoded extrinsics."""
    return trie_root({encode_compact(i): value for i, value in enumerate(values)}, state_version)


def child_root_entry(child_key: bytes, child_root: bytes) -> tuple[bytes, bytes | None]:
    """The top-trie change recording a default child trie's root (``None`` deletes an empty one)."""
    key = CHILD_STORAGE_DEFAULT_PREFIX + child_key
    return key, (None if child_root == EMPTY_TRIE_ROOT else child_root)


def storage_root(top: Mapping[bytes, TrieValue],
                 children: Mapping[bytes, Mapping[bytes, TrieValue]] | None = None,
                 state_version: int = 1) -> bytes:
    """Root of the top trie after writing the roots of the default child tries ``children``."""
    if not children:
        return trie_root(top, state_version)
    merged: dict[bytes, TrieValue] = dict(top)
    for child_key, entries in sorted(children.items()):
        key, root = child_root_entry(child_key, trie_root(entries, state_version))
        if root is None:
            merged.pop(key, None)
        else:
            merged[key] = root
    return trie_root(merged, state_version)
