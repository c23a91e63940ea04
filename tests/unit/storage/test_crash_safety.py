"""Crash safety for real: a child process commits blocks to LevelDB and is SIGKILLed at random.

After every kill the parent reopens the database and checks that it stands at a committed block:
the best block's header hashes to its hash and names its state root; that root equals the root
recomputed from the stored trie nodes and from the flat index; every block the child reported
as committed is still there; the stored node set is exactly what the retained states need. The
next round continues from whatever the previous kill left.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from pathlib import Path

import pytest

from runtime.primitives.hashing import blake2_256
from storage.chain_db import ChainDB, Pruning
from storage.trie import trie_root
from tests.unit.storage.chain_db_helpers import (
    commit_child,
    commit_genesis,
    flat_state,
    reachable_nodes,
    stored_nodes,
)

PRUNING = Pruning(keep=4)


def _writer(path: str, log_path: str, seed: int) -> None:
    """Child process: commit blocks forever (until killed), logging each acknowledged commit."""
    rng = random.Random(seed)
    db = ChainDB.open_leveldb(path, PRUNING)
    if db.best_hash is None:
        commit_genesis(db, {b"key%04d" % i: b"v" * rng.randrange(1, 60) for i in range(300)})
    with open(log_path, "a") as log:
        step = 0
        while True:
            step += 1
            best = db.best_hash
            changes: dict[bytes, bytes | None] = {
                b"key%04d" % rng.randrange(600): (None if rng.random() < 0.2
                                                  else os.urandom(rng.randrange(1, 70)))
                for _ in range(rng.randrange(50, 400))}
            if rng.random() < 0.2:
                commit_child(db, best, changes, salt=b"fork%d-%d" % (seed, step), set_best=False)
            block = commit_child(db, best, changes, salt=b"%d-%d" % (seed, step),
                                 finalize=rng.random() < 0.4)
            log.write(f"{db.record(block).number} {block.hex()}\n")
            log.flush()


def _check_consistent(path: Path, log_path: Path) -> int:
    db = ChainDB.open_leveldb(path)
    try:
        best = db.best_hash
        if best is None:
            return -1
        record = db.record(best)
        header = db.header(best)
        assert header is not None and blake2_256(header) == best
        assert header[36:68] == record.state_root
        trie_items = dict(db.state_at(best).iter_items())
        assert trie_root(trie_items) == record.state_root
        assert flat_state(db) == trie_items
        lines = log_path.read_text().splitlines() if log_path.exists() else []
        complete = [line for line in lines if len(line.split()) == 2 and len(line) > 66]
        if complete:
            number, block_hash = complete[-1].split()
            assert db.best_number >= int(number)
            assert db.canonical_hash(int(number)) == bytes.fromhex(block_hash)
        retained = [h for n in range(db.oldest_state, db.best_number + 1)
                    if (h := db.canonical_hash(n)) is not None]
        final_number = db.finalized_number
        pending = [h for h in retained if db.record(h).number >= final_number]
        while pending:
            for child in db.children(pending.pop()):
                if child not in retained:
                    retained.append(child)
                    pending.append(child)
        needed = set().union(*(reachable_nodes(db, db.record(h).state_root) for h in retained))
        assert stored_nodes(db) == needed
        return record.number
    finally:
        db.close()


def _kill_rounds(tmp_path: Path, rounds: int, max_delay: float) -> list[int]:
    context = multiprocessing.get_context("fork")
    path, log_path = tmp_path / "chain", tmp_path / "commits.log"
    rng = random.Random(1234)
    heights = []
    for round_index in range(rounds):
        child = context.Process(target=_writer, args=(str(path), str(log_path), round_index),
                                daemon=True)
        child.start()
        time.sleep(rng.uniform(0.02, max_delay))
        assert child.pid is not None
        os.kill(child.pid, signal.SIGKILL)
        child.join(5)
        assert child.exitcode == -signal.SIGKILL, "the writer died on its own"
        heights.append(_check_consistent(path, log_path))
    return heights


def test_sigkill_rounds_always_reopen_consistent(tmp_path: Path) -> None:
    heights = _kill_rounds(tmp_path, rounds=20, max_delay=0.25)
    assert heights[-1] > 0, "the writer never committed a block"
    assert heights == sorted(heights)


@pytest.mark.slow
def test_sigkill_many_rounds_always_reopen_consistent(tmp_path: Path) -> None:
    heights = _kill_rounds(tmp_path, rounds=150, max_delay=0.6)
    assert heights == sorted(heights)
