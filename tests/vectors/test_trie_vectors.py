"""Every group of ``trie.json``: published and derived roots, V0 and V1, built two ways.

Each root is checked with the one-pass builder (``trie_root``) and with the incremental path
(``Trie.apply`` on an empty trie, then again after deleting and re-inserting half the entries).
"""

from __future__ import annotations

import pytest

from runtime.primitives.hashing import blake2_256
from storage.trie import (
    EMPTY_TRIE_ROOT,
    HashedValue,
    MemoryNodeStore,
    Trie,
    build_trie,
    decode_node,
    encode_node,
    ordered_trie_root,
    storage_root,
    trie_root,
)
from tests.shared_vectors import load, unhex

TRIE = load("trie")


def _utf8(mapping: dict[str, str]) -> dict[bytes, bytes]:
    return {key.encode(): value.encode() for key, value in mapping.items()}


def _hexmap(mapping: dict[str, str]) -> dict[bytes, bytes]:
    return {unhex(key): unhex(value) for key, value in mapping.items()}


def _incremental_root(items: dict[bytes, bytes], version: int) -> bytes:
    """Root through Trie.apply: insert all, delete every other key, re-insert them."""
    store = MemoryNodeStore()
    trie = Trie(store, state_version=version)
    store.insert_all(trie.apply(items.items()).inserted)
    half = sorted(items)[::2]
    store.insert_all(trie.apply((key, None) for key in half).inserted)
    store.insert_all(trie.apply((key, items[key]) for key in half).inserted)
    return trie.root


def _check_both(items: dict[bytes, bytes], version: int, expected: str) -> None:
    assert trie_root(items, version) == unhex(expected)
    assert _incremental_root(items, version) == unhex(expected)


def test_empty_trie_root_matches_vector() -> None:
    assert unhex(TRIE["empty_trie_root"]) == EMPTY_TRIE_ROOT
    assert trie_root({}) == EMPTY_TRIE_ROOT and ordered_trie_root([]) == EMPTY_TRIE_ROOT


@pytest.mark.parametrize("case", TRIE["conformance_trie_root_v0"]["cases"], ids=str)
def test_conformance_trie_root_v0_matches(case: dict) -> None:
    effective: dict[bytes, bytes] = {}
    for key, value in case["input_pairs_in_order_utf8"]:
        effective[key.encode()] = value.encode()
    assert effective == _utf8(case["effective_map_utf8"])
    _check_both(effective, 0, case["root_v0"])


@pytest.mark.parametrize("case", TRIE["conformance_ordered_root_v0"]["cases"], ids=str)
def test_conformance_ordered_root_v0_matches(case: dict) -> None:
    values = [value.encode() for value in case["values_utf8"]]
    assert ordered_trie_root(values, 0) == unhex(case["ordered_root_v0"])


_STORAGE = TRIE["conformance_storage_and_child_roots_v0"]
_TEST_EXTERNALITIES_BASE = {b":code": b"", b":heappages": (8).to_bytes(8, "little")}


def test_storage_root_of_code_and_heappages_matches() -> None:
    expected = unhex(_STORAGE["root_of_only_code_and_heappages"])
    assert trie_root(_TEST_EXTERNALITIES_BASE, 0) == expected


@pytest.mark.parametrize("case", _STORAGE["cases"], ids=str)
def test_conformance_child_and_storage_roots_v0_match(case: dict) -> None:
    entries = _utf8(case["entries_utf8"])
    _check_both(entries, 0, case["root_v0_of_entries_alone (child storage root)"])
    top = {**_TEST_EXTERNALITIES_BASE, **entries}
    expected = case["root_v0_with_:code=empty_and_:heappages=u64(8) added"]
    _check_both(top, 0, expected)
    assert storage_root(top, {}, 0) == unhex(expected)


