"""Read proofs: the stored nodes a lookup touches, and checking them against a root.

A proof is the set of encodings of every node visited while looking the keys up — the root, each
hashed node on the way (inline nodes travel inside their parents) and, in V1, the value nodes of
hashed values — deduplicated and sorted bytewise, as Substrate's ``StorageProof`` (a BTreeSet)
hands them to ``state_getReadProof``. Proving absence needs the same path nodes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from runtime.primitives.hashing import blake2_256
from storage.trie.codec import EMPTY_TRIE_ROOT, HASH_LENGTH, NIBBLE_INDEX, Node, decode_node
from storage.trie.errors import (
    CorruptNodeError,
    InvalidProofError,
    MissingNodeError,
    TrieError,
    TrieNodeDecodeError,
)
from storage.trie.trie import Trie

__all__ = ["read_proof", "verify_read_proof"]

Fetch = Callable[[bytes, str], bytes]
Decode = Callable[[bytes, bytes, str], Node]


def _walk_key(root: bytes, key: bytes, fetch: Fetch, decode: Decode) -> bytes | None:
    """Look ``key`` up from ``root`` fetching hashed nodes with ``fetch``; returns the value."""
    if root == EMPTY_TRIE_ROOT:
        return None
    path = key.hex()
    node = decode(fetch(root, ""), root, "")
    position = 0
    while True:
        if not path.startswith(node.partial, position):
            return None
        position += len(node.partial)
        if position == len(path):
            if node.value is not None and node.value_hashed:
                return fetch(node.value, path)
            return node.value
        if node.children is None:
            return None
        ref = node.children[NIBBLE_INDEX[path[position]]]
        if ref is None:
            return None
        position += 1
        encoding = fetch(ref, path[:position]) if len(ref) == HASH_LENGTH else ref
        node = decode(encoding, ref, path[:position])


def _decode_stored(encoding: bytes, ref: bytes, path: str) -> Node:
    try:
        node = decode_node(encoding)
    except TrieNodeDecodeError as exc:
        raise CorruptNodeError(ref, path, str(exc)) from exc
    if node.is_empty:
        raise CorruptNodeError(ref, path, "the empty-trie node inside a trie")
    return node


def _decode_proof_node(encoding: bytes, ref: bytes, path: str) -> Node:
    try:
        node = decode_node(encoding)
    except TrieNodeDecodeError as exc:
        raise InvalidProofError(f"node 0x{ref.hex()} at key path 0x{path} does not decode: {exc}"
                                ) from exc
    if node.is_empty:
        raise InvalidProofError(f"empty-trie node at key path 0x{path} inside a trie")
    return node


def read_proof(trie: Trie, keys: Iterable[bytes]) -> list[bytes]:
    """The sorted, deduplicated encodings needed to prove the values (or absence) of ``keys``."""
    store = trie.store
    recorded: set[bytes] = set()

    def fetch(node_hash: bytes, path: str) -> bytes:
        encoding = store.get_node(node_hash)
        if encoding is None:
            raise MissingNodeError(node_hash, path)
        if blake2_256(encoding) != node_hash:
            raise CorruptNodeError(node_hash, path, "its bytes hash to a different value")
        recorded.add(encoding)
        return encoding

    for key in keys:
        _walk_key(trie.root, key, fetch, _decode_stored)
    return sorted(recorded)


def verify_read_proof(root: bytes, proof: Iterable[bytes],
                      keys: Iterable[bytes]) -> dict[bytes, bytes | None]:
    """The value (or ``None`` for absent) of each key, proven against ``root`` by ``proof``.

    Raises :class:`InvalidProofError` when a node needed on a key's path is not in the proof
    (including a proof that does not contain the root) or does not decode. Extra nodes are ignored.
    """
    if len(root) != HASH_LENGTH:
        raise InvalidProofError(f"a trie root is a 32-byte hash, got {len(root)} bytes")
    by_hash = {blake2_256(encoding): encoding for encoding in proof}

    def fetch(node_hash: bytes, path: str) -> bytes:
        encoding = by_hash.get(node_hash)
        if encoding is None:
            where = f"at key path 0x{path}" if path else "(the root)"
            raise InvalidProofError(f"proof lacks node 0x{node_hash.hex()} {where}")
        return encoding

    result: dict[bytes, bytes | None] = {}
    for key in keys:
        try:
            result[key] = _walk_key(root, key, fetch, _decode_proof_node)
        except TrieError as exc:
            if isinstance(exc, InvalidProofError):
                raise
            raise InvalidProofError(f"proof for key 0x{key.hex()} is malformed: {exc}") from exc
    return result
