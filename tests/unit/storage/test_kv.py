"""The key-value contract, run against the in-memory and the LevelDB backend."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage.backends.leveldb import LevelDBStore
from storage.backends.memory import MemoryStore
from storage.errors import DatabaseClosedError, KVError
from storage.kv import Column, KeyValueStore, WriteBatch, prefix_upper_bound


@pytest.fixture(params=["memory", "leveldb"])
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[KeyValueStore]:
    kv: KeyValueStore = (
        MemoryStore() if request.param == "memory" else LevelDBStore(tmp_path / "db"))
    yield kv
    kv.close()


def test_put_get_delete_roundtrip(store: KeyValueStore) -> None:
    store.put(b"k", b"v")
    assert store.get(b"k") == b"v"
    assert store.has(b"k")
    store.delete(b"k")
    assert store.get(b"k") is None
    assert not store.has(b"k")
    store.delete(b"absent")


def test_empty_value_is_present(store: KeyValueStore) -> None:
    store.put(b"k", b"")
    assert store.get(b"k") == b""
    assert store.has(b"k")


def test_items_with_prefix_and_start_are_ordered(store: KeyValueStore) -> None:
    for key in [b"b", b"a\xff", b"a", b"a\x00", b"ab", b"c", b"\xff\xff"]:
        store.put(key, key * 2)
    assert list(store.keys(prefix=b"a")) == [b"a", b"a\x00", b"ab", b"a\xff"]
    assert list(store.keys(start=b"a\x01", prefix=b"a")) == [b"ab", b"a\xff"]
    assert list(store.keys(start=b"b")) == [b"b", b"c", b"\xff\xff"]
    assert list(store.items(prefix=b"\xff")) == [(b"\xff\xff", b"\xff\xff" * 2)]
    assert list(store.keys(start=b"a", prefix=b"b")) == [b"b"]


def test_batch_is_applied_on_exit(store: KeyValueStore) -> None:
    store.put(b"old", b"1")
    with store.write_batch() as batch:
        assert isinstance(batch, WriteBatch)
        batch.put(b"x", b"1")
        batch.put(b"x", b"2")
        batch.delete(b"old")
        assert store.get(b"x") is None
        assert len(batch) == 3
    assert store.get(b"x") == b"2"
    assert store.get(b"old") is None


def test_batch_discarded_on_exception(store: KeyValueStore) -> None:
    with pytest.raises(RuntimeError), store.write_batch() as batch:
        batch.put(b"x", b"1")
        raise RuntimeError("boom")
    assert store.get(b"x") is None


def test_batch_reuse_after_write_fails(store: KeyValueStore) -> None:
    batch = store.write_batch()
    batch.put(b"a", b"b")
    batch.write()
    with pytest.raises(DatabaseClosedError):
        batch.put(b"c", b"d")


def test_non_bytes_key_raises_kv_error(store: KeyValueStore) -> None:
    with pytest.raises(KVError):
        store.put("text", b"v")  # type: ignore[arg-type]


def test_closed_store_raises(store: KeyValueStore) -> None:
    store.close()
    with pytest.raises(DatabaseClosedError):
        store.get(b"k")


def test_leveldb_reopen_keeps_data_succeeds(tmp_path) -> None:
    with LevelDBStore(tmp_path / "db") as kv:
        kv.put(b"persist", b"yes")
    with LevelDBStore(tmp_path / "db") as kv:
        assert kv.get(b"persist") == b"yes"


def test_leveldb_missing_without_create_raises(tmp_path) -> None:
    with pytest.raises(KVError, match="cannot open"):
        LevelDBStore(tmp_path / "none", create=False)


def test_prefix_upper_bound_values() -> None:
    assert prefix_upper_bound(b"") is None
    assert prefix_upper_bound(b"\xff\xff") is None
    assert prefix_upper_bound(b"a") == b"b"
    assert prefix_upper_bound(b"a\xff") == b"b"
    assert Column.NODES.key(b"h") == b"Nh"
    assert Column.number_key(258) == b"\x00\x00\x01\x02"


_keys = st.binary(min_size=0, max_size=3)
_ops = st.lists(st.tuples(st.booleans(), _keys, st.binary(max_size=2)), max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=_ops, start=_keys, prefix=st.binary(max_size=2))
def test_ordered_iteration_matches_sorted_dict(ops, start, prefix) -> None:
    model: dict[bytes, bytes] = {}
    with tempfile.TemporaryDirectory() as tmp:
        stores = [MemoryStore(), LevelDBStore(tmp)]
        for kv in stores:
            with kv.write_batch() as batch:
                for is_put, key, value in ops:
                    if is_put:
                        batch.put(key, value)
                    else:
                        batch.delete(key)
        for is_put, key, value in ops:
            if is_put:
                model[key] = value
            else:
                model.pop(key, None)
        expected = [(k, v) for k, v in sorted(model.items()) if k >= start and k.startswith(prefix)]
        for kv in stores:
            assert list(kv.items(start, prefix)) == expected
            kv.close()


def test_leveldb_second_open_of_locked_db_raises(tmp_path) -> None:
    with LevelDBStore(tmp_path / "db"), pytest.raises(KVError, match="cannot open LevelDB"):
        LevelDBStore(tmp_path / "db")
