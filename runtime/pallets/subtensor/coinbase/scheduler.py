"""When subnet epochs run: the stateful scheduler of ``drain_pending`` (spec §3.6).

Reference: ``pallets/subtensor/src/coinbase/run_coinbase.rs`` (``should_run_epoch``,
``blocks_until_next_auto_epoch``, ``get_next_epoch_start_block``, ``drain_pending``) and
``lib.rs`` (``MAX_TEMPO``). Pure decisions over plain values; the pallet reads and writes
``LastEpochBlock``, ``PendingEpochAt``, ``BlocksSinceLastStep``, ``SubnetEpochIndex``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

U64_MAX = (1 << 64) - 1
MAX_TEMPO = 50_400
"""``MAX_TEMPO``: also the ``BlocksSinceLastStep`` safety net."""

DEFAULT_MAX_EPOCHS_PER_BLOCK = 2


def blocks_until_next_auto_epoch(last_epoch_block: int, tempo: int, block: int) -> int:
    """max(0, LastEpochBlock + tempo − block), saturating in u64; u64::MAX when tempo is 0."""
    if tempo == 0:
        return U64_MAX
    return max(min(last_epoch_block + tempo, U64_MAX) - block, 0)


def next_epoch_start_block(last_epoch_block: int, tempo: int, pending_epoch_at: int) -> int | None:
    """``get_next_epoch_start_block``: the automatic slot, or an earlier triggered one."""
    if tempo == 0:
        return None
    auto_next = min(last_epoch_block + tempo, U64_MAX)
    return min(auto_next, pending_epoch_at) if pending_epoch_at > 0 else auto_next


def initial_last_epoch_block(now: int, netuid: int, tempo: int) -> int:
    """``LastEpochBlock`` of a newly registered subnet: now − (netuid mod max(tempo, 1)),
    saturating at 0 (subnets/subnet.rs, the per-netuid stagger)."""
    return max(now - netuid % max(tempo, 1), 0)


def should_run_epoch(tempo: int, pending_epoch_at: int, blocks_since_last_step: int,
                     last_epoch_block: int, current_block: int) -> bool:
    """``should_run_epoch``: tempo ≠ 0 and (a due trigger, the MAX_TEMPO safety net, or
    block − LastEpochBlock ≥ tempo). ``blocks_since_last_step`` is the already-incremented
    counter when called from ``drain_pending``.
    """
    if tempo == 0:
        return False
    if 0 < pending_epoch_at <= current_block:
        return True
    if blocks_since_last_step > MAX_TEMPO:
        return True
    return max(current_block - last_epoch_block, 0) >= tempo


def legacy_blocks_until_next_epoch(netuid: int, tempo: int, block: int) -> int:
    """The pre-dynamic-tempo formula clients still assume: tempo − ((block + netuid + 1) mod
    (tempo + 1)); u64::MAX for tempo 0 (spec §3.6 "Legacy formula")."""
    if tempo == 0:
        return U64_MAX
    return tempo - (block + netuid + 1) % (tempo + 1)


class EpochAction(Enum):
    """What ``drain_pending`` does with one subnet this block."""

    IDLE = "idle"
    RUN = "run"
    SKIPPED = "skipped"
    DEFERRED = "deferred"


@dataclass(frozen=True, slots=True)
class EpochSchedule:
    """One subnet's scheduler state (storage values) going into ``drain_pending``."""

    netuid: int
    tempo: int
    last_epoch_block: int
    pending_epoch_at: int
    blocks_since_last_step: int
    epoch_index: int
    input_consistent: bool = True


@dataclass(frozen=True, slots=True)
class EpochDecision:
    """The new scheduler state of one subnet and the action taken."""

    netuid: int
    action: EpochAction
    last_epoch_block: int
    pending_epoch_at: int
    blocks_since_last_step: int
    epoch_index: int


def _decide(state: EpochSchedule, block: int, cap_reached: bool) -> EpochDecision:
    """One iteration of ``drain_pending``'s loop for one subnet."""
    since = min(state.blocks_since_last_step + 1, U64_MAX)
    if not should_run_epoch(state.tempo, state.pending_epoch_at, since,
                            state.last_epoch_block, block):
        return EpochDecision(state.netuid, EpochAction.IDLE, state.last_epoch_block,
                             state.pending_epoch_at, since, state.epoch_index)
    if cap_reached:
        return EpochDecision(state.netuid, EpochAction.DEFERRED, state.last_epoch_block,
                             min(block + 1, U64_MAX), since, state.epoch_index)
    action = EpochAction.RUN if state.input_consistent else EpochAction.SKIPPED
    return EpochDecision(state.netuid, action, block, 0,
                         0 if state.input_consistent else since,
                         min(state.epoch_index + 1, U64_MAX))


def schedule_epochs(states: Sequence[EpochSchedule], block: int,
                    max_epochs_per_block: int = DEFAULT_MAX_EPOCHS_PER_BLOCK,
                    ) -> list[EpochDecision]:
    """``drain_pending``'s decisions for the non-root subnets in iteration order (spec §3.6).

    Every subnet's BlocksSinceLastStep is incremented first. Due subnets beyond the per-block
    cap are DEFERRED (PendingEpochAt := block + 1, nothing else changes). Within the cap a
    consistent subnet RUNs (its pending emission is drained, BlocksSinceLastStep := 0) and
    counts toward the cap; an inconsistent one is SKIPPED and does *not* count. RUN and SKIPPED
    both set LastEpochBlock := block, PendingEpochAt := 0 and increment SubnetEpochIndex.
    """
    decisions = []
    ran = 0
    for state in states:
        decision = _decide(state, block, ran >= max_epochs_per_block)
        if decision.action is EpochAction.RUN:
            ran += 1
        decisions.append(decision)
    return decisions
