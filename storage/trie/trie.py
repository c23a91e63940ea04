"""A state trie over a content-addressed node store: reads, ordered iteration, batched updates.

``Trie(store, root)`` stands at one root. Reads walk down from the root, loading nodes lazily
from the store through a bounded :class:`NodeCache` of decoded nodes. ``apply`` writes a batch of
changes, re-encodes only the dirty paths, moves the trie to the new root and reports which stored
nodes the new root gained and lost (see :class:`TrieUpdate`). Nothing is written to the store:
the caller (the chain database) persists ``inserted`` in the same batch as the block.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from runtime.primitives.hashing import blake2_256
from storage.trie._interpreter import gc_paused, recursion_room
from storage.trie.codec import (
    EMPTY_TRIE_ROOT,
    HASH_LENGTH,
    NIBBLE_CHARS,
    NIBBLE_INDEX,
    Node,
    decode_node,
    nibbles_to_key,
)
from storage.trie.errors import (
    CorruptNodeError,
    MissingNodeError,
    TrieError,
    TrieNodeDecodeError,
)
from storage.trie.mutation import Mutation
from storage.trie.nodestore import NodeCache, NodeReader
from storage.trie.root import build_trie_refs, check_state_version, child_root_entry

__all__ = ["Trie", "TrieUpdate"]


@dataclass(slots=True)
class TrieUpdate:
    """What one ``apply`` changed.

    * ``root`` — the new root (``EMPTY_TRIE_ROOT`` when the trie became empty);
    * ``inserted`` — hash → bytes of every stored node and V1 value node whose reference count
      grows: all nodes the new root needs that the old root did not reference are among them;
    * ``removed`` — one entry per reference the new root no longer holds (a hash repeats when
      several occurrences go); a hash whose count reaches zero is unreferenced;
    * ``new_refs`` — one entry per reference gained (``set(new_refs) == inserted.keys()``).

    For reference counting: ``count[h] += new_refs.count(h)``; ``count[h] -= removed.count(h)``.
    Without duplicate content, ``old nodes ∪ inserted − removed`` is exactly the new root's nodes.
    """

    root: bytes
    inserted: dict[bytes, bytes] = field(default_factory=dict)
    removed: list[bytes] = field(default_factory=list)
    new_refs: list[bytes] = field(default_factory=list)


class Trie:
    """The trie at ``root`` over ``store``; ``state_version`` decides how new values are encoded."""

    def __init__(self, store: NodeReader, root: bytes = EMPTY_TRIE_ROOT, state_version: int = 1,
                 cache: NodeCache | None = None) -> None:
        check_state_version(state_version)
        if len(root) != HASH_LENGTH:
            raise TrieError(f"a trie root is a 32-byte hash, got {len(root)} bytes")
        self.store = store
        self.state_version = state_version
        self.cache = cache if cache is not None else NodeCache()
        self._root = root

    @property
    def root(self) -> bytes:
        """The current root hash."""
        return self._root

    def __repr__(self) -> str:
        return f"Trie(root=0x{self._root.hex()}, state_version={self.state_version})"

    # -- node loading ----------------------------------------------------------------------------

    def load_node(self, ref: bytes, key_path: str) -> Node:
        """The decoded node behind a reference (hash or inline bytes) found at ``key_path``."""
        node = self.cache.get(ref)
        if node is not None:
            return node
        if len(ref) == HASH_LENGTH:
            encoding = self.store.get_node(ref)
            if encoding is None:
                raise MissingNodeError(ref, key_path)
            if blake2_256(encoding) != ref:
                raise CorruptNodeError(ref, key_path, "its bytes hash to a different value")
        else:
            encoding = ref
        try:
            node = decode_node(encoding)
        except TrieNodeDecodeError as exc:
            raise CorruptNodeError(ref, key_path, str(exc)) from exc
        if node.is_empty:
            raise CorruptNodeError(ref, key_path, "the empty-trie node inside a trie")
        self.cache.put(ref, node)
        return node

    def load_value(self, node: Node, key_path: str) -> bytes | None:
        """The value of ``node``, fetching a V1 value node from the store when hashed."""
        if not node.value_hashed or node.value is None:
            return node.value
        value = self.store.get_node(node.value)
        if value is None:
            raise MissingNodeError(node.value, key_path)
        if blake2_256(value) != node.value:
            raise CorruptNodeError(node.value, key_path, "value node bytes do not match the hash")
        return value

    # -- reads -----------------------------------------------------------------------------------

    def lookup(self, key: bytes) -> tuple[Node, str] | None:
        """The node holding ``key``'s value and its nibble path, or ``None`` when absent."""
        if self._root == EMPTY_TRIE_ROOT:
            return None
        path = key.hex()
        node = self.load_node(self._root, "")
        position = 0
        while True:
            partial = node.partial
            if not path.startswith(partial, position):
                return None
            position += len(partial)
            if position == len(path):
                return (node, path) if node.value is not None else None
            if node.children is None:
                return None
            ref = node.children[NIBBLE_INDEX[path[position]]]
            if ref is None:
                return None
            position += 1
            node = self.load_node(ref, path[:position])

    def get(self, key: bytes) -> bytes | None:
        """The value stored at ``key``, or ``None``."""
        found = self.lookup(key)
        return None if found is None else self.load_value(*found)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, bytes) and self.lookup(key) is not None

    def next_key(self, key: bytes) -> bytes | None:
        """The smallest stored key strictly greater than ``key``, or ``None``."""
        for found, _node in self._walk(key.hex()):
            if found != key:
                return found
        return None

    def iter_items(self, start: bytes = b"", prefix: bytes = b"") -> Iterator[tuple[bytes, bytes]]:
        """(key, value) pairs in key order from ``start`` (inclusive), limited to ``prefix``."""
        begin = max(start, prefix).hex()
        for key, node in self._walk(begin):
            if not key.startswith(prefix):
                return
            value = self.load_value(node, key.hex())
            if value is not None:
                yield key, value

    def iter_keys(self, start: bytes = b"", prefix: bytes = b"") -> Iterator[bytes]:
        """Keys in order from ``start`` (inclusive), limited to ``prefix``; values are not read."""
        for key, _node in self._walk(max(start, prefix).hex()):
            if not key.startswith(prefix):
                return
            yield key

    def node_references(self, check_values: bool = True) -> Iterator[bytes]:
        """Every reference to a stored node or V1 value node, once per occurrence, depth first.

        Loads and verifies each node (and, with ``check_values``, each value node's bytes), so
        this is also a full integrity check; ``Counter(trie.node_references())`` are the
        reference counts a node store needs for exactly this trie.
        """
        if self._root == EMPTY_TRIE_ROOT:
            return
        stack: list[tuple[bytes, str]] = [(self._root, "")]
        while stack:
            ref, path = stack.pop()
            if len(ref) == HASH_LENGTH or not path:
                yield ref
            node = self.load_node(ref, path)
            full = path + node.partial
            if node.value_hashed and node.value is not None:
                if check_values:
                    self.load_value(node, full)
                yield node.value
            for index, child in enumerate(node.children or ()):
                if child is not None:
                    stack.append((child, full + NIBBLE_CHARS[index]))

    def _walk(self, start: str) -> Iterator[tuple[bytes, Node]]:
        """Value-holding nodes with key ≥ ``start`` (a nibble string), in key order."""
        if self._root == EMPTY_TRIE_ROOT:
            return
        # stack entries: (reference, nibble path before the node's partial, bounded by start?)
        stack: list[tuple[bytes, str, bool]] = [(self._root, "", True)]
        while stack:
            ref, path, bounded = stack.pop()
            node = self.load_node(ref, path)
            full = path + node.partial
            if bounded and not start.startswith(full):
                if full < start:
                    continue
                bounded = False
            if node.value is not None and (not bounded or full == start):
                if len(full) % 2:
                    raise CorruptNodeError(ref, path, "a value at an odd nibble path")
                yield nibbles_to_key(full), node
            children = node.children
            if children is None:
                continue
            low = NIBBLE_INDEX[start[len(full)]] if bounded and len(start) > len(full) else 0
            for index in range(15, low - 1, -1):
                child = children[index]
                if child is not None:
                    within = bounded and index == low and len(start) > len(full)
                    stack.append((child, full + NIBBLE_CHARS[index], within))

    # -- writes ----------------------------------------------------------------------------------

    def apply(self, changes: Iterable[tuple[bytes, bytes | None]]) -> TrieUpdate:
        """Write ``changes`` (``None`` deletes; later entries win) and move to the new root.

        Only the touched paths are re-encoded. The store is not written: put ``inserted`` into
        it before reading through the new root (new V1 value nodes live only there). On an
        error (a missing or corrupt node) the trie stays at its old root.
        """
        latest: dict[bytes, bytes | None] = {}
        for key, value in changes:
            if key.__class__ is not bytes or not (value is None or value.__class__ is bytes):
                _reject_change(key, value)
            latest[key] = value
        if not latest:
            return TrieUpdate(self._root)
        if self._root == EMPTY_TRIE_ROOT:  # a fresh trie (genesis): the one-pass builder
            inserts = {key: value for key, value in latest.items() if value is not None}
            root, nodes, refs = build_trie_refs(inserts, self.state_version)
            self._root = root
            return TrieUpdate(root, nodes, [], refs)
        ordered = sorted(latest.items())
        keys = [key.hex() for key, _ in ordered]
        values = [value for _, value in ordered]
        mutation = Mutation(self.load_node, self.cache, self.state_version, keys, values)
        with recursion_room(max(map(len, keys)) + 1), gc_paused():
            root = mutation.run(self._root)
        gained, lost = mutation.net_changes()
        encodings = mutation.encodings
        inserted = {digest: encodings[digest] if digest in encodings
                    else self._stored_encoding(digest) for digest in gained}
        self._root = root
        return TrieUpdate(root, inserted, lost, gained)

    def _stored_encoding(self, digest: bytes) -> bytes:
        """Bytes of a gained node the mutation did not write (a value moved with its node)."""
        encoding = self.store.get_node(digest)
        if encoding is None:
            raise MissingNodeError(digest, "<moved value>")
        return encoding

    def apply_child_roots(self, child_roots: Iterable[tuple[bytes, bytes]]) -> TrieUpdate:
        """Record default child tries' roots (child key, root) in this top trie; empty ones go."""
        return self.apply(child_root_entry(child_key, root) for child_key, root in child_roots)


def _reject_change(key: object, value: object) -> None:
    """Raise for a change that is not (bytes, bytes | None); bytes subclasses are accepted."""
    if not isinstance(key, bytes):
        raise TrieError(f"trie keys are bytes, got {type(key).__name__}")
    if value is not None and not isinstance(value, bytes):
        raise TrieError(f"the value for key 0x{key.hex()} must be bytes or None (delete), "
                        f"got {type(value).__name__}")
