"""Chain database: blocks and pointers, state access, re-orgs, finalization and pruning."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from storage.chain_db import ZERO_HASH, ChainDB, Pruning
from storage.errors import (
    BlockNotFoundError,
    ChainDBError,
    InvalidBlockCommitError,
    StatePrunedError,
)
from storage.trie import trie_root
from tests.unit.storage.chain_db_helpers import (
    commit_child,
    commit_genesis,
    flat_state,
    reachable_nodes,
    stored_nodes,
)

GENESIS = {b"alice": b"\x01" * 8, b"bob": b"\x02" * 40, b"code": b"\x00asm" * 20}


@pytest.fixture(params=["memory", "leveldb"])
def open_db(request: pytest.FixtureRequest, tmp_path) -> Iterator:
    opened: list[ChainDB] = []

    def factory(pruning: Pruning | None = None) -> ChainDB:
        if request.param == "memory":
            db = ChainDB.open_memory(pruning)
        else:
            db = ChainDB.open_leveldb(tmp_path / f"db{len(opened)}", pruning)
        opened.append(db)
        return db

    yield factory
    for db in opened:
        db.close()


def _state(db: ChainDB, block_hash: bytes) -> dict[bytes, bytes]:
    return dict(db.state_at(block_hash).iter_items())


def test_genesis_sets_pointers(open_db) -> None:
    db = open_db()
    genesis = commit_genesis(db, GENESIS)
    assert db.genesis_hash == db.best_hash == db.finalized_hash == genesis
    assert db.best_number == 0 and db.finalized_number == 0
    assert db.canonical_hash(0) == genesis
    assert db.record(genesis).state_root == trie_root(GENESIS)
    assert _state(db, genesis) == GENESIS
    assert flat_state(db) == GENESIS
    assert db.body(genesis) == b"\x00"
    assert db.header(genesis)[:32] == ZERO_HASH


def test_chain_of_blocks_keeps_every_recent_state(open_db) -> None:
    db = open_db()
    hashes = [commit_genesis(db, GENESIS)]
    model = [dict(GENESIS)]
    for i in range(5):
        changes = {b"n%d" % i: b"v" * (i * 10), b"alice": bytes([i]) * 8, b"bob": None}
        hashes.append(commit_child(db, hashes[-1], changes))
        state = dict(model[-1])
        for key, value in changes.items():
            if value is None:
                state.pop(key, None)
            else:
                state[key] = value
        model.append(state)
    assert db.best_number == 5 and db.best_hash == hashes[-1]
    for number, block_hash in enumerate(hashes):
        assert db.canonical_hash(number) == block_hash
        assert _state(db, block_hash) == model[number]
        assert db.record(block_hash).state_root == trie_root(model[number])
    assert flat_state(db) == model[-1]
    assert db.reader_at(hashes[-1]).is_flat
    assert db.reader_at(hashes[-1]).get(b"n4") == b"v" * 40
    assert db.reader_at(hashes[2]).get(b"n4") is None


def test_reader_falls_back_to_trie_when_best_moves(open_db) -> None:
    db = open_db()
    genesis = commit_genesis(db, GENESIS)
    view = db.reader_at(genesis)
    commit_child(db, genesis, {b"alice": None})
    assert not view.is_flat
    assert view.get(b"alice") == GENESIS[b"alice"]
    assert view.next_key(b"alice") == b"bob"
    assert list(view.iter_keys()) == sorted(GENESIS)


def test_flat_view_next_key_and_iteration(open_db) -> None:
    db = open_db()
    genesis = commit_genesis(db, GENESIS)
    view = db.reader_at(genesis)
    assert view.is_flat
    assert view.next_key(b"") == b"alice"
    assert view.next_key(b"alice") == b"bob"
    assert view.next_key(b"code") is None
    assert list(view.iter_keys(prefix=b"b")) == [b"bob"]
    assert dict(view.iter_items()) == GENESIS


def test_fork_reorg_moves_flat_index(open_db) -> None:
    db = open_db()
    genesis = commit_genesis(db, GENESIS)
    a1 = commit_child(db, genesis, {b"x": b"a1"})
    a2 = commit_child(db, a1, {b"y": b"a2", b"alice": None})
    b1 = commit_child(db, genesis, {b"x": b"b1"}, salt=b"b", set_best=False)
    assert db.best_hash == a2
    b2 = commit_child(db, b1, {b"z": b"b2"}, salt=b"b")
    assert db.best_hash == b2
    assert db.canonical_hash(1) == b1 and db.canonical_hash(2) == b2
    assert flat_state(db) == _state(db, b2)
    db.set_best(a1)
    assert db.canonical_hash(2) is None
    assert flat_state(db) == _state(db, a1)
    db.set_best(a2)
    assert flat_state(db) == _state(db, a2) and db.best_number == 2


def test_finalize_discards_forks_and_releases_nodes(open_db) -> None:
    db = open_db()
    genesis = commit_genesis(db, GENESIS)
    a1 = commit_child(db, genesis, {b"x": b"a1" * 30})
    fork = commit_child(db, genesis, {b"fork": b"f" * 50}, salt=b"f", set_best=False)
    fork2 = commit_child(db, fork, {b"fork2": b"g" * 50}, salt=b"f", set_best=False)
    db.finalize(a1, justification=b"\x01just")
    assert db.finalized_hash == a1
    assert db.justifications(a1) == b"\x01just"
    assert db.find_record(fork) is None and db.find_record(fork2) is None
    assert db.children(genesis) == [a1]
    expected = reachable_nodes(db, db.record(genesis).state_root)
    expected |= reachable_nodes(db, db.record(a1).state_root)
    assert stored_nodes(db) == expected


def test_pruning_drops_old_states_exactly(open_db) -> None:
    db = open_db(Pruning(keep=2))
    hashes = [commit_genesis(db, GENESIS)]
    for i in range(6):
        hashes.append(commit_child(db, hashes[-1], {b"k": b"%d" % i * 40, b"n%d" % i: b"x"},
                                   finalize=True))
    assert db.finalized_number == 6 and db.oldest_state == 5
    with pytest.raises(StatePrunedError, match="pruned"):
        db.state_at(hashes[4])
    assert not db.has_state(hashes[4])
    assert db.header(hashes[0]) is not None
    expected = reachable_nodes(db, db.record(hashes[5]).state_root)
    expected |= reachable_nodes(db, db.record(hashes[6]).state_root)
    assert stored_nodes(db) == expected


def test_pruning_with_unfinalized_forks_keeps_exact_node_set(open_db) -> None:
    db = open_db(Pruning(keep=1))
    genesis = commit_genesis(db, {b"v%d" % i: b"%d" % i * 40 for i in range(20)})
    main = [genesis]
    for i in range(4):
        main.append(commit_child(db, main[-1], {b"v%d" % i: b"new" * 20}))
        commit_child(db, main[-2], {b"v%d" % i: b"alt" * 20}, salt=b"alt", set_best=False)
    db.finalize(main[2])
    retained = [h for h in main if db.has_state(h)]
    retained += [c for h in main[2:] for c in db.children(h) if c not in main]
    expected = set().union(*(reachable_nodes(db, db.record(h).state_root) for h in retained))
    assert stored_nodes(db) == expected
    assert db.oldest_state == 2


def test_archive_keeps_all_states(open_db) -> None:
    db = open_db(Pruning.archive_mode())
    hashes = [commit_genesis(db, GENESIS)]
    for i in range(4):
        hashes.append(commit_child(db, hashes[-1], {b"alice": b"%d" % i}, finalize=True))
    assert all(_state(db, h)[b"alice"] == b"%d" % i for i, h in enumerate(hashes[1:]))
    assert _state(db, hashes[0]) == GENESIS


def test_commit_errors_are_specific(open_db) -> None:
    db = open_db()
    with pytest.raises(InvalidBlockCommitError, match="before genesis"):
        commit_child_raw(db, number=1, parent=b"\x01" * 32)
    genesis = commit_genesis(db, GENESIS)
    with pytest.raises(InvalidBlockCommitError, match="unknown"):
        commit_child_raw(db, number=1, parent=b"\x01" * 32)
    with pytest.raises(InvalidBlockCommitError, match="cannot follow"):
        commit_child_raw(db, number=3, parent=genesis)
    with pytest.raises(InvalidBlockCommitError, match="genesis"):
        commit_genesis(db, {b"a": b"b"})
    with pytest.raises(BlockNotFoundError):
        db.state_at(b"\x09" * 32)
    with pytest.raises(ChainDBError):
        Pruning(keep=0)


def test_fork_below_finalized_is_refused(open_db) -> None:
    db = open_db()
    genesis = commit_genesis(db, GENESIS)
    stale = commit_child(db, genesis, {b"s": b"1"}, salt=b"s", set_best=False)
    a1 = commit_child(db, genesis, {b"a": b"1"})
    commit_child(db, a1, {b"a": b"2"}, finalize=True)
    assert db.find_record(stale) is None
    with pytest.raises(InvalidBlockCommitError):
        commit_child(db, genesis, {b"late": b"1"}, salt=b"late")


def commit_child_raw(db: ChainDB, number: int, parent: bytes) -> None:
    from storage.trie import EMPTY_TRIE_ROOT, TrieUpdate

    db.commit_block(header=b"h", block_hash=b"\x05" * 32, number=number, parent_hash=parent,
                    body=b"\x00", update=TrieUpdate(EMPTY_TRIE_ROOT), changes=[])


def test_leveldb_reopen_keeps_pointers_and_state(tmp_path) -> None:
    db = ChainDB.open_leveldb(tmp_path / "db", Pruning(keep=3))
    hashes = [commit_genesis(db, GENESIS)]
    for i in range(5):
        hashes.append(commit_child(db, hashes[-1], {b"k%d" % i: b"v" * 50}, finalize=i < 3))
    db.close()
    db = ChainDB.open_leveldb(tmp_path / "db")
    assert db.pruning == Pruning(keep=3)
    assert db.best_hash == hashes[-1] and db.finalized_hash == hashes[3]
    assert db.genesis_hash == hashes[0] and db.oldest_state == 1
    assert flat_state(db) == _state(db, hashes[-1])
    more = commit_child(db, hashes[-1], {b"after": b"reopen"})
    assert db.best_hash == more
    db.close()


def test_archive_database_refuses_pruning_on_reopen(tmp_path) -> None:
    db = ChainDB.open_leveldb(tmp_path / "db", Pruning.archive_mode())
    commit_genesis(db, GENESIS)
    db.close()
    with pytest.raises(ChainDBError, match="archive"):
        ChainDB.open_leveldb(tmp_path / "db", Pruning(keep=10))
    with ChainDB.open_leveldb(tmp_path / "db") as reopened:
        assert reopened.pruning.archive


def test_reader_thread_racing_commits_sees_its_block(tmp_path) -> None:
    import threading

    db = ChainDB.open_leveldb(tmp_path / "db")
    genesis = commit_genesis(db, {b"counter": b"0", b"other": b"x" * 40})
    view = db.reader_at(genesis)
    seen: set[bytes | None] = set()
    keys_seen: set[tuple[bytes, ...]] = set()
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            seen.add(view.get(b"counter"))
            keys_seen.add(tuple(view.iter_keys()))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        parent = genesis
        for i in range(1, 40):
            parent = commit_child(db, parent, {b"counter": b"%d" % i, b"k%d" % i: b"v"})
    finally:
        stop.set()
        reader.join()
        db.close()
    assert seen == {b"0"}
    assert keys_seen == {(b"counter", b"other")}


def test_rewind_past_finalized_restores_state_and_nodes(open_db) -> None:
    db = open_db(Pruning(keep=3))
    hashes = [commit_genesis(db, GENESIS)]
    for i in range(5):
        hashes.append(commit_child(db, hashes[-1], {b"alice": b"%d" % i * 40, b"n%d" % i: b"x"},
                                   finalize=i < 4))
    side = commit_child(db, hashes[4], {b"side": b"s"}, salt=b"s", set_best=False)
    assert db.finalized_number == 4 and db.oldest_state == 2
    db.rewind(hashes[2])
    assert db.best_hash == db.finalized_hash == hashes[2]
    assert all(db.find_record(h) is None for h in (*hashes[3:], side))
    assert db.canonical_hash(3) is None
    assert flat_state(db) == _state(db, hashes[2])
    expected = reachable_nodes(db, db.record(hashes[2]).state_root)
    assert stored_nodes(db) == expected
    again = commit_child(db, hashes[2], {b"after": b"rewind"}, finalize=True)
    assert db.best_hash == again and _state(db, again)[b"after"] == b"rewind"


def test_rewind_to_pruned_or_foreign_block_is_refused(open_db) -> None:
    db = open_db(Pruning(keep=1))
    genesis = commit_genesis(db, GENESIS)
    a1 = commit_child(db, genesis, {b"a": b"1"}, finalize=True)
    a2 = commit_child(db, a1, {b"a": b"2"})
    b2 = commit_child(db, a1, {b"b": b"2"}, salt=b"b", set_best=False)
    with pytest.raises(InvalidBlockCommitError, match="cannot rewind"):
        db.rewind(genesis)
    with pytest.raises(InvalidBlockCommitError, match="cannot rewind"):
        db.rewind(b2)
    db.rewind(a1)
    assert db.best_hash == a1 and db.find_record(a2) is None and db.find_record(b2) is None


def test_archive_keeps_states_but_only_recent_journals(open_db) -> None:
    from storage.kv import Column

    db = open_db(Pruning.archive_mode(keep=2))
    hashes = [commit_genesis(db, GENESIS)]
    for i in range(6):
        hashes.append(commit_child(db, hashes[-1], {b"alice": b"%d" % i}, finalize=True))
    journal_heights = {int.from_bytes(key[1:5], "big")
                       for key in db.kv.keys(prefix=Column.JOURNAL.value)}
    assert journal_heights == {5, 6}
    assert all(db.has_state(h) for h in hashes)
    with pytest.raises(InvalidBlockCommitError, match="cannot rewind"):
        db.rewind(hashes[3])
    db.rewind(hashes[5])
    assert db.best_hash == hashes[5] and _state(db, hashes[5])[b"alice"] == b"4"


def test_finalize_old_final_block_only_stores_justification(open_db) -> None:
    db = open_db()
    genesis = commit_genesis(db, GENESIS)
    a1 = commit_child(db, genesis, {b"a": b"1"})
    a2 = commit_child(db, a1, {b"a": b"2"}, finalize=True)
    fork = commit_child(db, a2, {b"f": b"1"}, salt=b"f", set_best=False)
    db.finalize(a1, justification=b"\x02late")
    assert db.finalized_hash == a2 and db.justifications(a1) == b"\x02late"
    db.finalize(a2)
    assert db.finalized_hash == a2
    main = commit_child(db, a2, {b"m": b"1"}, finalize=True)
    assert db.find_record(fork) is None and db.best_hash == main
    with pytest.raises(BlockNotFoundError):
        db.finalize(fork)
