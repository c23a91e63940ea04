"""Overlay.append (Substrate's ``storage_append``): lazy Vec materialisation, exact transactions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runtime.primitives.scale import DecodeError, decode_compact, encode_compact
from storage.errors import OverlayError
from storage.overlay import Overlay
from storage.trie import EMPTY_TRIE_ROOT, MemoryNodeStore, Trie, build_trie, trie_root


def _parent(items: dict[bytes, bytes], state_version: int = 1) -> Trie:
    if not items:
        return Trie(MemoryNodeStore(), EMPTY_TRIE_ROOT, state_version)
    root, nodes = build_trie(items, state_version)
    return Trie(MemoryNodeStore(nodes), root, state_version)


def _model_append(value: bytes | None, item: bytes) -> bytes:
    """The reference rule: extend a valid Vec; start afresh on absent, empty or invalid."""
    if value:
        try:
            count, offset = decode_compact(value, 0)
        except DecodeError:
            return encode_compact(1) + item
        if count < 0xFFFFFFFF and value[:offset] == encode_compact(count):
            return encode_compact(count + 1) + value[offset:] + item
    return encode_compact(1) + item


def test_absent_and_empty_values_start_a_new_vec() -> None:
    overlay = Overlay(_parent({b"e": b""}))
    overlay.append(b"a", b"xy")
    overlay.append(b"e", b"z")
    assert overlay.get(b"a") == b"\x04xy"
    assert overlay.get(b"e") == b"\x04z"
    overlay.append(b"a", b"w")
    assert overlay.get(b"a") == b"\x08xyw"


def test_append_extends_parent_vec_without_touching_its_body() -> None:
    body = b"r" * 70
    overlay = Overlay(_parent({b"v": encode_compact(63) + body}))
    overlay.append(b"v", b"s")
    assert overlay.get(b"v") == encode_compact(64) + body + b"s"  # the prefix grows to 2 bytes


@pytest.mark.parametrize("stored", [
    b"\x01",                               # 2-byte mode, truncated
    b"\x05\x00",                           # 2-byte mode holding 1: non-canonical
    b"\x03\x00\x00\x00\x00",               # big mode with a zero top byte
    b"\x03\xff\xff\xff\xff",               # u32::MAX items: the length cannot grow
    b"\x07\x00\x00\x00\x00\x01",           # more than 32 bits
])
def test_invalid_vec_prefix_is_replaced_by_a_one_item_vec(stored: bytes) -> None:
    overlay = Overlay(_parent({b"bad": stored}))
    overlay.append(b"bad", b"i")
    assert overlay.get(b"bad") == b"\x04i"
    overlay.append(b"bad", b"j")
    assert overlay.get(b"bad") == b"\x08ij"


def test_set_and_clear_between_appends() -> None:
    overlay = Overlay(_parent({}))
    overlay.append(b"k", b"a")
    overlay.set(b"k", b"\x04q")
    overlay.append(b"k", b"b")
    assert overlay.get(b"k") == b"\x08qb"
    overlay.clear(b"k")
    assert overlay.get(b"k") is None
    overlay.append(b"k", b"c")
    assert overlay.get(b"k") == b"\x04c"


def test_rollback_truncates_and_commit_keeps() -> None:
    overlay = Overlay(_parent({}))
    overlay.append(b"k", b"a")
    overlay.start_transaction()
    overlay.append(b"k", b"b")
    overlay.start_transaction()
    overlay.append(b"k", b"c")
    assert overlay.get(b"k") == b"\x0cabc"
    overlay.commit_transaction()
    overlay.start_transaction()
    overlay.set(b"k", b"\x00")
    overlay.append(b"k", b"d")
    assert overlay.get(b"k") == b"\x04d"
    overlay.rollback_transaction()
    assert overlay.get(b"k") == b"\x0cabc"
    overlay.rollback_transaction()
    assert overlay.get(b"k") == b"\x04a"
    overlay.append(b"k", b"e")
    assert overlay.changes() == [(b"k", b"\x08ae")]


def test_non_bytes_item_raises() -> None:
    with pytest.raises(OverlayError, match="bytes"):
        Overlay(_parent({})).append(b"k", "text")  # type: ignore[arg-type]


def test_many_appends_commit_set_matches_rebuilt_root() -> None:
    overlay = Overlay(_parent({b"other": b"1"}))
    items = [i.to_bytes(2, "little") * 3 for i in range(300)]
    for item in items:
        overlay.append(b"events", item)
    expected = encode_compact(300) + b"".join(items)
    commit = overlay.commit_set(1)
    assert commit.changes == [(b"events", expected)]
    assert commit.state_root == trie_root({b"other": b"1", b"events": expected}, 1)


_key = st.sampled_from([b"k", b"k\x00", b"k\x01", b"v"])
_item = st.binary(max_size=3)
_value = st.one_of(
    st.binary(max_size=4),
    st.lists(_item, max_size=3).map(lambda xs: encode_compact(len(xs)) + b"".join(xs)),
    st.sampled_from([b"\x01", b"\x05\x00", b"\x03\xff\xff\xff\xff", b"\xfd\x00"]))
_hot = st.sampled_from([b"k", b"v"])
_op = st.one_of(
    st.tuples(st.just("append"), _hot, _item),
    st.tuples(st.just("append"), _hot, _item),
    st.tuples(st.just("append"), _key, _item),
    st.tuples(st.just("set"), _key, _value),
    st.tuples(st.just("clear"), _key),
    st.tuples(st.just("get"), _key),
    st.tuples(st.just("root")),
    st.tuples(st.just("start")),
    st.tuples(st.just("start")),
    st.tuples(st.just("commit")),
    st.tuples(st.just("rollback")),
    st.tuples(st.just("rollback")),
)


class _Model:
    """A dict per open layer: the state is copied on ``start`` and restored on rollback."""

    def __init__(self, base: dict[bytes, bytes]) -> None:
        self.state: dict[bytes, bytes] = dict(base)
        self.saved: list[dict[bytes, bytes]] = []

    def run(self, overlay: Overlay, op: tuple, state_version: int) -> None:
        """Apply ``op`` to both the overlay and the model, checking any read."""
        kind = op[0]
        if kind == "append":
            overlay.append(op[1], op[2])
            self.state[op[1]] = _model_append(self.state.get(op[1]), op[2])
        elif kind == "set":
            overlay.set(op[1], op[2])
            self.state[op[1]] = op[2]
        elif kind == "clear":
            overlay.clear(op[1])
            self.state.pop(op[1], None)
        elif kind == "get":
            assert overlay.get(op[1]) == self.state.get(op[1])
        elif kind == "root":
            assert overlay.storage_root(state_version) == trie_root(self.state, state_version)
        elif kind == "start":
            overlay.start_transaction()
            self.saved.append(dict(self.state))
        elif self.saved:
            saved = self.saved.pop()
            if kind == "commit":
                overlay.commit_transaction()
            else:
                overlay.rollback_transaction()
                self.state = saved


@settings(max_examples=300, deadline=None)
@given(base=st.dictionaries(_key, _value, max_size=4), ops=st.lists(_op, min_size=8, max_size=60),
       state_version=st.sampled_from([0, 1]))
def test_random_appends_match_dict_model(base, ops, state_version) -> None:
    overlay = Overlay(_parent(base, state_version))
    model = _Model(base)
    for op in ops:
        model.run(overlay, op, state_version)
    while overlay.transaction_depth:
        overlay.commit_transaction()
    for key in (b"k", b"k\x00", b"k\x01", b"v"):
        assert overlay.get(key) == model.state.get(key)
    assert list(overlay.iter_keys()) == sorted(model.state)
    commit = overlay.commit_set(state_version)
    assert commit.state_root == trie_root(model.state, state_version)
    rebuilt = Overlay(_parent(base, state_version))
    for key, value in commit.changes:
        if value is None:
            rebuilt.clear(key)
        else:
            rebuilt.set(key, value)
    assert rebuilt.storage_root(state_version) == commit.state_root
