"""Applying a batch of changes to a stored trie, re-encoding only the touched paths (spec §3.7).

The sorted changes are pushed down the trie in one pass: the changes under a node form a contiguous
run of the sorted keys, split between its children by bisection. Nodes on a touched path are copied
into mutable :class:`DirtyNode` objects ("thawed"); untouched children stay as references. Inserts
split partial keys; a branch left with one child and no value merges into that child; an empty
branch becomes a leaf or disappears. Then the dirty nodes are encoded bottom-up.

Reference accounting is per occurrence: every thawed node gives up its reference (when it was
referenced by hash, or was the root) and its V1 value node's; every committed node takes its own.
The same content can occur at several places of a trie (identical leaves or V1 values under
different keys), so the result is a multiset difference, netted per hash.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable

from runtime.primitives.hashing import blake2_256
from storage.trie.codec import (
    EMPTY_TRIE_ROOT,
    HASH_LENGTH,
    MAX_INLINE_VALUE,
    NIBBLE_CHARS,
    NIBBLE_INDEX,
    Node,
    common_prefix_length,
    encode_branch,
    encode_leaf,
    new_node,
)
from storage.trie.errors import TrieError
from storage.trie.nodestore import NodeCache

NodeLoader = Callable[[bytes, str], Node]


class DirtyNode:
    """A mutable node on a modified path; each child is a DirtyNode, a reference or ``None``."""

    __slots__ = ("children", "partial", "value", "value_hashed")

    def __init__(self, partial: str, value: bytes | None, value_hashed: bool,
                 children: list[DirtyNode | bytes | None] | None) -> None:
        self.partial = partial
        self.value = value
        self.value_hashed = value_hashed
        self.children = children


class Mutation:
    """One ``apply``: push sorted changes down from a root, then encode the dirty nodes."""

    def __init__(self, load: NodeLoader, cache: NodeCache, state_version: int,
                 keys: list[str], values: list[bytes | None]) -> None:
        self.load = load
        self.cache = cache
        self.version = state_version
        self.keys = keys
        self.values = values
        self.gained: list[bytes] = []
        self.lost: list[bytes] = []
        self.encodings: dict[bytes, bytes] = {}

    def run(self, root: bytes) -> bytes:
        """Apply every change to the trie at ``root`` and return the new root hash."""
        slot = None if root == EMPTY_TRIE_ROOT else root
        top = self.update(slot, 0, 0, len(self.keys))
        if isinstance(top, bytes):
            raise TrieError("internal error: the root was left unencoded")
        return EMPTY_TRIE_ROOT if top is None else self.commit(top, True)

    # -- pushing changes down --------------------------------------------------------------------

    def thaw(self, ref: bytes, path: str) -> DirtyNode:
        """A mutable copy of the node behind ``ref``; its references are given up."""
        node = self.cache.get(ref) or self.load(ref, path)
        if len(ref) == HASH_LENGTH:
            self.lost.append(ref)
        if node.value_hashed and node.value is not None:
            self.lost.append(node.value)
        children = list(node.children) if node.children is not None else None
        return DirtyNode(node.partial, node.value, node.value_hashed, children)

    def set_value(self, node: DirtyNode, value: bytes) -> None:
        """Give ``node`` a freshly written value (hashed in V1 when longer than 32 bytes)."""
        if self.version == 1 and len(value) > MAX_INLINE_VALUE:
            digest = blake2_256(value)
            self.encodings[digest] = value
            node.value, node.value_hashed = digest, True
        else:
            node.value, node.value_hashed = value, False

    def update(self, slot: DirtyNode | bytes | None, depth: int, lo: int,
               hi: int) -> DirtyNode | bytes | None:
        """The new content of ``slot`` (at ``depth`` nibbles) after changes ``lo:hi``."""
        if slot is None:
            return self.fresh(depth, lo, hi)
        keys = self.keys
        path = keys[lo][:depth]
        node = slot if slot.__class__ is DirtyNode else self.thaw(slot, path)  # type: ignore[arg-type]
        full = path + node.partial
        if hi - lo == 1 and keys[lo].startswith(full):
            return self.descend(node, full, lo, hi)
        start = bisect_left(keys, full, lo, hi)
        stop = bisect_left(keys, full + "g", start, hi)
        split = self.divergence(full, depth, lo, start, stop, hi)
        if split is not None:
            node = self.split(node, depth, split, full)
            return self.update(node, depth, lo, hi)
        return self.descend(node, full, start, stop)

    def divergence(self, full: str, depth: int, lo: int, start: int, stop: int,
                   hi: int) -> int | None:
        """Where an insert outside ``full``'s subtree leaves the node's partial key, if any."""
        if lo == start and stop == hi:
            return None
        keys, values = self.keys, self.values
        split: int | None = None
        for index in (*range(lo, start), *range(stop, hi)):
            if values[index] is not None:
                at = common_prefix_length(keys[index], full, depth)
                split = at if split is None else min(split, at)
        return split

    def split(self, node: DirtyNode, depth: int, split: int, full: str) -> DirtyNode:
        """Put a value-less branch above ``node`` at absolute nibble ``split`` of its path."""
        cut = split - depth
        children: list[DirtyNode | bytes | None] = [None] * 16
        children[NIBBLE_INDEX[full[split]]] = node
        branch = DirtyNode(node.partial[:cut], None, False, children)
        node.partial = node.partial[cut + 1:]
        return branch

    def descend(self, node: DirtyNode, full: str, start: int, stop: int) -> DirtyNode | None:
        """Apply changes ``start:stop`` (all inside ``node``'s subtree) and normalise ``node``."""
        keys, values = self.keys, self.values
        end = len(full)
        index = start
        if index < stop and len(keys[index]) == end:
            value = values[index]
            if value is None:
                node.value, node.value_hashed = None, False
            else:
                self.set_value(node, value)
            index += 1
        children = node.children
        while index < stop:
            key = keys[index]
            after = (index + 1 if index + 1 == stop
                     else bisect_left(keys, key[:end + 1] + "g", index + 1, stop))
            if children is None:
                children = node.children = [None] * 16
            nibble = NIBBLE_INDEX[key[end]]
            children[nibble] = self.update(children[nibble], end + 1, index, after)
            index = after
        return self.normalise(node, full)

    def normalise(self, node: DirtyNode, full: str) -> DirtyNode | None:
        """Drop an empty node, turn a childless branch into a leaf, merge a lone child upwards."""
        children = node.children
        if children is None:
            return node if node.value is not None else None
        absent = children.count(None)
        if absent == 16:
            node.children = None
            return node if node.value is not None else None
        if absent < 15 or node.value is not None:
            return node
        nibble = next(index for index in range(16) if children[index] is not None)
        child = children[nibble]
        if isinstance(child, bytes):
            child = self.thaw(child, full + NIBBLE_CHARS[nibble])
        child.partial = node.partial + NIBBLE_CHARS[nibble] + child.partial
        return child

    def fresh(self, depth: int, lo: int, hi: int) -> DirtyNode | None:
        """A new subtree holding the inserts among changes ``lo:hi`` (deletes are no-ops here)."""
        values = self.values
        for index in range(lo, hi):
            value = values[index]
            if value is not None:
                leaf = DirtyNode(self.keys[index][depth:], None, False, None)
                self.set_value(leaf, value)
                if index + 1 == hi:
                    return leaf
                result = self.update(leaf, depth, index + 1, hi)
                return result if isinstance(result, DirtyNode) else None
        return None

    # -- encoding --------------------------------------------------------------------------------

    def commit(self, node: DirtyNode, is_root: bool) -> bytes:
        """Encode ``node`` and its dirty descendants; returns its reference (the root: its hash)."""
        children = node.children
        if children is None:
            if node.value is None:
                raise TrieError("internal error: a leaf without a value reached the encoder")
            encoding = encode_leaf(node.partial, node.value, node.value_hashed)
            refs: tuple[bytes | None, ...] | None = None
        else:
            commit = self.commit
            refs = tuple([child if child.__class__ is not DirtyNode else commit(child, False)
                          for child in children])  # type: ignore[arg-type]
            encoding = encode_branch(node.partial, node.value, node.value_hashed, refs)
        if node.value_hashed and node.value is not None:
            self.gained.append(node.value)
        if not is_root and len(encoding) < HASH_LENGTH:
            return encoding
        digest = blake2_256(encoding)
        self.gained.append(digest)
        self.encodings[digest] = encoding
        if refs is not None:  # keep new branches decoded; leaves are rarely touched again soon
            self.cache.put(digest, new_node(Node, (node.partial, node.value, node.value_hashed,
                                                    refs)))
        return digest

    def net_changes(self) -> tuple[list[bytes], list[bytes]]:
        """(references gained, references lost), netted per hash; each may repeat a hash."""
        gained_counts = Counter(self.gained)
        lost_counts = Counter(self.lost)
        both = gained_counts.keys() & lost_counts.keys()  # nodes re-encoded unchanged, moved values
        if not both:
            return self.gained, self.lost
        gained = [digest for digest in self.gained if digest not in both]
        lost = [digest for digest in self.lost if digest not in both]
        for digest in both:
            surplus = gained_counts[digest] - lost_counts[digest]
            if surplus > 0:
                gained.extend([digest] * surplus)
            elif surplus < 0:
                lost.extend([digest] * -surplus)
        return gained, lost

