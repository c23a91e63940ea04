"""Genesis from raw chain specs: the real test-finney genesis hash, V0/V1 roots, DB round trip."""

from __future__ import annotations

import json

import pytest

from chainspec.errors import ChainSpecError
from chainspec.genesis import (
    build_genesis,
    commit_genesis,
    export_raw_spec,
    genesis_from_storage,
    genesis_header,
)
from chainspec.raw import RawChainSpec
from runtime.primitives.hashing import blake2_256
from storage.chain_db import ChainDB
from storage.trie import EMPTY_TRIE_ROOT, HashedValue, storage_root, trie_root
from tests.shared_vectors import load, unhex

CODE_KEY = b":code"


def _testfinney_spec_file(tmp_path, extra: dict[str, str] | None = None):
    """A raw spec file of test-finney's genesis minus ``:code`` (the vector gives only its hash)."""
    group = load("trie")["real_chain_genesis_v1"]
    top = dict(group["entries_except_code"])
    top.update(extra or {})
    spec = {"name": "Bittensor test", "id": "bittensor_test", "chainType": "Live",
            "genesis": {"raw": {"top": top, "childrenDefault": {}}}}
    path = tmp_path / "testfinney.raw.json"
    path.write_text(json.dumps(spec))
    return path, unhex(group["code_blake2_256"])


def test_testfinney_genesis_hash_matches_published(tmp_path) -> None:
    group = load("trie")["real_chain_genesis_v1"]
    path, code_hash = _testfinney_spec_file(tmp_path)
    spec = RawChainSpec.load(path)
    assert CODE_KEY not in spec.top
    top = {**spec.top, CODE_KEY: HashedValue(code_hash)}
    genesis = genesis_from_storage(top, spec.children_default, state_version=1)
    assert genesis.state_root == unhex(group["state_root_v1"])
    assert genesis.header.encode() == unhex(group["genesis_header_hex"])
    assert genesis.hash == unhex(group["expected_genesis_hash"])
    header_vector = load("header")["testfinney_genesis"]
    assert genesis.header.encode() == unhex(header_vector["encoded_header"])
    assert genesis.hash == unhex(header_vector["hash"])


def test_v1_edge_cases_on_testfinney_match_smoldot(tmp_path) -> None:
    for case in load("trie")["v1_edge_cases_verified_with_smoldot"]["cases"]:
        extra = case["extra_entries_added_to_testfinney_genesis"]
        path, code_hash = _testfinney_spec_file(tmp_path, extra)
        spec = RawChainSpec.load(path)
        genesis = genesis_from_storage({**spec.top, CODE_KEY: HashedValue(code_hash)})
        assert genesis.state_root == unhex(case["combined_state_root_v1"]), case["name"]
        assert genesis.hash == unhex(case["combined_genesis_hash"]), case["name"]


@pytest.mark.parametrize("state_version", [0, 1])
def test_polkadot_spec_fixtures_roots_by_version(tmp_path, state_version: int) -> None:
    for case in load("trie")["polkadot_spec_state_trie_fixtures"]["cases"]:
        if "keys" not in case:
            continue
        hex_keys = case["keys_are"] == "hex-decoded bytes"
        top = {"0x" + (k if hex_keys else k.encode().hex()): "0x" + v.encode().hex()
               for k, v in zip(case["keys"], case["values"], strict=True)}
        spec = RawChainSpec.from_json({"genesis": {"raw": {"top": top}}})
        genesis = build_genesis(spec, state_version)
        assert genesis.state_root == unhex(case[f"root_v{state_version}"]), case["fixture"]


def test_genesis_header_shape() -> None:
    header = genesis_header(b"\x11" * 32)
    encoded = header.encode()
    assert encoded == bytes(32) + b"\x00" + b"\x11" * 32 + EMPTY_TRIE_ROOT + b"\x00"
    assert header.hash() == blake2_256(encoded)


def test_child_tries_enter_top_root() -> None:
    spec = RawChainSpec.from_json({"genesis": {"raw": {
        "top": {"0x01": "0x02"}, "childrenDefault": {"0xc0": {"0x05": "0x06"}, "0xc1": {}}}}})
    expected = storage_root({b"\x01": b"\x02"}, {b"\xc0": {b"\x05": b"\x06"}, b"\xc1": {}}, 1)
    assert build_genesis(spec).state_root == expected


def test_hashed_value_in_v0_is_refused() -> None:
    with pytest.raises(ChainSpecError, match="genesis state root"):
        genesis_from_storage({CODE_KEY: HashedValue(b"\x00" * 32)}, state_version=0)


@pytest.mark.parametrize("backend", ["memory", "leveldb"])
def test_commit_and_export_round_trip(tmp_path, backend: str) -> None:
    spec = RawChainSpec.from_json({"name": "X", "genesis": {"raw": {
        "top": {"0x" + bytes([i]).hex() * 3: "0x" + bytes([i]).hex() * (i % 50) for i in
                range(1, 120)},
        "childrenDefault": {"0xc0": {"0x05": "0x" + "06" * 40}}}}})
    db = ChainDB.open_memory() if backend == "memory" else ChainDB.open_leveldb(tmp_path / "db")
    with db:
        genesis = commit_genesis(db, spec)
        assert genesis.hash == build_genesis(spec).hash
        assert db.genesis_hash == genesis.hash and db.best_hash == genesis.hash
        assert db.header(genesis.hash) == genesis.header.encode()
        assert db.record(genesis.hash).state_root == genesis.state_root
        exported = export_raw_spec(db, genesis.hash, spec.fields)
        assert exported.to_json() == spec.to_json()
        with pytest.raises(ChainSpecError, match="already holds genesis"):
            commit_genesis(db, spec)


def test_empty_genesis_state_root_is_empty_trie() -> None:
    spec = RawChainSpec.from_json({"genesis": {"raw": {"top": {}}}})
    assert build_genesis(spec).state_root == trie_root({}) == EMPTY_TRIE_ROOT
