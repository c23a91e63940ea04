"""The block author: inherents, ready transactions, limits, invalid ones, sealing, the importer."""

from __future__ import annotations

from pathlib import Path

import pytest

from node.author import AuthorError, BlockLimits
from node.events import ImportOrigin, PoolNotifier
from node.importer import BadHeaderError, BuiltState, ImportStatus, StateRootMismatch
from node.txpool import TransactionSource
from storage.chain_db import Pruning
from storage.overlay import CommitSet
from tests.unit.node.chain_fixtures import (
    ALICE,
    BOB,
    CHARLIE,
    DAVE,
    ENDOWMENT,
    FEE,
    ListReady,
    Node,
    Recorder,
    author_chain,
    block_inputs,
    bump_call,
    free_balance,
    make_node,
    make_pool,
    signed,
    stamp_inherent,
    transfer_call,
)


@pytest.fixture
def node(tmp_path: Path) -> Node:
    """A node over LevelDB in ``tmp_path``."""
    created = make_node(tmp_path / "db")
    yield created
    created.close()


def _submit(node: Node, pool, xts: list[bytes]) -> None:  # type: ignore[no-untyped-def]
    for xt in xts:
        pool.submit(TransactionSource.EXTERNAL, xt, node.chain.best_hash)


def test_authored_block_imports_into_a_second_fresh_db_with_same_head(tmp_path: Path) -> None:
    source = make_node(tmp_path / "a")
    replica = make_node(tmp_path / "b")
    try:
        assert source.genesis_hash == replica.genesis_hash
        txs = [[signed(source.genesis_hash, ALICE, transfer_call(BOB, 10 + i), i)]
               for i in range(5)]
        blocks = author_chain(source, 5, txs_per_block=txs)
        for block in blocks:
            result = replica.importer.import_block(block, ImportOrigin.NETWORK_SYNC)
            assert result.status is ImportStatus.IMPORTED and result.re_executed
        assert replica.chain.best_hash == source.chain.best_hash == blocks[-1].hash()
        best = source.chain.best_hash
        assert replica.chain.state_root(best) == source.chain.state_root(best)
        assert free_balance(replica, BOB) == ENDOWMENT + sum(10 + i for i in range(5))
    finally:
        source.close()
        replica.close()


def test_author_applies_inherent_first_then_ready_transactions_in_pool_order(node: Node) -> None:
    pool = make_pool(node)
    xts = [signed(node.genesis_hash, ALICE, bump_call(1), n) for n in (2, 0, 1)]
    _submit(node, pool, xts)
    authored = node.author.author(pool=pool, **block_inputs(node))
    block = authored.block
    assert block.extrinsics == (stamp_inherent(1_000), xts[1], xts[2], xts[0])
    assert authored.result.is_new_best and node.chain.best_hash == block.hash()
    assert block.header.digest.seal is not None


def test_invalid_transactions_are_left_out_reported_and_removed(node: Node) -> None:
    pool = make_pool(node)
    node.chain.subscribe(PoolNotifier(pool, node.chain.header_and_body))
    good = signed(node.genesis_hash, BOB, transfer_call(DAVE, 3), 0)
    forged = bytearray(signed(node.genesis_hash, ALICE, bump_call(1), 0))
    forged[40] ^= 0xFF  # a bad signature passes the nonce-only pool validator
    dependant = signed(node.genesis_hash, ALICE, bump_call(1), 1)
    _submit(node, pool, [good, bytes(forged), dependant])
    authored = node.author.author(pool=pool, **block_inputs(node))
    assert authored.block.extrinsics[1:] == (good,)
    assert len(authored.built.invalid) == 1 and authored.built.included == (
        authored.built.included[0],)
    assert pool.status().ready == 0 and pool.is_banned(authored.built.invalid[0])
    assert free_balance(node, DAVE) == ENDOWMENT + 3


def test_failed_call_is_included_and_pays_its_fee(node: Node) -> None:
    too_much = signed(node.genesis_hash, BOB, transfer_call(DAVE, ENDOWMENT * 2), 0)
    built = node.author.build(ready=ListReady([too_much]), **block_inputs(node))
    node.importer.import_block(built.block, ImportOrigin.OWN)
    assert built.block.extrinsics[1:] == (too_much,) and built.invalid == ()
    assert free_balance(node, BOB) == ENDOWMENT - FEE


