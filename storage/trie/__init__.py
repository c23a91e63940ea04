"""Substrate's base-16 Patricia-Merkle state trie, layouts V0 and V1 (spec/substrate.md §3).

Public API (stable; other layers build on it):

``storage.trie.root``
    ``trie_root(items, state_version=1) -> bytes`` — root of a complete ``{key: value}`` map, built
    bottom-up from the sorted keys in O(n). Values may be ``HashedValue(hash)`` in V1 (a value
    known only by its blake2_256, e.g. a large ``:code``).
    ``build_trie(items, state_version=1) -> (root, {hash: bytes})`` — the same plus every stored
    node (V1 value nodes included): the bulk path for writing a genesis state;
    ``build_trie_refs`` also returns one entry per node reference (exact reference counts).
    ``Trie.apply`` on an empty trie takes this one-pass path by itself.
    ``ordered_trie_root(values, state_version=0)`` — keys ``compact(i)``: the extrinsics root
    (pass each extrinsic WITH its own compact length prefix; subtensor uses V0 here).
    ``storage_root(top, children, state_version)``, ``child_root_entry(child_key, root)`` and
    ``CHILD_STORAGE_DEFAULT_PREFIX`` — default child tries: their roots go into the top trie under
    ``:child_storage:default:`` ‖ child key before the top root is taken; empty ones are removed.
    ``EMPTY_TRIE_ROOT`` = blake2_256(0x00); it needs no stored node.

``storage.trie.trie``
    ``Trie(store, root=EMPTY_TRIE_ROOT, state_version=1, cache=None)`` with ``root``,
    ``get(key)``, ``next_key(key)`` (strictly greater), ``iter_items(start=b"", prefix=b"")``,
    ``iter_keys(...)``, ``node_references()`` (every stored-node reference, verified: an
    integrity check and the source of exact reference counts), ``apply(changes) -> TrieUpdate``
    (``None`` deletes; later entries for a key win) and
    ``apply_child_roots([(child_key, child_root)])``. After ``apply`` the trie stands at the new
    root; nothing is written to the store: persist ``update.inserted`` yourself (before reading
    through the new root: new V1 value nodes live only there).
    ``TrieUpdate(root, inserted, removed, new_refs)``: ``inserted`` hash → bytes of nodes and V1
    value nodes whose reference count grows; ``removed`` one entry per lost reference; ``new_refs``
    one entry per gained reference. Identical content may occur at several places of a trie (e.g.
    equal V1 values under two keys), so reference-count: ``+new_refs``, ``-removed``, and delete
    at zero. Pass one shared ``NodeCache`` to the tries of successive blocks to keep the top levels
    decoded.

``storage.trie.nodestore``
    ``NodeReader`` protocol (``get_node(hash) -> bytes | None``), ``MemoryNodeStore``,
    ``NodeCache``. Trie nodes and V1 value nodes share one hash-keyed namespace.

``storage.trie.proof``
    ``read_proof(trie, keys) -> list[bytes]`` (sorted, deduplicated node encodings, as
    ``state_getReadProof`` returns them) and ``verify_read_proof(root, proof, keys)``.

``storage.trie.codec``
    ``Node``, ``encode_node``, ``decode_node`` (strict), ``HashedValue``, compact helpers.
    Nibble paths are lowercase hex strings, one character per nibble.

Errors (``storage.trie.errors``): ``TrieError`` and its subclasses ``TrieNodeDecodeError`` (with
``offset``), ``MissingNodeError(node_hash, key_path)``, ``CorruptNodeError(node_hash, key_path,
reason)``, ``InvalidProofError``.
"""

from __future__ import annotations

from storage.trie.codec import EMPTY_TRIE_ROOT, HashedValue, Node, decode_node, encode_node
from storage.trie.errors import (
    CorruptNodeError,
    InvalidProofError,
    MissingNodeError,
    TrieError,
    TrieNodeDecodeError,
)
from storage.trie.nodestore import MemoryNodeStore, NodeCache, NodeReader
from storage.trie.root import (
    CHILD_STORAGE_DEFAULT_PREFIX,
    build_trie,
    build_trie_refs,
    child_root_entry,
    ordered_trie_root,
    storage_root,
    trie_root,
)
from storage.trie.trie import Trie, TrieUpdate

__all__ = [
    "CHILD_STORAGE_DEFAULT_PREFIX",
    "EMPTY_TRIE_ROOT",
    "CorruptNodeError",
    "HashedValue",
    "InvalidProofError",
    "MemoryNodeStore",
    "MissingNodeError",
    "Node",
    "NodeCache",
    "NodeReader",
    "Trie",
    "TrieError",
    "TrieNodeDecodeError",
    "TrieUpdate",
    "build_trie",
    "build_trie_refs",
    "child_root_entry",
    "decode_node",
    "encode_node",
    "ordered_trie_root",
    "storage_root",
    "trie_root",
]
