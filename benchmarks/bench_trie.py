"""State trie: one-pass roots against the reference oracle, incremental blocks, reads.

Keys are random 32- and 64-byte strings; values are 16 bytes (inline) or 80 bytes (a V1 value
node), like account data. Incremental rows apply successive "blocks" of dirty keys (updates of
existing keys plus a few inserts and deletes) to a trie held in a MemoryNodeStore, each block on
top of the previous root with one shared node cache, as the chain database does; their baseline
is a full rebuild of the same state. Set ``TENSORCHAIN_BENCH_TRIE_1M=1`` for the 1M-key rows.

Times are CPU seconds of this process (``time.process_time``), medians after a warm-up call: on the
shared two-core machine other engineers' jobs inflate wall-clock figures two- to threefold, while
single-threaded CPU time stays close to the wall time of an idle machine.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Callable

from benchmarks.harness import Row
from runtime.primitives.hashing import blake2_128_concat, blake2_256, storage_prefix
from storage.trie import MemoryNodeStore, NodeCache, Trie, build_trie, trie_root
from tests.unit.storage.test_trie_reference import reference_root

GROUP = "trie"
CPU_S = "s (CPU)"


def cpu_seconds(fn: Callable[[], object], repeats: int = 5) -> float:
    """Median CPU time of one call of ``fn`` (after one warm-up call)."""
    fn()
    times = []
    for _ in range(repeats):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def cpu_rate(fn: Callable[[], object], ops_per_call: int, repeats: int = 5) -> float:
    """Operations per CPU second of ``fn``, which performs ``ops_per_call`` operations."""
    return ops_per_call / cpu_seconds(fn, repeats)


def _items(count: int, rng: random.Random) -> dict[bytes, bytes]:
    return {rng.randbytes(rng.choice((32, 64))): rng.randbytes(rng.choice((16, 80)))
            for _ in range(count)}


def _account_items(count: int, rng: random.Random) -> dict[bytes, bytes]:
    """``System.Account``-shaped entries: a shared 32-byte prefix, blake2_128_concat(account)."""
    prefix = storage_prefix("System", "Account")
    return {prefix + blake2_128_concat(rng.randbytes(32)): rng.randbytes(80)
            for _ in range(count)}


def _block(keys: list[bytes], size: int, rng: random.Random) -> list[tuple[bytes, bytes | None]]:
    """``size`` dirty keys: 90% updates, 5% inserts, 5% deletes of existing keys."""
    chosen = rng.sample(keys, size)
    changes: list[tuple[bytes, bytes | None]] = []
    for index, key in enumerate(chosen):
        if index % 20 == 0:
            changes.append((rng.randbytes(32), rng.randbytes(80)))
        elif index % 20 == 1:
            changes.append((key, None))
        else:
            changes.append((key, rng.randbytes(rng.choice((16, 80)))))
    return changes


def _block_runner(items: dict[bytes, bytes], size: int, rng: random.Random,
                  warm: bool = False) -> tuple[Callable[[], object], list[int]]:
    """A function applying one fresh block per call on top of the previous root.

    Cold: the default cache starts empty, so each block decodes the lower nodes it touches.
    Warm: a cache large enough for the whole trie is filled by one walk beforehand.
    """
    root, nodes = build_trie(items)
    store = MemoryNodeStore(nodes)
    cache = NodeCache(capacity=4 * len(nodes)) if warm else NodeCache()
    if warm:
        for _key in Trie(store, root, cache=cache).iter_keys():
            pass
    keys = list(items)
    blocks = [_block(keys, size, rng) for _ in range(8)]
    state = {"root": root, "next": 0}
    applied: list[int] = []

    def one_block() -> None:
        changes = blocks[state["next"] % len(blocks)]
        state["next"] += 1
        update = Trie(store, state["root"], cache=cache).apply(changes)
        store.insert_all(update.inserted)
        state["root"] = update.root
        applied.append(len(changes))

    return one_block, applied


def _incremental_rows(items: dict[bytes, bytes], label: str, sizes: tuple[int, ...],
                      rebuild_name: str, rng: random.Random) -> list[Row]:
    rows = []
    for size in sizes:
        one_block, _ = _block_runner(items, size, rng)
        spent = cpu_seconds(one_block)
        rows.append(Row(GROUP, f"apply {size:,} dirty keys to a {label} trie", spent, CPU_S,
                        baseline=rebuild_name, note="incremental root; cold lower levels"))
        rows.append(Row(GROUP, f"apply to {label} trie, {size:,}-key blocks", size / spent,
                        "keys/CPU-s"))
    one_block, _ = _block_runner(items, sizes[0], rng, warm=True)
    rows.append(Row(GROUP, f"apply {sizes[0]:,} dirty keys to a {label} trie, all cached",
                    cpu_seconds(one_block), CPU_S, baseline=rebuild_name,
                    note="node cache holds the whole trie"))
    return rows


def _read_rows(items: dict[bytes, bytes], rng: random.Random) -> list[Row]:
    root, nodes = build_trie(items)
    trie = Trie(MemoryNodeStore(nodes), root)
    probes = rng.sample(list(items), 2000)
    misses = [rng.randbytes(32) for _ in range(2000)]

    def gets() -> None:
        for key in probes:
            trie.get(key)

    def next_keys() -> None:
        for key in misses:
            trie.next_key(key)

    return [
        Row(GROUP, "get, 100k trie, warm cache", cpu_rate(gets, len(probes)), "ops/CPU-s"),
        Row(GROUP, "next_key, 100k trie, warm cache",
            cpu_rate(next_keys, len(misses)), "ops/CPU-s"),
    ]


def run() -> list[Row]:
    """Measure and return the trie rows."""
    rng = random.Random(2024)
    items = _items(100_000, rng)
    start = time.process_time()
    oracle = reference_root(items)
    oracle_seconds = time.process_time() - start
    if trie_root(items) != oracle:
        raise RuntimeError("trie_root disagrees with the reference oracle on the benchmark data")
    oracle_name = "reference oracle root, 100k keys"
    rebuild_name = "trie_root, 100k keys"
    payload = bytes(48)
    rows = [
        Row(GROUP, "calibration: blake2_256 of 48 bytes",
            cpu_rate(lambda: [blake2_256(payload) for _ in range(10_000)], 10_000), "ops/CPU-s",
            note="PERFORMANCE.md: 2.7M/s on an idle machine"),
        Row(GROUP, oracle_name, oracle_seconds, CPU_S, note="tests/ recursive oracle, one run"),
        Row(GROUP, rebuild_name, cpu_seconds(lambda: trie_root(items), 3), CPU_S,
            baseline=oracle_name, note="one-pass bottom-up build"),
        Row(GROUP, "build_trie, 100k keys (root + all nodes)",
            cpu_seconds(lambda: build_trie(items), 3), CPU_S, baseline=oracle_name),
    ]
    rows += _incremental_rows(items, "100k-key", (1_000, 10_000), rebuild_name, rng)
    accounts = _account_items(100_000, rng)
    rows.append(Row(GROUP, "trie_root, 100k System.Account entries",
                    cpu_seconds(lambda: trie_root(accounts), 3), CPU_S,
                    note="80-byte keys, 80-byte values"))
    rows += _incremental_rows(accounts, "100k-account", (1_000,),
                              "trie_root, 100k System.Account entries", rng)
    rows += _read_rows(items, rng)
    if os.environ.get("TENSORCHAIN_BENCH_TRIE_1M"):
        big = _items(1_000_000, rng)
        big_name = "trie_root, 1M keys"
        rows.append(Row(GROUP, big_name, cpu_seconds(lambda: trie_root(big), 1), CPU_S))
        rows += _incremental_rows(big, "1M-key", (1_000, 10_000), big_name, rng)
    return rows