@pytest.mark.parametrize("limits, count", [
    (BlockLimits(max_extrinsics=2), 2),
    (BlockLimits(max_bytes=200), 1),
    (BlockLimits(time_budget_s=0.0), 0),
], ids=["max_extrinsics", "max_bytes", "time_budget"])
def test_limits_stop_inclusion_and_keep_the_rest_in_the_pool(node: Node, limits: BlockLimits,
                                                             count: int) -> None:
    pool = make_pool(node)
    node.chain.subscribe(PoolNotifier(pool, node.chain.header_and_body))
    _submit(node, pool, [signed(node.genesis_hash, k, bump_call(1), 0)
                         for k in (ALICE, BOB, CHARLIE, DAVE)])
    authored = node.author.author(pool=pool, limits=limits, **block_inputs(node))
    assert len(authored.block.extrinsics) == 1 + count
    assert pool.status().ready == 4 - count


def test_failing_inherent_refuses_to_build_and_changes_nothing(node: Node) -> None:
    before = node.snapshot()
    signed_inherent = signed(node.genesis_hash, ALICE, stamp_inherent(5)[2:], 0)
    inputs = block_inputs(node)
    inputs["inherents"] = [signed_inherent]
    with pytest.raises(AuthorError, match="inherent 0 failed"):
        node.author.author_block(**inputs)  # type: ignore[arg-type]
    with pytest.raises(AuthorError, match="unknown parent"):
        node.author.author_block(b"\x01" * 32)
    assert node.snapshot() == before and node.recorder.imported == []


def test_unsealed_block_is_refused_by_the_aura_check(node: Node) -> None:
    inputs = block_inputs(node)
    del inputs["seal"]
    before = node.snapshot()
    with pytest.raises(BadHeaderError, match="Seal"):
        node.author.author_block(**inputs)  # type: ignore[arg-type]
    assert node.snapshot() == before


def test_trusted_own_state_commits_without_reexecution_to_the_same_root(tmp_path: Path) -> None:
    fast = make_node(tmp_path / "fast", trust_own_state=True)
    slow = make_node(tmp_path / "slow")
    try:
        txs = [signed(fast.genesis_hash, ALICE, transfer_call(CHARLIE, 4), 0)]
        authored = fast.author.author(pool=_ListPool(txs), **block_inputs(fast))
        assert authored.result.re_executed is False
        assert slow.importer.import_block(authored.block).re_executed is True
        best = authored.block.hash()
        assert slow.chain.state_root(best) == fast.chain.state_root(best)
        assert free_balance(fast, CHARLIE) == free_balance(slow, CHARLIE) == ENDOWMENT + 4
    finally:
        fast.close()
        slow.close()


class _ListPool:
    """A pool stand-in over a fixed list."""

    def __init__(self, items: list[bytes]) -> None:
        self.items = items
        self.removed: list[bytes] = []

    def ready(self) -> ListReady:
        return ListReady(list(self.items))

    def remove(self, hashes: list[bytes]) -> list[bytes]:
        self.removed.extend(hashes)
        return hashes


def test_fast_path_checks_root_parent_and_origin(node: Node) -> None:
    built = node.author.build(**block_inputs(node))
    state = built.state
    forged = BuiltState(state.parent_hash, CommitSet([], _other_update(node), 1))
    before = node.snapshot()
    with pytest.raises(ValueError, match="origin OWN"):
        node.importer.import_block(built.block, ImportOrigin.NETWORK_SYNC, built=state)
    with pytest.raises(StateRootMismatch):
        node.importer.import_block(built.block, ImportOrigin.OWN, built=forged)
    with pytest.raises(BadHeaderError):
        node.importer.import_block(
            node.author.build(**{**block_inputs(node), "seal": None}).block,
            ImportOrigin.OWN, built=state)
    assert node.snapshot() == before
    assert node.importer.import_block(built.block, ImportOrigin.OWN, built=state).re_executed \
        is False


def _other_update(node: Node):  # type: ignore[no-untyped-def]
    overlay = node.db.overlay_at(node.genesis_hash)
    overlay.set(b"elsewhere", b"1")
    return overlay.commit_set(1).update


def test_author_block_builds_on_a_given_parent_as_a_fork(node: Node) -> None:
    author_chain(node, 2)
    recorder = Recorder()
    node.chain.subscribe(recorder)
    block = node.author.author_block(node.genesis_hash, **block_inputs(node, node.genesis_hash))
    assert block.header.number == 1 and node.chain.contains(block.hash())
    assert node.chain.best_number == 2 and recorder.imported[0].is_new_best is False


def test_building_on_a_pruned_parent_is_refused(tmp_path: Path) -> None:
    node = make_node(tmp_path / "db", instant_finality=True, pruning=Pruning(keep=2))
    try:
        blocks = author_chain(node, 5)
        before = node.snapshot()
        with pytest.raises(AuthorError, match="pruned"):
            node.author.author_block(blocks[0].hash(), **block_inputs(node, blocks[0].hash()))
        assert node.snapshot() == before
    finally:
        node.close()
