"""Random block trees, re-orgs and finalizations against a model of the chain."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from storage.backends.memory import MemoryStore
from storage.chain_db import ChainDB, Pruning
from storage.errors import StatePrunedError
from tests.unit.storage.chain_db_helpers import (
    commit_child,
    commit_genesis,
    flat_state,
    reachable_nodes,
    stored_nodes,
)

_keys = st.sampled_from([b"a", b"ab", b"abc", b"b", b"ba", b"c", b"cc", b"d"])
_values = st.one_of(st.none(), st.binary(min_size=1, max_size=3), st.binary(min_size=33,
                                                                            max_size=34))


@dataclass
class _ChainModel:
    """Blocks as (parent, number, state); pointers as hashes."""

    blocks: dict[bytes, tuple[bytes | None, int, dict[bytes, bytes]]] = field(default_factory=dict)
    best: bytes = b""
    final: bytes = b""
    pruned_to: int = 0
    journal_floor: int = 0

    def ancestors(self, block: bytes) -> list[bytes]:
        chain = []
        current: bytes | None = block
        while current is not None:
            chain.append(current)
            current = self.blocks[current][0]
        return chain

    def extends_final(self, block: bytes) -> bool:
        return self.final in self.ancestors(block)

    def finalize(self, block: bytes, pruning: Pruning) -> None:
        path = set(self.ancestors(block))
        if block not in self.ancestors(self.best):
            self.best = block
        self.blocks = {h: b for h, b in self.blocks.items() if h in path or block in
                       self.ancestors(h)}
        self.final = block
        self.journal_floor = max(self.journal_floor, self.blocks[block][1] - pruning.keep + 1)
        if not pruning.archive:
            self.pruned_to = self.journal_floor

    def rewind(self, block: bytes) -> None:
        self.blocks = {h: b for h, b in self.blocks.items() if h == block or
                       block not in self.ancestors(h)}
        if self.final not in self.blocks:
            self.final = block
        self.best = block


def _retained(model: _ChainModel, block: bytes) -> bool:
    return model.blocks[block][1] >= model.pruned_to


def _check(db: ChainDB, model: _ChainModel) -> None:
    assert db.best_hash == model.best and db.finalized_hash == model.final
    assert flat_state(db) == model.blocks[model.best][2]
    for number, block in enumerate(reversed(model.ancestors(model.best))):
        assert db.canonical_hash(number) == block
    expected_nodes: set[bytes] = set()
    for block, (_parent, _number, state) in model.blocks.items():
        if _retained(model, block):
            assert dict(db.state_at(block).iter_items()) == state
            expected_nodes |= reachable_nodes(db, db.record(block).state_root)
        else:
            try:
                db.state_at(block)
            except StatePrunedError:
                pass
            else:
                raise AssertionError("a pruned state is still readable")
    assert stored_nodes(db) == expected_nodes
    best_state = model.blocks[model.best][2]
    view = db.reader_at(model.best)
    assert view.is_flat
    for probe in (b"", b"a", b"ab", b"abc\xff", b"b", b"c", b"d"):
        assert view.next_key(probe) == min((k for k in best_state if k > probe), default=None)
    for key in (b"a", b"ab", b"abc", b"b", b"ba", b"c", b"cc", b"d", b"zz"):
        assert view.get(key) == best_state.get(key)  # the hot read cache stays exact


def _apply_child(db: ChainDB, model: _ChainModel, data, target: bytes, step: int) -> None:
    changes = data.draw(st.dictionaries(_keys, _values, max_size=4))
    set_best = data.draw(st.booleans())
    block = commit_child(db, target, changes, salt=b"%d" % step, set_best=set_best)
    state = dict(model.blocks[target][2])
    for key, value in changes.items():
        if value is None:
            state.pop(key, None)
        else:
            state[key] = value
    model.blocks[block] = (target, model.blocks[target][1] + 1, state)
    if set_best:
        model.best = block


def _run_random_chain(data, pruning: Pruning, open_db) -> None:
    db = open_db(pruning)
    genesis_state = {b"a": b"1", b"b": b"2" * 40}
    genesis = commit_genesis(db, genesis_state)
    model = _ChainModel({genesis: (None, 0, dict(genesis_state))}, genesis, genesis)
    actions = ["child", "child", "child", "best", "final", "reopen", "rewind"]
    try:
        for step in range(data.draw(st.integers(1, 12))):
            candidates = sorted(h for h in model.blocks if model.extends_final(h))
            target = data.draw(st.sampled_from(candidates))
            action = data.draw(st.sampled_from(actions))
            if action == "child":
                _apply_child(db, model, data, target, step)
            elif action == "best":
                db.set_best(target)
                model.best = target
            elif action == "final":
                db.finalize(target)
                model.finalize(target, pruning)
            elif action == "rewind":
                back = data.draw(st.sampled_from(sorted(
                    h for h in model.ancestors(model.best)
                    if model.blocks[h][1] >= model.journal_floor)))
                db.rewind(back)
                model.rewind(back)
            else:
                db.close()
                db = open_db(None)
            _check(db, model)
    finally:
        db.close()


_prunings = st.sampled_from([Pruning(keep=1), Pruning(keep=2), Pruning.archive_mode(keep=2)])


@settings(max_examples=150, deadline=None)
@given(data=st.data(), pruning=_prunings)
def test_random_block_tree_matches_model(data, pruning) -> None:
    store = MemoryStore()

    def open_db(mode: Pruning | None) -> ChainDB:
        return ChainDB(store, mode)

    store.close = lambda: None  # type: ignore[method-assign]  # "reopen" keeps the dict
    _run_random_chain(data, pruning, open_db)


@settings(max_examples=50, deadline=None)
@given(data=st.data(), pruning=_prunings)
def test_random_block_tree_with_leveldb_reopens_matches_model(data, pruning) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _run_random_chain(data, pruning, lambda mode: ChainDB.open_leveldb(folder, mode))
