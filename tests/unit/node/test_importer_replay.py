"""Replay: re-import a stored chain into a fresh database, re-checking every state root; on a
mismatch, name the differing keys by pallet and item."""

from __future__ import annotations

from pathlib import Path

from node.chain import Chain, describe_key, storage_names
from node.importer import BlockImporter, StateRootMismatch, UnknownParentError, replay
from runtime.executive import Executive
from runtime.extrinsic.validity import InvalidTransaction
from runtime.frame import system
from runtime.frame.dispatch import DispatchInfo, PostDispatchInfo
from runtime.primitives.externalities import Externalities
from tests.unit.node.chain_fixtures import (
    ALICE,
    BOB,
    FEE,
    RUNTIME,
    VERSION,
    FlatFee,
    author_chain,
    bump_call,
    make_node,
    open_db,
    signed,
    transfer_call,
)


class DoubleFee(FlatFee):
    """A runtime that disagrees with the reference: it charges the fee twice."""

    def withdraw_fee(self, ext: Externalities, who: bytes, info: DispatchInfo, length: int,
                     tip: int) -> object | InvalidTransaction:
        """Take FEE twice."""
        super().withdraw_fee(ext, who, info, length, tip)
        return super().withdraw_fee(ext, who, info, length, tip)

    def settle_fee(self, ext: Externalities, charge: object, info: DispatchInfo,
                   post_info: PostDispatchInfo, length: int) -> None:
        """Nothing to refund."""


def _reference(path: Path):  # type: ignore[no-untyped-def]
    node = make_node(path)
    genesis = node.genesis_hash
    author_chain(node, 4, txs_per_block=[
        [], [signed(genesis, ALICE, transfer_call(BOB, 5), 0)],
        [signed(genesis, ALICE, bump_call(2), 1)], []])
    return node


def test_replay_into_a_fresh_database_rechecks_every_root(tmp_path: Path) -> None:
    reference = _reference(tmp_path / "reference")
    fresh = make_node(tmp_path / "fresh")
    try:
        report = replay(reference.chain, fresh.importer)
        assert (report.blocks, report.extrinsics, report.error) == (4, 6, None)
        best = reference.chain.best_hash
        assert fresh.chain.best_hash == best
        assert fresh.chain.state_root(best) == reference.chain.state_root(best)
        assert all(e.origin.value == "file" for e in fresh.recorder.imported)
    finally:
        reference.close()
        fresh.close()


def test_replay_with_a_disagreeing_runtime_names_the_differing_keys(tmp_path: Path) -> None:
    reference = _reference(tmp_path / "reference")
    db = open_db(tmp_path / "other")
    chain = Chain(db, VERSION.state_version)
    importer = BlockImporter(chain, Executive(RUNTIME, VERSION, DoubleFee()))
    try:
        before = list(db.kv.items())
        report = replay(reference.chain, importer, start=2)
        assert report.blocks == 0 and isinstance(report.error, UnknownParentError)
        assert list(db.kv.items()) == before
        report = replay(reference.chain, importer)
        assert report.blocks == 1 and isinstance(report.error, StateRootMismatch)
        assert "#2" in str(report.error)
        names = storage_names(RUNTIME.pallets)
        described = [describe_key(d.key, names) for d in report.differences]
        alice_key = system.Account.storage_key(ALICE.account_id)
        assert [d.key for d in report.differences] == [alice_key]
        assert described == [f"System.Account 0x{alice_key[32:].hex()}"]
        ours, stored = report.differences[0].a_value, report.differences[0].b_value
        assert ours is not None and stored is not None
        free = system.Account.value_type.decode
        assert free(stored).data.free - free(ours).data.free == FEE
        assert chain.best_number == 1
    finally:
        importer.close()
        db.close()
        reference.close()