@pytest.mark.parametrize("case", TRIE["unit_test_vectors"], ids=lambda case: case["source"])
def test_unit_vector_root_matches(case: dict) -> None:
    items = _utf8(case["entries_utf8"]) if "entries_utf8" in case else _hexmap(case["entries"])
    _check_both(items, case["version"], case["root"])
    if "root_node_encoding" in case:
        root, nodes = build_trie(items, case["version"])
        encoding = unhex(case["root_node_encoding"])
        assert nodes[root] == encoding
        assert encode_node(decode_node(encoding)) == encoding


def _fixture_items(case: dict) -> dict[bytes, bytes]:
    as_hex = case["keys_are"] == "hex-decoded bytes"
    keys = [bytes.fromhex(key) if as_hex else key.encode() for key in case["keys"]]
    items: dict[bytes, bytes] = {}
    for key, value in zip(keys, case["values"], strict=True):
        items[key] = value.encode()
    return items


_FIXTURES = [case for case in TRIE["polkadot_spec_state_trie_fixtures"]["cases"] if "keys" in case]


@pytest.mark.parametrize("version", [0, 1])
@pytest.mark.parametrize("case", _FIXTURES,
                         ids=lambda case: f"{case['fixture']}:{case['keys_are'][:3]}")
def test_polkadot_spec_fixture_root_matches(case: dict, version: int) -> None:
    items = _fixture_items(case)
    assert len(items) == case["n_entries"]
    _check_both(items, version, case[f"root_v{version}"])


_GENESIS = TRIE["real_chain_genesis_v1"]


def _genesis_items() -> dict[bytes, bytes | HashedValue]:
    items: dict[bytes, bytes | HashedValue] = dict(_hexmap(_GENESIS["entries_except_code"]))
    items[b":code"] = HashedValue(unhex(_GENESIS["code_blake2_256"]))
    return items


def test_testfinney_genesis_state_root_v1_matches() -> None:
    items = _genesis_items()
    assert len(items) == 46
    assert trie_root(items, 1) == unhex(_GENESIS["state_root_v1"])


def test_testfinney_genesis_header_hashes_to_published_genesis_hash() -> None:
    header = unhex(_GENESIS["genesis_header_hex"])
    assert header[33:65] == trie_root(_genesis_items(), 1)
    assert blake2_256(header) == unhex(_GENESIS["expected_genesis_hash"])


def test_testfinney_genesis_incremental_root_matches() -> None:
    items = _genesis_items()
    root, nodes = build_trie(items, 1)
    store = MemoryNodeStore(nodes)
    trie = Trie(store, root)
    assert trie.get(unhex("0x3a65787472696e7369635f696e646578")) == bytes(4)
    plain = {key: value for key, value in items.items() if isinstance(value, bytes)}
    update = trie.apply((key, None) for key in plain)
    store.insert_all(update.inserted)
    update = trie.apply(plain.items())
    assert update.root == unhex(_GENESIS["state_root_v1"])


_EDGE = TRIE["v1_edge_cases_verified_with_smoldot"]["cases"]


@pytest.mark.parametrize("case", _EDGE, ids=lambda case: case["name"])
def test_v1_edge_case_roots_match(case: dict) -> None:
    extra = _hexmap(case["extra_entries_added_to_testfinney_genesis"])
    _check_both(extra, 1, case["root_v1_of_extra_entries_alone"])
    _check_both(extra, 0, case["root_v0_of_extra_entries_alone"])
    assert trie_root({**_genesis_items(), **extra}, 1) == unhex(case["combined_state_root_v1"])


@pytest.mark.parametrize("case", TRIE["real_chain_extrinsics_roots"]["cases"],
                         ids=lambda case: f"{case['chain']}#{case['block_number']}")
def test_real_extrinsics_root_matches(case: dict) -> None:
    extrinsics = [unhex(extrinsic) for extrinsic in case["extrinsics"]]
    assert ordered_trie_root(extrinsics) == unhex(case["expected_extrinsics_root"])
    assert ordered_trie_root(extrinsics, 0) == unhex(case["ordered_root_v0"])
    v1_root = unhex(case["ordered_root_v1 (NOT what the chain uses)"])
    assert ordered_trie_root(extrinsics, 1) == v1_root
