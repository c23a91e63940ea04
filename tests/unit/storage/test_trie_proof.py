"""Read proofs verify against the root; tampered, truncated or foreign proofs are refused."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runtime.primitives.hashing import blake2_256
from storage.trie import EMPTY_TRIE_ROOT, InvalidProofError, MemoryNodeStore, Trie, build_trie
from storage.trie.proof import read_proof, verify_read_proof
from tests.unit.storage.test_trie_reference import KEYS, MAPS


def _trie(items: dict[bytes, bytes], version: int = 1) -> Trie:
    root, nodes = build_trie(items, version)
    return Trie(MemoryNodeStore(nodes), root, version)


@settings(max_examples=150, deadline=None)
@given(MAPS, st.lists(KEYS, max_size=6), st.sampled_from([0, 1]))
def test_read_proof_verifies_present_and_absent_keys(items: dict, extra: list,
                                                     version: int) -> None:
    trie = _trie(items, version)
    keys = list(items)[:6] + extra
    proof = read_proof(trie, keys)
    assert proof == sorted(set(proof))
    assert verify_read_proof(trie.root, proof, keys) == {key: items.get(key) for key in keys}


@settings(max_examples=150, deadline=None)
@given(MAPS.filter(bool), st.data())
def test_tampered_or_truncated_proof_fails(items: dict, data: st.DataObject) -> None:
    trie = _trie(items)
    keys = list(items)[:4]
    proof = read_proof(trie, keys)
    victim = data.draw(st.integers(min_value=0, max_value=len(proof) - 1))
    with pytest.raises(InvalidProofError):
        verify_read_proof(trie.root, proof[:victim] + proof[victim + 1:], keys)
    node = bytearray(proof[victim])
    position = data.draw(st.integers(min_value=0, max_value=len(node) - 1))
    node[position] ^= data.draw(st.integers(min_value=1, max_value=255))
    tampered = [*proof[:victim], bytes(node), *proof[victim + 1:]]
    with pytest.raises(InvalidProofError):
        verify_read_proof(trie.root, tampered, keys)


def test_proof_for_other_root_fails() -> None:
    trie = _trie({b"alpha": b"1", b"beta": b"2"})
    proof = read_proof(trie, [b"alpha"])
    with pytest.raises(InvalidProofError, match="lacks node"):
        verify_read_proof(blake2_256(b"another root"), proof, [b"alpha"])


def test_v1_proof_carries_value_node() -> None:
    value = b"\x05" * 100
    trie = _trie({b"big": value, b"small": b"\x01"})
    proof = read_proof(trie, [b"big"])
    assert value in proof
    assert verify_read_proof(trie.root, proof, [b"big"]) == {b"big": value}
    without_value = [node for node in proof if node != value]
    with pytest.raises(InvalidProofError, match="lacks node"):
        verify_read_proof(trie.root, without_value, [b"big"])


def test_empty_trie_proof_is_empty_and_proves_absence() -> None:
    trie = Trie(MemoryNodeStore())
    assert read_proof(trie, [b"x"]) == []
    assert verify_read_proof(EMPTY_TRIE_ROOT, [], [b"x"]) == {b"x": None}


def test_undecodable_proof_node_is_invalid_proof() -> None:
    garbage = b"\x05garbage-node"
    with pytest.raises(InvalidProofError, match="does not decode"):
        verify_read_proof(blake2_256(garbage), [garbage], [b"k"])


def test_short_root_is_invalid_proof() -> None:
    with pytest.raises(InvalidProofError, match="32-byte"):
        verify_read_proof(b"\x01", [], [b"k"])
