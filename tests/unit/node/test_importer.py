"""The block importer: one path, refusals that change nothing, fork choice, finality, listeners."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from node.author import aura_sealer
from node.chain import diff_states
from node.events import BlockImported, BlocksFinalized, ImportOrigin, PoolNotifier, RpcNotifier
from node.importer import (
    BadHeaderError,
    BlockImportError,
    ExecutionFailed,
    ExtrinsicsRootMismatch,
    ImportStatus,
    NotOnFinalizedChain,
    RewindRefused,
    StateRootMismatch,
    UnknownParentError,
)
from node.txpool import TransactionSource
from runtime.primitives.block import Block, Header
from storage.trie.root import ordered_trie_root
from tests.unit.node.chain_fixtures import (
    ALICE,
    BOB,
    CHARLIE,
    DAVE,
    ENDOWMENT,
    FEE,
    ListReady,
    Node,
    author_chain,
    block_inputs,
    bump_call,
    free_balance,
    make_node,
    make_pool,
    signed,
    transfer_call,
)


@pytest.fixture
def node(tmp_path: Path) -> Node:
    """A node over LevelDB in ``tmp_path``."""
    created = make_node(tmp_path / "db")
    yield created
    created.close()


def _resealed(block: Block, **fields: object) -> Block:
    """``block`` with header fields replaced and sealed again by //Alice."""
    header = dataclasses.replace(block.header.without_seal(), **fields)
    return Block(aura_sealer(ALICE)(header), block.extrinsics)


def _valid_block(node: Node) -> Block:
    """A valid, unimported child of the best block with two signed transfers."""
    txs = [signed(node.genesis_hash, ALICE, transfer_call(BOB, 7), 0),
           signed(node.genesis_hash, CHARLIE, transfer_call(DAVE, 9), 0)]
    return node.author.build(ready=ListReady(txs), **block_inputs(node)).block


def _tampered(node: Node, case: str, block: Block) -> Block:
    if case == "state_root":
        return _resealed(block, state_root=bytes(32))
    if case == "extrinsics_root":
        return _resealed(block, extrinsics_root=bytes(32))
    if case == "unknown_parent":
        return _resealed(block, parent_hash=b"\x11" * 32)
    if case == "wrong_number":
        return _resealed(block, number=block.header.number + 1)
    if case == "bad_seal":
        return Block(aura_sealer(BOB)(block.header.without_seal()), block.extrinsics)
    if case == "missing_seal":
        return Block(block.header.without_seal(), block.extrinsics)
    if case == "invalid_extrinsic":
        bad = bytearray(block.extrinsics[1])
        bad[40] ^= 0xFF  # inside the signature
        extrinsics = (block.extrinsics[0], bytes(bad), block.extrinsics[2])
        root = ordered_trie_root(list(extrinsics), 0)
        return Block(_resealed(block, extrinsics_root=root).header, extrinsics)
    if case == "dropped_extrinsic":
        extrinsics = block.extrinsics[:2]
        root = ordered_trie_root(list(extrinsics), 0)
        return Block(_resealed(block, extrinsics_root=root).header, extrinsics)
    raise AssertionError(case)


REFUSALS = [
    ("state_root", StateRootMismatch, "state root mismatch"),
    ("extrinsics_root", ExtrinsicsRootMismatch, "extrinsics root"),
    ("unknown_parent", UnknownParentError, "is unknown"),
    ("wrong_number", BadHeaderError, "does not follow parent"),
    ("bad_seal", BadHeaderError, "does not verify"),
    ("missing_seal", BadHeaderError, "Seal"),
    ("invalid_extrinsic", ExecutionFailed, "extrinsic 1 is invalid"),
    ("dropped_extrinsic", StateRootMismatch, "state root mismatch"),
]


@pytest.mark.parametrize("case, error, words", REFUSALS, ids=[r[0] for r in REFUSALS])
def test_tampered_block_is_refused_and_db_unchanged(node: Node, case: str,
                                                    error: type[BlockImportError],
                                                    words: str) -> None:
    author_chain(node, 1)
    block = _valid_block(node)
    bad = _tampered(node, case, block)
    before = node.snapshot()
    with pytest.raises(error) as refused:
        node.importer.import_block(bad)
    assert words in str(refused.value)
    assert f"#{bad.header.number} 0x{bad.hash().hex()}" in str(refused.value)
    assert node.snapshot() == before
    assert len(node.recorder.imported) == 1
    assert node.importer.fork_choice.best == before[0]
    assert node.importer.import_block(block).status is ImportStatus.IMPORTED
    assert node.chain.best_hash == block.hash()


