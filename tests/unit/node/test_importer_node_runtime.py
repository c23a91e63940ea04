"""The importer and author over the assembled runtime: dev genesis, Timestamp inherent, Aura slot
and seal checked against the authorities stored at the parent, TransactionPayment fees, the
runtime's own ``validate_transaction`` as the pool validator, LevelDB."""

from __future__ import annotations

from pathlib import Path

import pytest

from chainspec.genesis import commit_genesis
from chainspec.raw import RawChainSpec
from consensus.aura import slot_digest
from consensus.verify import HeaderVerifier
from node.author import BlockAuthor, aura_sealer
from node.chain import Chain
from node.events import ImportOrigin, PoolNotifier
from node.importer import AuraSealCheck, BlockImporter, StateRootMismatch
from node.txpool import TransactionPool, TransactionSource, decode_validity
from runtime.extrinsic.format import UncheckedExtrinsic
from runtime.extrinsic.validity import TransactionSource as RuntimeSource
from runtime.extrinsic.validity import encode_transaction_validity
from runtime.frame import system
from runtime.genesis import DEV_ENDOWMENT
from runtime.pallets.aura import pallet as aura
from runtime.primitives.block import Block
from runtime.validation import validate_transaction
from storage.chain_db import ChainDB
from storage.trie.root import ordered_trie_root
from tests.unit.runtime.test_apis_support import (
    ALICE,
    BOB,
    CHARLIE,
    NODE,
    SLOT,
    genesis_state,
    runtime_call,
    signed,
    transfer_keep_alive,
)

AMOUNT = 3 * 10**9


class RealNode:
    """Chain, importer, author and pool over the assembled runtime."""

    def __init__(self, path: Path, *, pool_listener: bool = True) -> None:
        ext, self.genesis_hash = genesis_state()
        self.db = ChainDB.open_leveldb(path)
        genesis = commit_genesis(self.db, RawChainSpec(
            {key: value for key, value in ext.changes() if value is not None}), 1)
        assert genesis.hash == self.genesis_hash
        self.chain = Chain(self.db, NODE.version.state_version)
        verifier = HeaderVerifier(self.chain, clock=lambda: 0,
                                  slot_duration_ms=aura.slot_duration(), check_future_slots=False)
        seal_check = AuraSealCheck(verifier, self.authorities)
        self.importer = BlockImporter(self.chain, NODE.executive, seal_check=seal_check)
        self.author = BlockAuthor(self.chain, NODE.executive, self.importer)
        self.pool = TransactionPool(self.validate)
        if pool_listener:
            self.chain.subscribe(PoolNotifier(self.pool, self.chain.header_and_body))

    def authorities(self, parent_hash: bytes) -> list[bytes]:
        """Aura authorities stored at the parent (what ``AuraApi_authorities`` answers)."""
        return aura.authorities(self.db.overlay_at(parent_hash))

    def validate(self, source: TransactionSource, extrinsic: bytes, at: bytes):  # type: ignore[no-untyped-def]
        """The runtime's ``TaggedTransactionQueue_validate_transaction`` at ``at``."""
        validity = validate_transaction(NODE.executive, self.db.overlay_at(at),
                                        RuntimeSource(int(source)), extrinsic, at)
        return decode_validity(encode_transaction_validity(validity))

    def free(self, who: bytes) -> int:
        """Free balance at the best block."""
        raw = self.db.reader_at(self.chain.best_hash).get(system.Account.storage_key(who))
        assert raw is not None
        return int(system.Account.value_type.decode(raw).data.free)

    def inputs(self) -> dict[str, object]:
        """Timestamp inherent, Aura slot and //Alice's seal for the next block."""
        slot = SLOT + self.chain.best_number + 1
        now = slot * aura.slot_duration()
        stamp = UncheckedExtrinsic(runtime_call("Timestamp", "set", {"now": now})).encode()
        return {"inherents": [stamp], "pre_digest": [slot_digest(slot)],
                "seal": aura_sealer(ALICE.sr25519)}


@pytest.fixture
def nodes(tmp_path: Path) -> tuple[RealNode, RealNode]:
    """A producing node and a replica."""
    producer, replica = RealNode(tmp_path / "producer"), RealNode(tmp_path / "replica")
    yield producer, replica
    for node in (producer, replica):
        node.importer.close()
        node.db.close()


def test_dev_blocks_with_transfers_replay_on_a_replica(nodes: tuple[RealNode, RealNode]) -> None:
    producer, replica = nodes
    blocks = []
    for nonce in range(3):
        xt = signed(BOB.sr25519, transfer_keep_alive(CHARLIE.account_id, AMOUNT), nonce,
                    producer.genesis_hash)
        producer.pool.submit(TransactionSource.EXTERNAL, xt, producer.chain.best_hash)
        authored = producer.author.author(pool=producer.pool, **producer.inputs())
        assert len(authored.block.extrinsics) == 2 and producer.pool.status().ready == 0
        blocks.append(authored.block)
    for block in blocks:
        assert replica.importer.import_block(block, ImportOrigin.NETWORK_SYNC).is_new_best
    best = producer.chain.best_hash
    assert replica.chain.best_hash == best and replica.chain.best_number == 3
    assert replica.chain.state_root(best) == producer.chain.state_root(best)
    assert replica.free(CHARLIE.account_id) == DEV_ENDOWMENT + 3 * AMOUNT
    assert replica.free(BOB.account_id) < DEV_ENDOWMENT - 3 * AMOUNT  # fees were paid


def test_dropped_transfer_is_refused_by_the_replica(nodes: tuple[RealNode, RealNode]) -> None:
    producer, replica = nodes
    xt = signed(BOB.sr25519, transfer_keep_alive(CHARLIE.account_id, AMOUNT), 0,
                producer.genesis_hash)
    producer.pool.submit(TransactionSource.EXTERNAL, xt, producer.chain.best_hash)
    block = producer.author.author(pool=producer.pool, **producer.inputs()).block
    kept = block.extrinsics[:1]
    header = block.header.without_seal()
    forged_header = type(header)(header.parent_hash, header.number, header.state_root,
                                 ordered_trie_root(list(kept), 0), header.digest)
    forged = Block(aura_sealer(ALICE.sr25519)(forged_header), kept)
    before = (replica.chain.best_hash, list(replica.db.kv.items()))
    with pytest.raises(StateRootMismatch, match="#1"):
        replica.importer.import_block(forged)
    assert (replica.chain.best_hash, list(replica.db.kv.items())) == before
    assert replica.importer.import_block(block).is_new_best
