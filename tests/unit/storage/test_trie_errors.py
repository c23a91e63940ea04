"""Missing and corrupt nodes give errors naming the node hash and key path, never a wrong answer."""

from __future__ import annotations

import pytest

from runtime.primitives.hashing import blake2_256
from storage.trie import (
    EMPTY_TRIE_ROOT,
    CorruptNodeError,
    HashedValue,
    MemoryNodeStore,
    MissingNodeError,
    Trie,
    TrieError,
    build_trie,
    decode_node,
    ordered_trie_root,
    trie_root,
)
from storage.trie.codec import encode_leaf
from storage.trie.proof import read_proof

ITEMS = {bytes([a, b]) + bytes(20): bytes([a]) * 40 for a in range(4) for b in range(4)}


def _inner_node_hash(nodes: dict[bytes, bytes], root: bytes) -> bytes:
    """The hash of some hashed non-root trie node (not a value node)."""
    children = decode_node(nodes[root]).children or ()
    return next(ref for ref in children if ref is not None and len(ref) == 32)


def test_missing_inner_node_names_hash_and_path() -> None:
    root, nodes = build_trie(ITEMS)
    victim = _inner_node_hash(nodes, root)
    del nodes[victim]
    trie = Trie(MemoryNodeStore(nodes), root)
    with pytest.raises(MissingNodeError) as info:
        trie.get(bytes([0, 0]) + bytes(20))
    assert info.value.node_hash == victim and info.value.key_path == "00"
    assert victim.hex() in str(info.value) and "0x00 (2 nibbles)" in str(info.value)


def test_missing_root_raises() -> None:
    trie = Trie(MemoryNodeStore(), blake2_256(b"nowhere"))
    with pytest.raises(MissingNodeError, match="<root>"):
        trie.get(b"k")
    with pytest.raises(MissingNodeError):
        list(trie.iter_items())


def test_missing_value_node_raises() -> None:
    root, nodes = build_trie({b"k": b"\x01" * 50, b"j": b"\x02"})
    del nodes[blake2_256(b"\x01" * 50)]
    trie = Trie(MemoryNodeStore(nodes), root)
    assert trie.get(b"j") == b"\x02"
    with pytest.raises(MissingNodeError) as info:
        trie.get(b"k")
    assert info.value.key_path == b"k".hex()


def test_node_with_wrong_bytes_is_corrupt() -> None:
    root, nodes = build_trie(ITEMS)
    victim = _inner_node_hash(nodes, root)
    nodes[victim] = nodes[victim][:-1] + b"\x00"
    with pytest.raises(CorruptNodeError, match="hash to a different value"):
        Trie(MemoryNodeStore(nodes), root).get(bytes([0, 0]) + bytes(20))


def test_undecodable_node_under_its_own_hash_is_corrupt() -> None:
    garbage = b"\x05 not a node"
    trie = Trie(MemoryNodeStore({blake2_256(garbage): garbage}), blake2_256(garbage))
    with pytest.raises(CorruptNodeError, match="invalid node header"):
        trie.get(b"k")


def test_apply_with_missing_node_raises_and_keeps_root() -> None:
    root, nodes = build_trie(ITEMS)
    del nodes[_inner_node_hash(nodes, root)]
    trie = Trie(MemoryNodeStore(nodes), root)
    with pytest.raises(MissingNodeError):
        trie.apply([(bytes([0, 0]) + bytes(20), b"new")])
    assert trie.root == root


def test_read_proof_with_missing_node_raises() -> None:
    root, nodes = build_trie(ITEMS)
    del nodes[_inner_node_hash(nodes, root)]
    with pytest.raises(MissingNodeError):
        read_proof(Trie(MemoryNodeStore(nodes), root), [bytes([0, 0]) + bytes(20)])


def test_bad_arguments_raise_trie_error() -> None:
    with pytest.raises(TrieError, match="state version"):
        Trie(MemoryNodeStore(), state_version=2)
    with pytest.raises(TrieError, match="32-byte"):
        Trie(MemoryNodeStore(), b"\x00")
    with pytest.raises(TrieError, match="state version"):
        trie_root({}, 3)
    with pytest.raises(TrieError, match="state version 1"):
        trie_root({b"k": HashedValue(bytes(32))}, 0)
    with pytest.raises(TrieError, match="32 bytes"):
        trie_root({b"k": HashedValue(b"short")}, 1)


def test_empty_root_needs_no_store() -> None:
    trie = Trie(MemoryNodeStore(), EMPTY_TRIE_ROOT)
    assert trie.get(b"") is None and trie.next_key(b"") is None
    assert ordered_trie_root([b"\x04\x00"]) != EMPTY_TRIE_ROOT


def test_non_bytes_changes_raise_trie_error() -> None:
    trie = Trie(MemoryNodeStore())
    with pytest.raises(TrieError, match="keys are bytes"):
        trie.apply([("text", b"v")])  # type: ignore[list-item]
    with pytest.raises(TrieError, match="bytes or None"):
        trie.apply([(b"k", HashedValue(bytes(32)))])  # type: ignore[list-item]
    with pytest.raises(TrieError, match="bytes → bytes"):
        trie_root({b"k": "v"})  # type: ignore[dict-item]
    with pytest.raises(TrieError, match="bytes → bytes"):
        trie_root({b"k": b"v", "j": b"w"})  # type: ignore[dict-item]
    assert trie.root == EMPTY_TRIE_ROOT


def test_read_proof_with_corrupt_node_raises_corrupt_node_error() -> None:
    root, nodes = build_trie(ITEMS)
    victim = _inner_node_hash(nodes, root)
    nodes[victim] = nodes[victim][:-1] + b"\x01"
    with pytest.raises(CorruptNodeError, match="hash to a different value"):
        read_proof(Trie(MemoryNodeStore(nodes), root), [bytes([0, 0]) + bytes(20)])
    garbage = b"\x05 not a node"
    trie = Trie(MemoryNodeStore({blake2_256(garbage): garbage}), blake2_256(garbage))
    with pytest.raises(CorruptNodeError, match="invalid node header"):
        read_proof(trie, [b"k"])


def test_node_references_detects_missing_value_node() -> None:
    root, nodes = build_trie(ITEMS)
    references = list(Trie(MemoryNodeStore(nodes), root).node_references())
    assert set(references) == set(nodes)
    # root + 4 branches + 16 leaves + 16 value refs; identical leaves and values repeat
    assert len(references) == 37 and len(nodes) == 13
    victim = blake2_256(ITEMS[bytes([3, 3]) + bytes(20)])
    del nodes[victim]
    trie = Trie(MemoryNodeStore(nodes), root)
    with pytest.raises(MissingNodeError):
        list(trie.node_references())
    assert set(trie.node_references(check_values=False)) == set(nodes) | {victim}


def test_value_at_odd_nibble_path_is_corrupt() -> None:
    leaf = encode_leaf("abc", b"v")  # three nibbles: no byte key ends there
    trie = Trie(MemoryNodeStore({blake2_256(leaf): leaf}), blake2_256(leaf))
    with pytest.raises(CorruptNodeError, match="odd nibble path"):
        list(trie.iter_items())