def test_state_root_mismatch_reports_computed_root_and_changed_keys(node: Node) -> None:
    block = _valid_block(node)
    with pytest.raises(StateRootMismatch) as refused:
        node.importer.import_block(_resealed(block, state_root=b"\x22" * 32))
    assert refused.value.computed_root == block.header.state_root
    assert refused.value.header_root == b"\x22" * 32
    assert refused.value.changed_keys > 5


def test_known_block_is_shortcut_without_notifications(node: Node) -> None:
    (block,) = author_chain(node, 1)
    before = node.snapshot()
    result = node.importer.import_block(block)
    assert result.status is ImportStatus.ALREADY_KNOWN
    assert node.snapshot() == before and len(node.recorder.imported) == 1


def test_fifty_blocks_of_pool_transfers_apply_every_transfer(node: Node) -> None:
    pool = make_pool(node)
    node.chain.subscribe(PoolNotifier(pool, node.chain.header_and_body))
    senders = [ALICE, BOB, CHARLIE]
    for height in range(50):
        for position, sender in enumerate(senders):
            xt = signed(node.genesis_hash, sender, transfer_call(DAVE, height + position), height)
            pool.submit(TransactionSource.EXTERNAL, xt, node.chain.best_hash)
        node.author.author(pool=pool, **block_inputs(node))
    assert node.chain.best_number == 50 and pool.status().ready == 0
    received = sum(h + p for h in range(50) for p in range(3))
    assert free_balance(node, DAVE) == ENDOWMENT + received
    assert free_balance(node, ALICE) == ENDOWMENT - sum(range(50)) - 50 * FEE
    assert [e.number for e in node.recorder.imported] == list(range(1, 51))
    assert all(len(e.extrinsics) == 4 for e in node.recorder.imported)


def test_reopened_leveldb_continues_the_chain(tmp_path: Path) -> None:
    first = make_node(tmp_path / "db")
    blocks = author_chain(first, 10)
    fork = author_chain(first, 2, parent_hash=blocks[6].hash())  # an unfinalized side branch
    best, root = first.chain.best_hash, first.chain.state_root(first.chain.best_hash)
    first.close()
    again = make_node(tmp_path / "db")
    try:
        assert (again.chain.best_hash, again.chain.state_root(best)) == (best, root)
        assert fork[-1].hash() in again.importer.fork_choice.tree
        more = author_chain(again, 5)
        assert again.chain.best_number == 15 and again.chain.best_hash == more[-1].hash()
        longer = author_chain(again, 9, parent_hash=fork[-1].hash())
        assert again.chain.best_hash == longer[-1].hash() and again.chain.best_number == 18
    finally:
        again.close()


def test_fork_best_follows_longer_branch_and_route_reaches_listeners(node: Node) -> None:
    genesis = node.genesis_hash
    branch_a = author_chain(node, 3, txs_per_block=[[bump_call_xt(node, 0)], [], []])
    branch_b = author_chain(node, 3, parent_hash=genesis)
    assert node.chain.best_hash == branch_a[-1].hash()  # equal height: the first seen stays
    assert [e.is_new_best for e in node.recorder.imported[3:]] == [False, False, False]
    (b4,) = author_chain(node, 1, parent_hash=branch_b[-1].hash())
    assert node.chain.best_hash == b4.hash()
    route = node.recorder.imported[-1].route
    assert route is not None
    assert route.retracted == tuple(b.hash() for b in reversed(branch_a))
    assert route.enacted == tuple(b.hash() for b in [*branch_b, b4])
    assert route.common == genesis
    assert [node.chain.canonical_hash(n) for n in range(1, 5)] == [
        b.hash() for b in [*branch_b, b4]]
    assert free_balance(node, ALICE) == ENDOWMENT  # branch A's fee is gone with branch A


def bump_call_xt(node: Node, nonce: int) -> bytes:
    """Alice's signed ``bump(1)``."""
    return signed(node.genesis_hash, ALICE, bump_call(1), nonce)


