"""Node reference counting, journal codecs, the flat stager and the bulk genesis update."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage.backends.memory import MemoryStore
from storage.errors import CorruptDatabaseError
from storage.kv import Column
from storage.state_db import (
    FlatStager,
    RefCountStager,
    bulk_update,
    decode_changes,
    decode_hashes,
    encode_changes,
    encode_hashes,
)
from storage.trie import EMPTY_TRIE_ROOT, MemoryNodeStore, Trie

H1, H2 = b"\x01" * 32, b"\x02" * 32


def _flush(kv: MemoryStore, stager) -> tuple[int, int]:
    with kv.write_batch() as batch:
        result = stager.flush(batch)
    return result


def test_refcount_writes_node_once_and_deletes_at_zero() -> None:
    kv = MemoryStore()
    stager = RefCountStager(kv)
    stager.add([H1, H1, H2], {H1: b"one", H2: b"two"})
    assert _flush(kv, stager) == (2, 0)
    assert kv.get(Column.NODES.key(H1)) == b"one"
    assert kv.get(Column.REFCOUNTS.key(H1)) == (2).to_bytes(4, "little")
    stager = RefCountStager(kv)
    stager.release([H1, H2])
    assert _flush(kv, stager) == (0, 1)
    assert kv.get(Column.NODES.key(H2)) is None and kv.get(Column.REFCOUNTS.key(H2)) is None
    assert kv.get(Column.NODES.key(H1)) == b"one"


def test_refcount_release_then_add_in_one_batch_keeps_node() -> None:
    kv = MemoryStore()
    stager = RefCountStager(kv)
    stager.add([H1], {H1: b"one"})
    _flush(kv, stager)
    stager = RefCountStager(kv)
    stager.release([H1])
    stager.add([H1], {})
    assert _flush(kv, stager) == (0, 0)
    assert kv.get(Column.NODES.key(H1)) == b"one"


def test_refcount_below_zero_raises() -> None:
    with pytest.raises(CorruptDatabaseError, match="below zero"):
        RefCountStager(MemoryStore()).release([H1])


def test_refcount_missing_encoding_raises() -> None:
    stager = RefCountStager(MemoryStore())
    stager.add([H1], {})
    with pytest.raises(CorruptDatabaseError, match="neither stored nor supplied"):
        _flush(MemoryStore(), stager)


def test_corrupt_refcount_row_raises() -> None:
    kv = MemoryStore()
    kv.put(Column.REFCOUNTS.key(H1), b"\x01")
    with pytest.raises(CorruptDatabaseError, match="expected 4"):
        RefCountStager(kv).release([H1])


def test_hash_journal_roundtrip_and_bad_length() -> None:
    assert decode_hashes(encode_hashes([H1, H2, H1]), "j") == [H1, H2, H1]
    with pytest.raises(CorruptDatabaseError, match="whole number"):
        decode_hashes(b"\x00" * 33, "journal x")


@given(st.lists(st.tuples(st.binary(max_size=40), st.one_of(st.none(), st.binary(max_size=70)))))
def test_change_journal_roundtrip(changes) -> None:
    assert decode_changes(encode_changes(changes), "j") == changes


@pytest.mark.parametrize("data", [
    b"\x00\x00\x00\x05ab", b"\x00\x00\x00\x01a", b"\x00\x00\x00\x01a\x02",
    b"\x00\x00\x00\x01a\x01\x00\x00\x00\x09x", b"\x00\x00"])
def test_change_journal_truncated_raises(data: bytes) -> None:
    with pytest.raises(CorruptDatabaseError, match="undo"):
        decode_changes(data, "undo journal")


def test_flat_stager_reads_its_own_writes() -> None:
    kv = MemoryStore()
    kv.put(Column.FLAT.key(b"a"), b"1")
    stager = FlatStager(kv)
    assert stager.apply([(b"a", b"2"), (b"b", b"3"), (b"a", None)]) == [
        (b"a", b"1"), (b"b", None), (b"a", b"2")]
    assert stager.get(b"a") is None and stager.get(b"b") == b"3"
    _flush_flat = kv.write_batch()
    stager.flush(_flush_flat)
    _flush_flat.write()
    assert kv.get(Column.FLAT.key(b"a")) is None and kv.get(Column.FLAT.key(b"b")) == b"3"


_items = st.dictionaries(st.binary(max_size=4).map(lambda b: b.replace(b"\x03", b"\x01")),
                         st.sampled_from([b"", b"\x01", b"\x02" * 33, b"\x01" * 40]), max_size=30)


@settings(max_examples=150, deadline=None)
@given(items=_items, state_version=st.sampled_from([0, 1]))
def test_bulk_update_equals_incremental_apply(items, state_version) -> None:
    incremental = Trie(MemoryNodeStore(), EMPTY_TRIE_ROOT, state_version).apply(items.items())
    bulk = bulk_update(items, state_version)
    assert bulk.root == incremental.root
    assert bulk.inserted == incremental.inserted
    assert sorted(bulk.new_refs) == sorted(incremental.new_refs)
    assert bulk.removed == []
