"""hashing.json: hash functions, storage prefixes, real storage keys, runtime API ids."""

from __future__ import annotations

import pytest

from runtime.primitives import hashing
from tests.shared_vectors import load, unhex

VECTORS = load("hashing")
FUNCTIONS = {
    "blake2_128": hashing.blake2_128,
    "blake2_256": hashing.blake2_256,
    "twox_64": hashing.twox64,
    "twox_128": hashing.twox128,
    "twox_256": hashing.twox256,
    "keccak_256": hashing.keccak_256,
    "sha2_256": hashing.sha2_256,
}


@pytest.mark.parametrize("case", VECTORS["hash_functions"], ids=lambda c: c["input_utf8"][:20])
@pytest.mark.parametrize("function", sorted(FUNCTIONS))
def test_hash_function_matches_published_output(case: dict, function: str) -> None:
    assert FUNCTIONS[function](unhex(case["input_hex"])).hex() == unhex(case[function]).hex()


@pytest.mark.parametrize("function", sorted(FUNCTIONS))
def test_hash_of_empty_input_matches(function: str) -> None:
    expected = VECTORS["empty_input"].get(function)
    if expected is None:
        pytest.fail(f"no empty-input vector for {function}")
    assert FUNCTIONS[function](b"") == unhex(expected)


@pytest.mark.parametrize("case", VECTORS["storage_prefixes"],
                         ids=lambda c: f"{c['pallet']}.{c['item']}")
def test_storage_prefix_matches(case: dict) -> None:
    assert hashing.storage_prefix(case["pallet"], case["item"]) == unhex(case["key"])


def test_alice_system_account_key() -> None:
    alice = unhex(VECTORS["keys_and_addresses"]["alice_sr25519_public"])
    key = hashing.storage_prefix("System", "Account") + \
        hashing.StorageHasher.Blake2_128Concat.hash(alice)
    assert key == unhex(VECTORS["storage_keys_real_chain"][0]["key"])


@pytest.mark.parametrize("case", [c for c in VECTORS["runtime_api_ids"]["cases"] if c["trait"]],
                         ids=lambda c: c["trait"])
def test_runtime_api_id_matches(case: dict) -> None:
    assert hashing.runtime_api_id(case["trait"]) == unhex(case["id"])


@pytest.mark.parametrize("hasher", list(hashing.StorageHasher), ids=lambda h: h.name)
def test_concat_hashers_keep_the_key_after_the_digest(hasher: hashing.StorageHasher) -> None:
    key = b"\x01\x02\x03"
    hashed = hasher.hash(key)
    if hasher.is_concat:
        assert hashed[hasher.digest_size:] == key
    else:
        assert len(hashed) == hasher.digest_size
