"""The dev-chain flow end to end, as the node wires it: sealing trigger -> slot and timestamp ->
Aura seal by //Alice -> the one header verifier -> fork choice -> GRANDPA justification."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from consensus.aura import FAST_SLOT_DURATION_MS, seal_header, slot_digest
from consensus.fork_choice import ForkChoice
from consensus.grandpa import (
    AuthoritySet,
    encode_justifications,
    finalize_with_local_keys,
    grandpa_justification_of,
    verify_justification,
)
from consensus.sealing import (
    SealingDriver,
    SealingMode,
    SealingPolicy,
    SealOrder,
    SealRequest,
    dev_block_slot,
)
from consensus.verify import HeaderVerifier
from runtime.primitives.block import Digest, Header
from runtime.primitives.keys import dev_account
from tests.unit.consensus.helpers import MemoryChain, genesis

ALICE = dev_account("Alice")


@dataclass
class DevNode:
    """The node side of the flow, reduced to headers (the runtime would execute in between)."""

    now_ms: int = 1_700_000_000_000
    chain: MemoryChain = field(default_factory=MemoryChain)
    pool: list[bytes] = field(default_factory=list)
    timestamps: dict[bytes, int] = field(default_factory=dict)
    justifications: dict[bytes, bytes] = field(default_factory=dict)
    grandpa_round: int = 0

    def __post_init__(self) -> None:
        root = self.chain.add(genesis())
        self.timestamps[root.hash()] = 0
        self.fork_choice = ForkChoice(root.hash())
        self.verifier = HeaderVerifier(self.chain, clock=lambda: self.now_ms,
                                       slot_duration_ms=FAST_SLOT_DURATION_MS,
                                       check_future_slots=False)
        self.grandpa_set = AuthoritySet.from_weights([(ALICE.ed25519.public_key, 1)])

    async def author_block(self, order: SealOrder) -> bytes:
        """Build, seal, verify, import and (when asked) finalise one block."""
        parent = self.chain.header_by_hash(order.parent_hash or self.fork_choice.best)
        assert parent is not None
        timestamp, slot = dev_block_slot(self.timestamps[parent.hash()], self.now_ms,
                                         FAST_SLOT_DURATION_MS)
        body_root = bytes([len(self.pool)]) * 32
        self.pool.clear()
        header = Header(parent.hash(), parent.number + 1, b"\x01" * 32, body_root,
                        Digest((slot_digest(slot),)))
        sealed = seal_header(header, ALICE.sr25519)
        verified = self.verifier.verify(sealed, [ALICE.sr25519.public_key])
        self.chain.add(sealed)
        self.timestamps[verified.block_hash] = timestamp
        self.fork_choice.import_block(verified.block_hash, verified.parent_hash, verified.number)
        if order.finalize:
            self.grandpa_round += 1
            justification = finalize_with_local_keys(verified.block_hash, verified.number,
                                                     self.grandpa_round, self.grandpa_set,
                                                     [ALICE.ed25519])
            self.justifications[verified.block_hash] = encode_justifications(
                [(b"FRNK", justification.encode())])
            self.fork_choice.finalize(verified.block_hash)
        return verified.block_hash


def test_dev_chain_instant_and_manual_blocks_verify_and_finalize() -> None:
    async def scenario() -> DevNode:
        node = DevNode()
        driver = SealingDriver(SealingPolicy(SealingMode.INSTANT), node.author_block,
                               lambda: len(node.pool), clock=lambda: node.now_ms)
        task = asyncio.create_task(driver.run())
        for _ in range(3):  # three transactions in the same millisecond: three blocks
            node.pool.append(b"tx")
            driver.notify_transaction()
            while node.pool:
                await asyncio.sleep(0)
        await driver.request_seal(SealRequest(create_empty=True, finalize=False))
        driver.stop()
        await task
        return node

    node = asyncio.run(scenario())
    best = node.chain.header_by_hash(node.fork_choice.best)
    assert best is not None and best.number == 4
    assert node.fork_choice.finalized != node.fork_choice.best  # the last one was not finalised
    slots, header = [], best
    while header.number > 0:
        slots.append(node.verifier.verify(header, [ALICE.sr25519.public_key]).slot)
        header = node.chain.header_by_hash(header.parent_hash)
    assert slots == sorted(slots, reverse=True) and len(set(slots)) == 4
    for block_hash, container in node.justifications.items():
        raw = grandpa_justification_of(container)
        assert raw is not None
        number = node.fork_choice.number_of(block_hash)
        verify_justification(raw, node.grandpa_set, 0, (block_hash, number))