def test_reorg_returns_retracted_transactions_to_the_pool(node: Node) -> None:
    pool = make_pool(node)
    node.chain.subscribe(PoolNotifier(pool, node.chain.header_and_body))
    xt = bump_call_xt(node, 0)
    pool.submit(TransactionSource.EXTERNAL, xt, node.genesis_hash)
    (a1,) = [node.author.author(pool=pool, **block_inputs(node)).block]
    assert a1.extrinsics[1] == xt and pool.status().ready == 0
    author_chain(node, 2, parent_hash=node.genesis_hash)
    assert node.chain.number(node.chain.best_hash) == 2
    assert [tx.data for tx in pool.ready()] == [xt]


def test_instant_finality_finalizes_each_best_block(tmp_path: Path) -> None:
    node = make_node(tmp_path / "db", instant_finality=True)
    try:
        blocks = author_chain(node, 3)
        assert node.chain.finalized_hash == blocks[-1].hash()
        assert [e.finalized for e in node.recorder.finalized] == [(b.hash(),) for b in blocks]
        assert len(node.importer.fork_choice.tree) == 1
        with pytest.raises(NotOnFinalizedChain):
            node.importer.import_block(author_chain_unimported(node, blocks[0].hash()))
    finally:
        node.close()


def author_chain_unimported(node: Node, parent_hash: bytes) -> Block:
    """A sealed child of ``parent_hash`` that is built but not imported."""
    return node.author.build(parent_hash, **block_inputs(node, parent_hash)).block


def test_finalizing_a_shorter_branch_moves_best_and_discards_the_other(node: Node) -> None:
    pool = make_pool(node)
    node.chain.subscribe(PoolNotifier(pool, node.chain.header_and_body))
    xt = bump_call_xt(node, 0)
    pool.submit(TransactionSource.EXTERNAL, xt, node.genesis_hash)
    node.author.author(pool=pool, **block_inputs(node))
    branch_a = author_chain(node, 3)
    branch_b = author_chain(node, 2, parent_hash=node.genesis_hash)
    extra = author_chain_unimported(node, branch_a[-1].hash())
    event = node.importer.finalize(branch_b[0].hash())
    assert event is not None and event.finalized == (branch_b[0].hash(),)
    assert event.best_route is not None and event.best_route.enacted[-1] == branch_b[-1].hash()
    assert node.chain.best_hash == branch_b[-1].hash() == node.importer.fork_choice.best
    assert node.chain.finalized_hash == branch_b[0].hash()
    assert not node.chain.contains(branch_a[0].hash())
    before = node.snapshot()
    with pytest.raises(UnknownParentError):
        node.importer.import_block(extra)
    assert node.snapshot() == before
    assert node.recorder.finalized == [event]
    assert [tx.data for tx in pool.ready()] == [xt] and node.chain.listener_errors == 0


def test_failing_listener_does_not_undo_or_block_the_import(node: Node) -> None:
    class Broken:
        def on_block_imported(self, event: BlockImported) -> None:
            raise RuntimeError("listener bug")

        def on_blocks_finalized(self, event: BlocksFinalized) -> None:
            raise RuntimeError("listener bug")

    node.chain.subscribe(Broken())
    late = []
    node.chain.subscribe(RpcNotifier(_Sink(late)))
    (block,) = author_chain(node, 1, finalize=True)
    assert node.chain.best_hash == block.hash() and node.chain.listener_errors == 2
    assert late == [("imported", block.hash(), True), ("finalized", block.hash(), None)]


@dataclasses.dataclass
class _Sink:
    """The notification side of the RPC chain reader, recorded."""

    calls: list[tuple[str, bytes, bool | None]]

    def notify_imported(self, block_hash: bytes, changes: object, *, best: bool) -> None:
        self.calls.append(("imported", block_hash, best))

    def notify_finalized(self, block_hash: bytes) -> None:
        self.calls.append(("finalized", block_hash, None))


def test_diff_states_lists_exactly_the_changed_keys(node: Node) -> None:
    blocks = author_chain(node, 3, txs_per_block=[[bump_call_xt(node, i)] for i in range(3)])
    a_root = node.chain.state_root(node.genesis_hash)
    b_root = node.chain.state_root(blocks[-1].hash())
    assert a_root is not None and b_root is not None
    differences = node.chain.diff_states(a_root, b_root)
    a_items = dict(node.db.state_at(node.genesis_hash).iter_items())
    b_items = dict(node.db.state_at(blocks[-1].hash()).iter_items())
    keys = a_items.keys() | b_items.keys()
    expected = sorted(k for k in keys if a_items.get(k) != b_items.get(k))
    assert [d.key for d in differences] == expected
    assert all((d.a_value, d.b_value) == (a_items.get(d.key), b_items.get(d.key))
               for d in differences)
    assert diff_states(node.db.nodes, b_root, b_root) == []
    assert len(node.chain.diff_states(a_root, b_root, limit=2)) == 2


