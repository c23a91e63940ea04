"""The Aura slot worker: claims, deadlines and the slot loop under a fake clock."""

from __future__ import annotations

import asyncio

from consensus.aura import check_aura_header, seal_header, slot_digest
from consensus.slots import (
    SlotClaim,
    SlotWorker,
    claim_for,
    ms_until_next_slot,
    proposal_deadline_ms,
)
from runtime.primitives.block import Digest, Header
from tests.unit.consensus.helpers import ALICE, BOB, genesis


class FakeTime:
    """A clock in ms and a sleep that advances it."""

    def __init__(self, now: int) -> None:
        self.now = now

    def clock(self) -> int:
        """The fake time."""
        return self.now

    async def sleep(self, seconds: float) -> None:
        """Advance by ``seconds``."""
        self.now += round(seconds * 1000)
        await asyncio.sleep(0)


def test_slot_timing_helpers() -> None:
    assert ms_until_next_slot(12_000, 12_000) == 12_000
    assert ms_until_next_slot(12_001, 12_000) == 11_999
    assert proposal_deadline_ms(2, 12_000) == 32_000


def test_claim_for_owned_and_foreign_slots() -> None:
    authorities = [ALICE.public_key, BOB.public_key]
    claim = claim_for(4, 250, authorities, [ALICE])
    assert claim == SlotClaim(4, 1000, 1166, ALICE)
    assert claim_for(5, 250, authorities, [ALICE]) is None


def test_worker_authors_only_own_slots_and_blocks_verify() -> None:
    async def scenario() -> list[Header]:
        time = FakeTime(10)
        authorities = [ALICE.public_key, BOB.public_key]
        parent = genesis()
        built: list[Header] = []

        async def author(claim: SlotClaim) -> None:
            nonlocal parent
            header = Header(parent.hash(), parent.number + 1, b"\x01" * 32, b"\x02" * 32,
                            Digest((slot_digest(claim.slot),)))
            parent = seal_header(header, claim.author)
            built.append(parent)

        worker = SlotWorker(250, [ALICE], lambda: authorities, author, time.clock, time.sleep)
        task = asyncio.create_task(worker.run())
        while time.now < 2_000:
            await asyncio.sleep(0)
        worker.stop()
        await task
        assert worker.claimed == [slot for slot in range(1, worker.last_slot + 1)
                                  if slot % 2 == 0]
        return built

    built = asyncio.run(scenario())
    parent_slot = 0
    for header in built:
        check = check_aura_header(header, [ALICE.public_key, BOB.public_key], parent_slot, None)
        assert check.author_index == 0
        parent_slot = check.slot


def test_worker_same_slot_twice_authors_once() -> None:
    async def scenario() -> None:
        calls: list[int] = []

        async def author(claim: SlotClaim) -> None:
            calls.append(claim.slot)

        worker = SlotWorker(250, [ALICE], lambda: [ALICE.public_key], author)
        assert await worker.on_slot(7) is not None
        assert await worker.on_slot(7) is None
        assert await worker.on_slot(6) is None
        assert calls == [7]

    asyncio.run(scenario())


def test_worker_author_error_goes_to_on_error() -> None:
    async def scenario() -> None:
        errors: list[BaseException] = []

        async def author(claim: SlotClaim) -> None:
            raise RuntimeError("build failed")

        worker = SlotWorker(250, [ALICE], lambda: [ALICE.public_key], author,
                            on_error=errors.append)
        await worker.on_slot(3)
        assert len(errors) == 1

    asyncio.run(scenario())
