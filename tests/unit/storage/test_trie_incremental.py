"""Trie.apply against the reference root; exact node accounting; reads against a sorted dict."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runtime.primitives.hashing import blake2_256
from storage.trie import (
    EMPTY_TRIE_ROOT,
    MemoryNodeStore,
    NodeCache,
    Trie,
    build_trie,
    decode_node,
    trie_root,
)
from storage.trie.mutation import Mutation
from storage.trie.root import build_trie_refs
from tests.unit.storage.test_trie_reference import KEYS, MAPS, VALUES, reference_root

CHANGE = st.tuples(KEYS, st.none() | VALUES)
BATCHES = st.lists(st.lists(CHANGE, min_size=1, max_size=25), min_size=1, max_size=5)


def occurrences(store: MemoryNodeStore, root: bytes) -> Counter:
    """How often each stored node / value node is referenced from ``root`` (walks everything)."""
    counts: Counter = Counter()
    if root == EMPTY_TRIE_ROOT:
        return counts

    def visit(encoding: bytes) -> None:
        node = decode_node(encoding)
        if node.value_hashed:
            counts[node.value] += 1
        for ref in node.children or ():
            if ref is None:
                continue
            if len(ref) == 32:
                counts[ref] += 1
                visit(store.nodes[ref])
            else:
                visit(ref)

    counts[root] += 1
    visit(store.nodes[root])
    return counts


def replay(state: dict[bytes, bytes], batch: list[tuple[bytes, bytes | None]]) -> None:
    for key, value in batch:
        if value is None:
            state.pop(key, None)
        else:
            state[key] = value


@settings(max_examples=200, deadline=None)
@given(MAPS, BATCHES, st.sampled_from([0, 1]))
def test_apply_roots_and_node_accounting_are_exact(initial: dict, batches: list,
                                                   version: int) -> None:
    root, nodes = build_trie(initial, version)
    store = MemoryNodeStore(nodes)
    counts = occurrences(store, root)
    assert set(counts) == set(store.nodes)
    trie = Trie(store, root, version)
    state = dict(initial)
    for batch in batches:
        before = set(store.nodes)
        no_duplicates_before = all(count == 1 for count in counts.values())
        update = trie.apply(batch)
        replay(state, batch)
        assert update.root == trie.root == reference_root(state, version)
        assert set(update.new_refs) == set(update.inserted)
        for digest, encoding in update.inserted.items():
            assert blake2_256(encoding) == digest
        store.insert_all(update.inserted)
        counts.update(update.new_refs)
        counts.subtract(update.removed)
        assert min(counts.values(), default=0) >= 0
        counts = +counts
        expected = occurrences(store, trie.root)
        assert counts == expected == Counter(Trie(store, trie.root).node_references())
        if no_duplicates_before and all(count == 1 for count in expected.values()):
            assert (before | set(update.inserted)) - set(update.removed) == set(expected)
        store.remove_all([digest for digest in list(store.nodes) if digest not in counts])
        assert set(store.nodes) == set(expected)


@settings(max_examples=80, deadline=None)
@given(MAPS, st.lists(KEYS, max_size=12))
def test_reads_agree_with_sorted_dict(items: dict, probes: list) -> None:
    root, nodes = build_trie(items, 1)
    trie = Trie(MemoryNodeStore(nodes), root)
    ordered = sorted(items)
    assert list(trie.iter_items()) == [(key, items[key]) for key in ordered]
    for probe in [*probes, *ordered[:5]]:
        assert trie.get(probe) == items.get(probe)
        greater = [key for key in ordered if key > probe]
        assert trie.next_key(probe) == (greater[0] if greater else None)
        from_probe = [(key, items[key]) for key in ordered if key >= probe]
        assert list(trie.iter_items(start=probe)) == from_probe
        prefix = probe[:1]
        assert list(trie.iter_items(prefix=prefix)) == [
            (key, items[key]) for key in ordered if key.startswith(prefix)]
        assert list(trie.iter_keys(start=probe, prefix=prefix)) == [
            key for key in ordered if key >= probe and key.startswith(prefix)]


def test_apply_same_values_reports_no_node_changes() -> None:
    items = {bytes([i, j]): bytes([i]) * (i + 30) for i in range(8) for j in range(5)}
    root, nodes = build_trie(items, 1)
    trie = Trie(MemoryNodeStore(nodes), root)
    update = trie.apply([*list(items.items())[:7], (b"\xff\xff", None)])
    assert update.root == root
    assert update.inserted == {} and update.removed == [] and update.new_refs == []


def test_apply_empty_changes_keeps_root() -> None:
    trie = Trie(MemoryNodeStore())
    update = trie.apply([])
    assert update.root == EMPTY_TRIE_ROOT and update.inserted == {}


def test_apply_deleting_everything_gives_empty_root_and_removes_all_nodes() -> None:
    items = {bytes([i]) * 3: bytes(40 + i) for i in range(20)}
    root, nodes = build_trie(items, 1)
    trie = Trie(MemoryNodeStore(nodes), root)
    update = trie.apply((key, None) for key in items)
    assert update.root == EMPTY_TRIE_ROOT == trie.root
    assert Counter(update.removed) == occurrences(MemoryNodeStore(nodes), root)
    assert trie.get(b"\x00\x00\x00") is None and list(trie.iter_items()) == []


def test_later_change_of_same_key_wins() -> None:
    trie = Trie(MemoryNodeStore())
    update = trie.apply([(b"a", b"1"), (b"b", b"2"), (b"a", None), (b"b", b"3")])
    assert update.root == trie_root({b"b": b"3"})


def test_duplicate_value_nodes_are_counted_per_reference() -> None:
    value = b"\x42" * 80
    trie = Trie(MemoryNodeStore())
    update = trie.apply([(b"\x01", value), (b"\x02", value)])
    assert Counter(update.new_refs)[blake2_256(value)] == 2
    assert update.inserted[blake2_256(value)] == value


def test_shared_cache_serves_successive_tries() -> None:
    cache = NodeCache(capacity=64)
    store = MemoryNodeStore()
    root = EMPTY_TRIE_ROOT
    state: dict[bytes, bytes] = {}
    for block in range(30):
        changes = [(bytes([block, i]), bytes([i]) * 40) for i in range(10)]
        trie = Trie(store, root, cache=cache)
        update = trie.apply(changes)
        store.insert_all(update.inserted)
        replay(state, changes)
        root = update.root
        assert len(cache) <= 64
    assert root == trie_root(state)
    assert Trie(store, root).get(bytes([7, 3])) == bytes([3]) * 40


def test_deep_prefix_chain_beyond_default_recursion_limit() -> None:
    items = {b"\x01" * n: bytes([n % 256]) for n in range(1, 700)}
    store = MemoryNodeStore()
    trie = Trie(store)
    update = trie.apply(items.items())
    assert update.root == trie_root(items)
    store.insert_all(update.inserted)
    assert trie.get(b"\x01" * 650) == bytes([650 % 256])
    assert trie.next_key(b"\x01" * 698) == b"\x01" * 699


@pytest.mark.slow
@settings(max_examples=1500, deadline=None)
@given(MAPS, BATCHES, st.sampled_from([0, 1]))
def test_apply_roots_match_reference_many_examples(initial: dict, batches: list,
                                                   version: int) -> None:
    root, nodes = build_trie(initial, version)
    store = MemoryNodeStore(nodes)
    trie = Trie(store, root, version)
    state = dict(initial)
    for batch in batches:
        update = trie.apply(batch)
        store.insert_all(update.inserted)
        replay(state, batch)
        assert update.root == reference_root(state, version)


def test_v0_trie_migrates_lazily_when_values_are_rewritten_under_v1() -> None:
    items = {bytes([i, i]): bytes([i]) * (20 + 3 * i) for i in range(12)}
    root, nodes = build_trie(items, 0)
    store = MemoryNodeStore(nodes)
    trie = Trie(store, root, state_version=1)
    store.insert_all(trie.apply([(b"\x00\x00", b"tiny")]).inserted)
    untouched = occurrences(store, trie.root)
    assert not {blake2_256(value) for value in items.values()} & set(untouched)
    assert trie.get(b"\x0b\x0b") == items[b"\x0b\x0b"]
    items[b"\x00\x00"] = b"tiny"
    assert trie.root == trie_root(items, 0)
    store.insert_all(trie.apply(items.items()).inserted)
    assert trie.root == trie_root(items, 1) != trie_root(items, 0)


def _random_blocks(seed: int, size: int, blocks: int, per_block: int) -> tuple[dict, list]:
    """A seeded state of ``size`` keys and ``blocks`` change sets (updates, inserts, deletes)."""
    rng = random.Random(seed)
    prefix = bytes(16)
    state = {prefix + rng.randbytes(rng.choice((0, 1, 2, 16, 32))): rng.randbytes(
        rng.choice((0, 8, 32, 33, 80))) for _ in range(size)}
    batches = []
    keys = list(state)
    for _ in range(blocks):
        batch: list[tuple[bytes, bytes | None]] = []
        for _ in range(per_block):
            roll = rng.random()
            if roll < 0.3:
                batch.append((rng.choice(keys), None))
            elif roll < 0.6:
                key = prefix + rng.randbytes(rng.choice((1, 2, 3, 16, 32)))
                keys.append(key)
                batch.append((key, rng.randbytes(rng.choice((1, 32, 33)))))
            else:
                batch.append((rng.choice(keys), rng.randbytes(rng.choice((0, 8, 32, 33, 80)))))
        batches.append(batch)
    return state, batches


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_blocks_keep_root_and_reference_counts_exact(seed: int) -> None:
    state, batches = _random_blocks(seed, 2000, 8, 300)
    root, nodes = build_trie(state)
    store = MemoryNodeStore(nodes)
    counts = Counter(Trie(store, root).node_references())
    cache = NodeCache(capacity=256)
    for batch in batches:
        trie = Trie(store, root, cache=cache)
        update = trie.apply(batch)
        replay(state, batch)
        assert update.root == trie_root(state)
        store.insert_all(update.inserted)
        counts.update(update.new_refs)
        counts.subtract(update.removed)
        counts = +counts
        root = update.root
        assert counts == Counter(Trie(store, root).node_references())
    assert dict(Trie(store, root).iter_items()) == state


@settings(max_examples=100, deadline=None)
@given(MAPS, st.sampled_from([0, 1]))
def test_fresh_trie_bulk_path_equals_incremental_path(items: dict, version: int) -> None:
    root, nodes, refs = build_trie_refs(items, version)
    store = MemoryNodeStore()
    trie = Trie(store, state_version=version)
    ordered = sorted(items.items())
    mutation = Mutation(trie.load_node, NodeCache(), version, [key.hex() for key, _ in ordered],
                        [value for _, value in ordered])
    assert mutation.run(EMPTY_TRIE_ROOT) == root
    gained, lost = mutation.net_changes()
    assert lost == [] and Counter(gained) == Counter(refs)
    assert {digest: mutation.encodings[digest] for digest in gained} == nodes
    update = trie.apply(items.items())
    assert (update.root, update.inserted, Counter(update.new_refs)) == (root, nodes, Counter(refs))
