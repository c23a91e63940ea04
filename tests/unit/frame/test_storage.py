"""Storage items: keys, query kinds, writes, iteration and key recovery."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runtime.frame.storage import (
    OPTION_QUERY,
    VALUE_QUERY,
    KeyPart,
    StorageDecodeError,
    StorageDoubleMap,
    StorageItem,
    StorageMap,
    StorageNMap,
    StorageValue,
    blake2_128_concat,
    identity,
    twox64_concat,
)
from runtime.primitives.hashing import StorageHasher, blake2_128, storage_prefix, twox64
from runtime.primitives.scale import U16, U32, U64
from runtime.primitives.scale.common import AccountId32
from tests.shared_vectors import load, unhex
from tests.unit.frame.helpers import empty_state

ALICE = unhex(load("hashing")["keys_and_addresses"]["alice_sr25519_public"])


def test_map_key_matches_published_system_account_key() -> None:
    account = StorageMap("System", "Account", blake2_128_concat(AccountId32), U64)
    assert account.storage_key(ALICE) == unhex(load("hashing")["storage_keys_real_chain"][0]["key"])


def test_double_map_key_concatenates_hashed_keys() -> None:
    item = StorageDoubleMap("SubtensorModule", "Uids", identity(U16),
                            blake2_128_concat(AccountId32), U16)
    expected = (storage_prefix("SubtensorModule", "Uids") + (3).to_bytes(2, "little")
                + blake2_128(ALICE) + ALICE)
    assert item.storage_key(3, ALICE) == expected


def test_value_query_absent_reads_default_and_option_query_reads_none() -> None:
    ext = empty_state()
    with_default = StorageValue("P", "A", U32, query=VALUE_QUERY, default=7)
    optional = StorageValue("P", "B", U32)
    assert with_default.get(ext) == 7
    assert optional.get(ext) is None
    assert not with_default.contains(ext)


def test_option_query_insert_none_removes_entry() -> None:
    ext = empty_state()
    item = StorageMap("P", "M", twox64_concat(U16), U32, query=OPTION_QUERY)
    item.insert(ext, 1, 5)
    assert item.get(ext, 1) == 5
    item.insert(ext, 1, None)
    assert not item.contains(ext, 1)


def test_value_query_insert_of_default_keeps_entry() -> None:
    ext = empty_state()
    item = StorageValue("P", "V", U32, query=VALUE_QUERY, default=0)
    item.insert(ext, 0)
    assert item.contains(ext)
    assert item.take(ext) == 0
    assert not item.contains(ext)


def test_mutate_applies_function_and_returns_new_value() -> None:
    ext = empty_state()
    item = StorageMap("P", "Counter", twox64_concat(U16), U64, query=VALUE_QUERY, default=0)
    assert item.mutate(ext, 9, lambda old: old + 3) == 3
    assert item.mutate(ext, 9, lambda old: old * 2) == 6
    assert item.get(ext, 9) == 6


def test_wrong_number_of_keys_is_refused() -> None:
    item = StorageDoubleMap("P", "D", twox64_concat(U16), twox64_concat(U16), U32)
    with pytest.raises(TypeError, match="takes 2 key"):
        item.get(empty_state(), 1)


def test_corrupt_stored_value_names_item_and_key() -> None:
    ext = empty_state()
    item = StorageMap("P", "M", twox64_concat(U16), U32)
    ext.set(item.storage_key(4), b"\x01\x02")
    with pytest.raises(StorageDecodeError, match=r"P\.M at 0x"):
        item.get(ext, 4)


def test_iter_recovers_keys_in_storage_order() -> None:
    ext = empty_state()
    item = StorageDoubleMap("P", "D", identity(U16), twox64_concat(U16), U32)
    for netuid, uid in [(2, 5), (1, 9), (1, 3), (2, 1)]:
        item.insert(ext, netuid, uid, netuid * 100 + uid)
    under_one = sorted(item.iter(ext, 1), key=lambda kv: item.storage_key(1, *kv[0]))
    assert list(item.iter(ext, 1)) == under_one
    assert {k: v for k, v in item.iter(ext, 1)} == {(9,): 109, (3,): 103}
    assert sorted(item.iter_keys(ext)) == [(1, 3), (1, 9), (2, 1), (2, 5)]


def test_iter_with_opaque_hasher_is_refused() -> None:
    item = StorageMap("P", "Hashed", blake2_128_concat(U16), U32)
    hashed_only = StorageItem("P", "H", (KeyPart(StorageHasher.Twox128, U16),), U32)
    ext = empty_state()
    item.insert(ext, 1, 1)
    assert list(item.iter(ext)) == [((1,), 1)]
    with pytest.raises(TypeError, match="cannot be recovered"):
        list(hashed_only.iter(ext))


def test_clear_prefix_removes_only_entries_under_first_key() -> None:
    ext = empty_state()
    item = StorageNMap("P", "N", [identity(U16), twox64_concat(U16), twox64_concat(U16)], U32)
    item.insert(ext, 1, 1, 1, 11)
    item.insert(ext, 1, 2, 2, 12)
    item.insert(ext, 2, 1, 1, 21)
    item.clear(ext, 1)
    assert list(item.iter(ext)) == [((2, 1, 1), 21)]


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.tuples(st.integers(0, 65535), st.integers(0, 65535)),
                       st.integers(0, 2**32 - 1), max_size=30))
def test_iter_matches_dict_model(entries: dict[tuple[int, int], int]) -> None:
    ext = empty_state()
    item = StorageDoubleMap("P", "D", twox64_concat(U16), blake2_128_concat(U16), U32)
    for (a, b), value in entries.items():
        item.insert(ext, a, b, value)
    assert dict(item.iter(ext)) == entries
    raw_keys = [item.storage_key(*k) for k in item.iter_keys(ext)]
    assert raw_keys == sorted(raw_keys)


def test_twox64_concat_key_layout() -> None:
    item = StorageMap("P", "T", twox64_concat(U16), U32)
    assert item.storage_key(5) == storage_prefix("P", "T") + twox64(b"\x05\x00") + b"\x05\x00"


def test_cached_keys_equal_fresh_keys_and_arity_is_still_checked() -> None:
    item = StorageDoubleMap("P", "Cached", twox64_concat(U16), blake2_128_concat(AccountId32), U32)
    ext = empty_state()
    item.insert(ext, 7, ALICE, 1)
    assert item._full_key((7, ALICE)) == item.storage_key(7, ALICE)
    assert item.get(ext, 7, ALICE) == 1  # served through the cache
    with pytest.raises(TypeError, match="takes 2 key"):
        item.get(ext, 7)
