"""Storage: block commits of 1k/10k/100k dirty keys into a large state, roots, random reads.

Both backends run the same steps side by side; the in-memory store is the baseline of each
LevelDB row. The large state has ``STATE_KEYS`` keys (1M by default; set
``TENSORCHAIN_BENCH_STATE_KEYS`` to change it); it is built once with the bulk genesis path and
written into each backend as the genesis block. A commit = overlay writes (half updates of
existing keys, half new keys) → ``storage_root`` (incremental: only dirty paths re-hashed) →
``commit_block`` (one atomic batch with nodes, refcounts, journals and the flat index). Reads:
the flat index with its read cache emptied before each pass (cold) or kept (hot), and the trie.
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
import time
from collections.abc import Callable

from benchmarks.harness import Row, per_second
from runtime.primitives.hashing import blake2_256
from storage.chain_db import ZERO_HASH, ChainDB
from storage.state_db import bulk_update
from storage.trie import TrieUpdate

STATE_KEYS = int(os.environ.get("TENSORCHAIN_BENCH_STATE_KEYS", "1000000"))
DIRTY_SIZES = (1_000, 10_000, 100_000)
READS = 20_000


def _random_state(count: int, rng: random.Random) -> dict[bytes, bytes]:
    return {rng.randbytes(32): rng.randbytes(rng.choice((8, 16, 40, 64))) for _ in range(count)}


def _commit_genesis(db: ChainDB, state: dict[bytes, bytes], update: TrieUpdate) -> float:
    header = ZERO_HASH + b"\x00" + update.root
    start = time.perf_counter()
    db.commit_block(header=header, block_hash=blake2_256(header), number=0,
                    parent_hash=ZERO_HASH, body=b"\x00", update=update,
                    changes=sorted(state.items()))
    return time.perf_counter() - start


def _block(db: ChainDB, keys: list[bytes], dirty: int, rng: random.Random) -> tuple[float, float]:
    """One block with ``dirty`` changed keys; returns (root seconds, total seconds)."""
    start = time.perf_counter()
    parent = db.record(db.best_hash or ZERO_HASH)
    overlay = db.overlay_at(parent.hash)
    for index in range(dirty):
        key = rng.choice(keys) if index % 2 else rng.randbytes(32)
        overlay.set(key, rng.randbytes(40))
    root_start = time.perf_counter()
    commit = overlay.commit_set(1)
    root_seconds = time.perf_counter() - root_start
    header = parent.hash + (parent.number + 1).to_bytes(4, "little") + commit.state_root
    db.commit_block(header=header, block_hash=blake2_256(header), number=parent.number + 1,
                    parent_hash=parent.hash, body=b"\x00", update=commit.update,
                    changes=commit.changes)
    return root_seconds, time.perf_counter() - start


def _reader(db: ChainDB, keys: list[bytes], kind: str,
            rng: random.Random) -> Callable[[], object]:
    best = db.best_hash or ZERO_HASH
    view = db.state_at(best) if kind == "trie" else db.reader_at(best)
    sample = [rng.choice(keys) for _ in range(READS)]
    cold = kind == "flat, cold"

    def read_all() -> None:
        """Read every sampled key once."""
        if cold:
            db.clear_read_cache()
        get = view.get
        for key in sample:
            get(key)
    return read_all


def _measure(label: str, db: ChainDB, state: dict[bytes, bytes], update: TrieUpdate,
             baseline: str | None) -> list[Row]:
    rng = random.Random(7)
    keys = list(state)
    group = "storage"

    def base(name: str) -> str | None:
        """The memory row this row is compared with."""
        return None if baseline is None else f"{name} [{baseline}]"

    rows = [Row(group, f"genesis write {len(state):,} keys [{label}]",
                _commit_genesis(db, state, update), "s",
                base(f"genesis write {len(state):,} keys"))]
    for kind in ("flat, cold", "flat, hot cache", "trie"):
        name = f"random reads, {kind}"
        rate = per_second(_reader(db, keys, kind, rng), ops_per_call=READS, repeats=3)
        rows.append(Row(group, f"{name} [{label}]", rate, "reads/s", base(name),
                        f"{READS:,} keys after the genesis write"))
    for dirty in DIRTY_SIZES:
        repeats = 3 if dirty < 100_000 else 1
        results = [_block(db, keys, dirty, rng) for _ in range(repeats)]
        root = min(r[0] for r in results)
        total = min(r[1] for r in results)
        rows.append(Row(group, f"commit {dirty:,} dirty keys [{label}]", total, "s",
                        base(f"commit {dirty:,} dirty keys"), f"{dirty / total:,.0f} keys/s"))
        rows.append(Row(group, f"root of {dirty:,} dirty keys [{label}]", root, "s",
                        base(f"root of {dirty:,} dirty keys"), f"{dirty / root:,.0f} keys/s"))
    return rows


def run() -> list[Row]:
    """Build the large state once, then measure both backends."""
    rng = random.Random(1)
    state = _random_state(STATE_KEYS, rng)
    start = time.perf_counter()
    update = bulk_update(state)
    build = time.perf_counter() - start
    rows = [Row("storage", f"bulk trie build {STATE_KEYS:,} keys", build, "s",
                note=f"{len(update.inserted):,} nodes")]
    memory = ChainDB.open_memory()
    rows += _measure("memory", memory, state, update, None)
    memory.close()
    del memory
    folder = tempfile.mkdtemp(prefix="bench-storage-")
    try:
        leveldb = ChainDB.open_leveldb(folder)
        rows += _measure("leveldb", leveldb, state, update, "memory")
        leveldb.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return rows
