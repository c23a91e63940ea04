"""The Aura slot worker of a validator on a multi-node network: wake at each slot, author if ours.

At the start of every slot (``slot * slot_duration`` ms of Unix time) the worker reads the Aura
authorities at the best block, finds whether one of the local sr25519 keys owns the slot
(``authorities[slot % n]``) and, if so, calls the node's ``author_block(claim)`` coroutine, which
builds on the best block with the timestamp ``claim.timestamp_ms`` (the slot start), puts
:func:`consensus.aura.slot_digest` first in the digest, seals with
:func:`consensus.aura.seal_header` and imports. ``claim.deadline_ms`` tells the builder when to
stop adding extrinsics (two thirds of the slot, like Substrate's default block proposal share),
so the block can still propagate in its slot. Slots missed while the worker was busy are
skipped, never authored late.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from consensus.aura import claim_slot, slot_at, slot_start_ms
from consensus.sealing import Clock, Sleep, system_clock_ms
from runtime.primitives.keys import Keypair


@dataclass(frozen=True, slots=True)
class SlotClaim:
    """A slot the local node owns: the slot, its start (the block timestamp), the deadline for
    proposing, and the key that must seal."""

    slot: int
    timestamp_ms: int
    deadline_ms: int
    author: Keypair


def proposal_deadline_ms(slot: int, slot_duration_ms: int) -> int:
    """When block building must stop in ``slot``: two thirds into it."""
    return slot_start_ms(slot, slot_duration_ms) + slot_duration_ms * 2 // 3


def ms_until_next_slot(now_ms: int, slot_duration_ms: int) -> int:
    """Milliseconds from ``now_ms`` to the start of the next slot (never 0)."""
    return slot_duration_ms - now_ms % slot_duration_ms


def claim_for(slot: int, slot_duration_ms: int, authorities: Sequence[bytes],
              local_keys: Sequence[Keypair]) -> SlotClaim | None:
    """The claim of ``slot`` if one of ``local_keys`` is its author."""
    author = claim_slot(slot, authorities, local_keys)
    if author is None:
        return None
    return SlotClaim(slot, slot_start_ms(slot, slot_duration_ms),
                     proposal_deadline_ms(slot, slot_duration_ms), author)


class SlotWorker:
    """Async loop over slots; ``authorities()`` gives the Aura keys at the best block."""

    def __init__(self, slot_duration_ms: int, local_keys: Sequence[Keypair],
                 authorities: Callable[[], Sequence[bytes]],
                 author_block: Callable[[SlotClaim], Awaitable[Any]],
                 clock: Clock = system_clock_ms, sleep: Sleep = asyncio.sleep,
                 on_error: Callable[[BaseException], None] | None = None) -> None:
        self.slot_duration_ms = slot_duration_ms
        self.local_keys = tuple(local_keys)
        self._authorities = authorities
        self._author = author_block
        self._clock = clock
        self._sleep = sleep
        self._on_error = on_error
        self._stopped = False
        self.last_slot = -1
        self.claimed: list[int] = []

    def stop(self) -> None:
        """End :meth:`run` at the next slot boundary."""
        self._stopped = True

    async def run(self) -> None:
        """Wait for each slot start and author the slots we own, until :meth:`stop`."""
        while not self._stopped:
            await self._sleep(ms_until_next_slot(self._clock(), self.slot_duration_ms) / 1000)
            if self._stopped:
                return
            await self.on_slot(slot_at(self._clock(), self.slot_duration_ms))

    async def on_slot(self, slot: int) -> SlotClaim | None:
        """Handle one slot (each slot at most once); the claim if we authored it."""
        if slot <= self.last_slot:
            return None
        self.last_slot = slot
        claim = claim_for(slot, self.slot_duration_ms, self._authorities(), self.local_keys)
        if claim is None:
            return None
        self.claimed.append(slot)
        try:
            await self._author(claim)
        except Exception as exc:
            if self._on_error is None:
                raise
            self._on_error(exc)
        return claim
