"""Overlay: reads through to the parent, nested transactions, merged next_key, storage roots."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage.errors import NoOpenTransactionError, OpenTransactionsError, OverlayError
from storage.overlay import Overlay
from storage.trie import EMPTY_TRIE_ROOT, MemoryNodeStore, Trie, build_trie, trie_root


def _parent(items: dict[bytes, bytes], state_version: int = 1) -> Trie:
    if not items:
        return Trie(MemoryNodeStore(), EMPTY_TRIE_ROOT, state_version)
    root, nodes = build_trie(items, state_version)
    return Trie(MemoryNodeStore(nodes), root, state_version)


BASE = {b"a": b"1", b"ab": b"2", b"abc": b"3" * 40, b"b": b"4", b"ba": b"5", b"c": b"6"}


def test_reads_fall_through_to_parent() -> None:
    overlay = Overlay(_parent(BASE))
    assert overlay.get(b"ab") == b"2"
    assert overlay.get(b"abc") == b"3" * 40
    assert overlay.get(b"zz") is None


def test_set_and_clear_shadow_parent() -> None:
    overlay = Overlay(_parent(BASE))
    overlay.set(b"ab", b"new")
    overlay.clear(b"b")
    assert overlay.get(b"ab") == b"new"
    assert overlay.get(b"b") is None
    assert overlay.next_key(b"ab") == b"abc"
    assert overlay.next_key(b"abc") == b"ba"


def test_next_key_merges_pending_and_parent() -> None:
    overlay = Overlay(_parent(BASE))
    overlay.set(b"aa", b"x")
    overlay.clear(b"ab")
    overlay.clear(b"abc")
    overlay.set(b"bb", b"y")
    walked = []
    key = b""
    while (key := overlay.next_key(key)) is not None:
        walked.append(key)
    assert walked == [b"a", b"aa", b"b", b"ba", b"bb", b"c"]
    assert list(overlay.iter_keys(prefix=b"b")) == [b"b", b"ba", b"bb"]


def test_rollback_restores_exactly() -> None:
    overlay = Overlay(_parent(BASE))
    overlay.set(b"a", b"outer")
    overlay.start_transaction()
    overlay.set(b"a", b"inner")
    overlay.set(b"new", b"n")
    overlay.clear(b"c")
    overlay.rollback_transaction()
    assert overlay.get(b"a") == b"outer"
    assert overlay.get(b"new") is None
    assert overlay.get(b"c") == b"6"
    assert overlay.changes() == [(b"a", b"outer")]


def test_nested_commit_then_outer_rollback_discards_all() -> None:
    overlay = Overlay(_parent(BASE))
    overlay.start_transaction()
    overlay.start_transaction()
    overlay.set(b"k", b"v")
    overlay.commit_transaction()
    assert overlay.get(b"k") == b"v"
    overlay.rollback_transaction()
    assert overlay.get(b"k") is None
    assert len(overlay) == 0


def test_unbalanced_transactions_raise() -> None:
    overlay = Overlay(_parent(BASE))
    with pytest.raises(NoOpenTransactionError):
        overlay.commit_transaction()
    with pytest.raises(NoOpenTransactionError):
        overlay.rollback_transaction()
    overlay.start_transaction()
    with pytest.raises(OpenTransactionsError):
        overlay.commit_set()


def test_clear_prefix_limit_counts_parent_keys_only() -> None:
    overlay = Overlay(_parent(BASE))
    overlay.set(b"az", b"pending")
    assert overlay.clear_prefix(b"a", limit=2) == (2, False)
    assert overlay.get(b"az") is None
    assert overlay.get(b"a") is None and overlay.get(b"ab") is None
    assert overlay.get(b"abc") == b"3" * 40
    # Substrate's rule: the same limit visits the same parent keys again
    assert overlay.clear_prefix(b"a", limit=2) == (2, False)
    assert overlay.clear_prefix(b"a", limit=3) == (3, True)
    assert overlay.get(b"abc") is None
    assert overlay.clear_prefix(b"zz") == (0, True)


def test_clear_prefix_negative_limit_raises() -> None:
    with pytest.raises(OverlayError, match="non-negative"):
        Overlay(_parent(BASE)).clear_prefix(b"a", limit=-1)


def test_non_bytes_value_raises() -> None:
    with pytest.raises(OverlayError, match="bytes"):
        Overlay(_parent(BASE)).set(b"k", "v")  # type: ignore[arg-type]


@pytest.mark.parametrize("state_version", [0, 1])
def test_storage_root_equals_full_rebuild(state_version: int) -> None:
    overlay = Overlay(_parent(BASE, state_version))
    overlay.set(b"abd", b"x" * 50)
    overlay.clear(b"ba")
    overlay.set(b"d", b"")
    expected = dict(BASE)
    expected.update({b"abd": b"x" * 50, b"d": b""})
    del expected[b"ba"]
    assert overlay.storage_root(state_version) == trie_root(expected, state_version)
    commit = overlay.commit_set(state_version)
    assert commit.state_root == trie_root(expected, state_version)
    assert commit.changes == [(b"abd", b"x" * 50), (b"ba", None), (b"d", b"")]


def test_storage_root_without_changes_is_parent_root() -> None:
    parent = _parent(BASE)
    assert Overlay(parent).storage_root() == parent.root


# -- property tests against a dict model ---------------------------------------------------------

_key = st.binary(min_size=0, max_size=3).map(lambda b: b"k" + b)
_value = st.one_of(st.binary(max_size=4), st.binary(min_size=33, max_size=40))
_op = st.one_of(
    st.tuples(st.just("set"), _key, _value),
    st.tuples(st.just("clear"), _key),
    st.tuples(st.just("clear_prefix"), st.binary(max_size=2).map(lambda b: b"k" + b),
              st.one_of(st.none(), st.integers(0, 3))),
    st.tuples(st.just("start")),
    st.tuples(st.just("commit")),
    st.tuples(st.just("rollback")),
    st.tuples(st.just("next_key"), st.binary(max_size=4)),
)


class _Model:
    """The obviously-correct overlay: a full copy of the state per transactional layer."""

    def __init__(self, base: dict[bytes, bytes]) -> None:
        self.base = base
        self.state = dict(base)
        self.touched: set[bytes] = set()
        self.saved: list[tuple[dict[bytes, bytes], set[bytes]]] = []

    def clear_prefix(self, prefix: bytes, limit: int | None) -> tuple[int, bool]:
        for key in [k for k in self.touched if k.startswith(prefix)]:
            self.state.pop(key, None)
        under = sorted(k for k in self.base if k.startswith(prefix))
        visited = under if limit is None else under[:limit]
        for key in visited:
            self.state.pop(key, None)
            self.touched.add(key)
        return len(visited), len(visited) == len(under)

    def next_key(self, key: bytes) -> bytes | None:
        return min((k for k in self.state if k > key), default=None)


def _run(overlay: Overlay, model: _Model, op: tuple) -> None:
    kind = op[0]
    if kind == "set":
        overlay.set(op[1], op[2])
        model.state[op[1]] = op[2]
        model.touched.add(op[1])
    elif kind == "clear":
        overlay.clear(op[1])
        model.state.pop(op[1], None)
        model.touched.add(op[1])
    elif kind == "clear_prefix":
        assert overlay.clear_prefix(op[1], op[2]) == model.clear_prefix(op[1], op[2])
    elif kind == "start":
        overlay.start_transaction()
        model.saved.append((dict(model.state), set(model.touched)))
    elif kind in ("commit", "rollback") and model.saved:
        saved = model.saved.pop()
        if kind == "commit":
            overlay.commit_transaction()
        else:
            overlay.rollback_transaction()
            model.state, model.touched = saved
    elif kind == "next_key":
        assert overlay.next_key(op[1]) == model.next_key(op[1])


@settings(max_examples=150, deadline=None)
@given(base=st.dictionaries(_key, _value, max_size=12), ops=st.lists(_op, max_size=40),
       state_version=st.sampled_from([0, 1]))
def test_random_nested_transactions_match_dict_model(base, ops, state_version) -> None:
    overlay = Overlay(_parent(base, state_version))
    model = _Model(base)
    for op in ops:
        _run(overlay, model, op)
        for key in (b"k", b"k\x00", b"k\x01"):
            assert overlay.get(key) == model.state.get(key)
    while overlay.transaction_depth:
        overlay.commit_transaction()
    walked = list(overlay.iter_keys())
    assert walked == sorted(model.state)
    assert [overlay.get(k) for k in walked] == [model.state[k] for k in walked]
    assert overlay.storage_root(state_version) == trie_root(model.state, state_version)


def test_many_new_keys_merge_in_order_and_roll_back() -> None:
    overlay = Overlay(_parent(BASE))
    overlay.start_transaction()
    for i in range(200, 0, -1):
        overlay.set(b"m%03d" % i, b"v")
    assert overlay.next_key(b"c") == b"m001"
    assert list(overlay.iter_keys(prefix=b"m"))[-1] == b"m200"
    overlay.set(b"m000", b"late")
    assert overlay.next_key(b"c") == b"m000"
    overlay.rollback_transaction()
    assert overlay.next_key(b"c") is None
    assert overlay.changes() == []


def test_ordered_trie_root_host_function_matches_real_blocks() -> None:
    from tests.shared_vectors import load, unhex

    overlay = Overlay(_parent(BASE))
    for case in load("trie")["real_chain_extrinsics_roots"]["cases"]:
        extrinsics = [unhex(x) for x in case["extrinsics"]]
        assert overlay.ordered_trie_root(extrinsics, 0) == unhex(case["expected_extrinsics_root"])
    assert overlay.ordered_trie_root([]) == EMPTY_TRIE_ROOT
