"""Default child tries: roots written under ``:child_storage:default:`` before the top root."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storage.trie import (
    CHILD_STORAGE_DEFAULT_PREFIX,
    EMPTY_TRIE_ROOT,
    MemoryNodeStore,
    Trie,
    child_root_entry,
    storage_root,
    trie_root,
)
from tests.shared_vectors import load, unhex
from tests.unit.storage.test_trie_reference import MAPS, reference_root

CHILD_KEYS = st.binary(min_size=1, max_size=6)


@settings(max_examples=80, deadline=None)
@given(MAPS, st.dictionaries(CHILD_KEYS, MAPS, max_size=3), st.sampled_from([0, 1]))
def test_storage_root_equals_top_root_with_child_roots(top: dict, children: dict,
                                                       version: int) -> None:
    expected_top = dict(top)
    for child_key, entries in children.items():
        key = CHILD_STORAGE_DEFAULT_PREFIX + child_key
        if entries:
            expected_top[key] = reference_root(entries, version)
        else:
            expected_top.pop(key, None)
    assert storage_root(top, children, version) == reference_root(expected_top, version)


@settings(max_examples=60, deadline=None)
@given(MAPS, st.dictionaries(CHILD_KEYS, MAPS, min_size=1, max_size=3))
def test_incremental_child_tries_match_storage_root(top: dict, children: dict) -> None:
    store = MemoryNodeStore()
    top_trie = Trie(store)
    store.insert_all(top_trie.apply(top.items()).inserted)
    child_roots = []
    for child_key, entries in sorted(children.items()):
        child = Trie(store)
        store.insert_all(child.apply(entries.items()).inserted)
        child_roots.append((child_key, child.root))
    store.insert_all(top_trie.apply_child_roots(child_roots).inserted)
    assert top_trie.root == storage_root(top, children)


def test_emptied_child_trie_is_removed_from_top() -> None:
    store = MemoryNodeStore()
    child = Trie(store)
    store.insert_all(child.apply([(b"k", b"v")]).inserted)
    top = Trie(store)
    store.insert_all(top.apply([(b"top", b"1")]).inserted)
    store.insert_all(top.apply_child_roots([(b"c1", child.root)]).inserted)
    assert top.get(CHILD_STORAGE_DEFAULT_PREFIX + b"c1") == child.root
    store.insert_all(child.apply([(b"k", None)]).inserted)
    assert child.root == EMPTY_TRIE_ROOT
    top.apply_child_roots([(b"c1", child.root)])
    assert top.root == trie_root({b"top": b"1"})
    assert child_root_entry(b"c1", EMPTY_TRIE_ROOT) == (CHILD_STORAGE_DEFAULT_PREFIX + b"c1", None)


def test_conformance_child_roots_via_storage_root() -> None:
    group = load("trie")["conformance_storage_and_child_roots_v0"]
    for case in group["cases"]:
        entries = {k.encode(): v.encode() for k, v in case["entries_utf8"].items()}
        child_root = unhex(case["root_v0_of_entries_alone (child storage root)"])
        top = storage_root({}, {b"child": entries}, 0)
        assert top == trie_root({CHILD_STORAGE_DEFAULT_PREFIX + b"child": child_root}, 0)