def test_origin_and_changes_reach_listeners(node: Node) -> None:
    (block,) = author_chain(node, 1)
    event = node.recorder.imported[0]
    assert event.origin is ImportOrigin.OWN and event.block_hash == block.hash()
    assert event.changes and list(event.changes) == sorted(event.changes, key=lambda c: c[0])
    header = node.chain.header(block.hash())
    assert isinstance(header, Header) and node.chain.block(block.hash()) == block


def test_failed_commit_restores_fork_choice_and_allows_retry(node: Node,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    block = _valid_block(node)
    before = node.snapshot()
    choice_before = (dict(node.importer.fork_choice.tree), node.importer.fork_choice.best)

    def broken_commit(**_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(node.db, "commit_block", broken_commit)
    with pytest.raises(OSError, match="disk full"):
        node.importer.import_block(block)
    monkeypatch.undo()
    assert node.snapshot() == before and node.recorder.imported == []
    assert (dict(node.importer.fork_choice.tree), node.importer.fork_choice.best) == choice_before
    assert node.importer.import_block(block).is_new_best


def test_diff_states_across_two_databases(tmp_path: Path) -> None:
    ours, reference = make_node(tmp_path / "ours"), make_node(tmp_path / "reference")
    try:
        author_chain(ours, 1, txs_per_block=[[bump_call_xt(ours, 0)]])
        author_chain(reference, 1, txs_per_block=[[bump_call_xt(reference, 0),
                                                   bump_call_xt(reference, 1)]])
        a_root = ours.chain.state_root(ours.chain.best_hash)
        b_root = reference.chain.state_root(reference.chain.best_hash)
        assert a_root is not None and b_root is not None and a_root != b_root
        differences = diff_states(ours.db.nodes, a_root, b_root, b_nodes=reference.db.nodes)
        a_items = dict(ours.db.state_at(ours.chain.best_hash).iter_items())
        b_items = dict(reference.db.state_at(reference.chain.best_hash).iter_items())
        keys = a_items.keys() | b_items.keys()
        assert [d.key for d in differences] == sorted(
            k for k in keys if a_items.get(k) != b_items.get(k))
    finally:
        ours.close()
        reference.close()


def test_rewind_deletes_blocks_above_and_returns_their_transactions(node: Node) -> None:
    pool = make_pool(node)
    node.chain.subscribe(PoolNotifier(pool, node.chain.header_and_body))
    xts = [bump_call_xt(node, nonce) for nonce in range(4)]
    for xt in xts:
        pool.submit(TransactionSource.EXTERNAL, xt, node.chain.best_hash)
        node.author.author(pool=pool, **block_inputs(node))
    side = author_chain(node, 1, parent_hash=node.chain.canonical_hash(2))
    target = node.chain.canonical_hash(2)
    assert target is not None and pool.status().ready == 0
    retracted = [node.chain.canonical_hash(n) for n in (4, 3)]
    event = node.importer.rewind(target)
    assert event.retracted == tuple(retracted) and node.recorder.rewound == [event]
    assert node.chain.best_hash == target == node.importer.fork_choice.best
    assert not any(node.chain.contains(h) for h in [*retracted, side[0].hash()])
    assert [tx.data for tx in pool.ready()] == xts[2:]  # signatures are randomised: same bytes
    again = node.author.author(pool=pool, **block_inputs(node))
    assert again.result.is_new_best and len(again.block.extrinsics) == 3
    assert node.chain.listener_errors == 0


def test_rewind_to_a_non_ancestor_is_refused_and_changes_nothing(node: Node) -> None:
    author_chain(node, 3)
    (side,) = author_chain(node, 1, parent_hash=node.genesis_hash)
    before = node.snapshot()
    for target in (side.hash(), b"\x05" * 32):
        with pytest.raises(RewindRefused):
            node.importer.rewind(target)
    assert node.snapshot() == before and node.recorder.rewound == []
