"""Which subnets' epochs run this block, over storage (spec §3.6), and the owner trigger.

Reference: ``coinbase/run_coinbase.rs`` (``drain_pending``, ``distribute_emissions_to_subnets``)
and ``subnets/epoch_trigger.rs`` (``do_trigger_epoch``) at subtensor 14bc6f9. The decisions are
:func:`runtime.pallets.subtensor.coinbase.scheduler.schedule_epochs`; this module reads their
inputs from storage and writes their results back.

Per non-root subnet, in ``NetworksAdded`` storage-key order (little-endian netuid bytes):

* ``BlocksSinceLastStep`` := its incremented value (0 for a subnet whose epoch runs);
* due beyond the per-block cap ``MaxEpochsPerBlock``: ``PendingEpochAt := block + 1`` and
  ``EpochDeferred(netuid, block, block + 1)``;
* due within the cap, consistent (no hotkey on two uids): the four pending accumulators
  (``PendingServerEmission``, ``PendingValidatorEmission``, ``PendingRootAlphaDivs``,
  ``PendingOwnerCut``) are taken and zeroed and returned as a :class:`DrainedEmission`;
* due within the cap, inconsistent: nothing is drained, ``EpochSkipped(netuid, block)``;
* run or skipped: ``LastEpochBlock := block``, ``PendingEpochAt := 0``,
  ``SubnetEpochIndex += 1``.

Not done here: ``change_subnet_owner_if_needed`` (conviction locks, §3.10), which the reference
calls for each drained subnet, and the payments of ``distribute_emission`` (§3.9 steps 2–5),
which plug in through the ``distribute`` callback of :func:`run_epochs_for_block`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from runtime.frame.dispatch import DispatchError
from runtime.frame.system import deposit_event
from runtime.pallets.subtensor import errors, events
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.coinbase.scheduler import (
    EpochAction,
    EpochDecision,
    EpochSchedule,
    blocks_until_next_auto_epoch,
    schedule_epochs,
    should_run_epoch,
)
from runtime.pallets.subtensor.epoch_runner import SubnetEpochResult, run_subnet_epochs
from runtime.pallets.subtensor.epoch_runner.inputs import read_keys
from runtime.primitives.externalities import Externalities

U64_MAX = (1 << 64) - 1
ROOT_NETUID = 0


@dataclass(frozen=True, slots=True)
class DrainedEmission:
    """A subnet's pending emission taken for this block's epoch (spec §3.9 inputs)."""

    netuid: int
    server: int
    validator: int
    root: int
    owner_cut: int

    @property
    def epoch_emission(self) -> int:
        """What the epoch splits: server + validator + root (the owner cut excluded, §3.7)."""
        return min(self.server + self.validator + self.root, U64_MAX)


Distribute = Callable[[Externalities, DrainedEmission, SubnetEpochResult], None]
"""The coinbase's ``distribute_emission`` payments for one subnet (spec §3.9 steps 2–5)."""


def subnets_in_order(ext: Externalities) -> list[int]:
    """Every non-root netuid of ``NetworksAdded`` in storage-key order (spec §0.3)."""
    return [int(netuid) for (netuid,), _added in st.NetworksAdded.iter(ext)
            if int(netuid) != ROOT_NETUID]


def read_schedule(ext: Externalities, netuid: int, block: int) -> EpochSchedule:
    """The scheduler state of ``netuid``; hotkeys are checked only when its epoch is due."""
    tempo = int(st.Tempo.get(ext, netuid))
    last = int(st.LastEpochBlock.get(ext, netuid))
    pending = int(st.PendingEpochAt.get(ext, netuid))
    since = int(st.BlocksSinceLastStep.get(ext, netuid))
    due = should_run_epoch(tempo, pending, min(since + 1, U64_MAX), last, block)
    consistent = read_keys(ext, netuid).consistent if due else True
    return EpochSchedule(netuid, tempo, last, pending, since,
                         int(st.SubnetEpochIndex.get(ext, netuid)), consistent)


PENDING_ITEMS = (st.PendingServerEmission, st.PendingValidatorEmission, st.PendingRootAlphaDivs,
                 st.PendingOwnerCut)


def _take_pending(ext: Externalities, netuid: int) -> DrainedEmission:
    """Read the four accumulators and store 0 in each (stored, not removed, as the chain does)."""
    amounts = [int(item.get(ext, netuid)) for item in PENDING_ITEMS]
    for item in PENDING_ITEMS:
        item.insert(ext, netuid, 0)
    return DrainedEmission(netuid, *amounts)


def apply_decision(ext: Externalities, decision: EpochDecision, block: int
                   ) -> DrainedEmission | None:
    """Write one subnet's scheduler decision; return its drained emission if its epoch runs."""
    netuid = decision.netuid
    st.BlocksSinceLastStep.insert(ext, netuid, decision.blocks_since_last_step)
    if decision.action is EpochAction.IDLE:
        return None
    st.PendingEpochAt.insert(ext, netuid, decision.pending_epoch_at)
    if decision.action is EpochAction.DEFERRED:
        deposit_event(ext, events.EpochDeferred(netuid, block, decision.pending_epoch_at))
        return None
    drained = None
    if decision.action is EpochAction.RUN:
        drained = _take_pending(ext, netuid)
    else:
        deposit_event(ext, events.EpochSkipped(netuid, block))
    st.LastEpochBlock.insert(ext, netuid, decision.last_epoch_block)
    st.SubnetEpochIndex.insert(ext, netuid, decision.epoch_index)
    return drained


def read_schedules(ext: Externalities, block: int) -> list[EpochSchedule]:
    """The scheduler state of every non-root subnet, in iteration order."""
    return [read_schedule(ext, netuid, block) for netuid in subnets_in_order(ext)]


def epochs_deferred_this_block(ext: Externalities, block: int) -> set[int]:
    """The due subnets the per-block cap will defer this block, read without writing (their
    timelocked reveals wait too, spec §3.1 step 4)."""
    decisions = schedule_epochs(read_schedules(ext, block), block,
                                int(st.MaxEpochsPerBlock.get(ext)))
    return {d.netuid for d in decisions if d.action is EpochAction.DEFERRED}


def drain_pending(ext: Externalities, block: int) -> list[DrainedEmission]:
    """``drain_pending``: decide and record this block's epochs; return the drained subnets in
    iteration order (at most ``MaxEpochsPerBlock`` of them)."""
    cap = int(st.MaxEpochsPerBlock.get(ext))
    drained = []
    for decision in schedule_epochs(read_schedules(ext, block), block, cap):
        taken = apply_decision(ext, decision, block)
        if taken is not None:
            drained.append(taken)
    return drained


def run_epochs_for_block(ext: Externalities, block: int, distribute: Distribute | None = None
                         ) -> list[tuple[DrainedEmission, SubnetEpochResult]]:
    """``drain_pending`` then, per drained subnet in order: its epochs on the drained
    server + validator + root emission (:func:`run_subnet_epochs`), the coinbase's payments
    (``distribute``, when given) and ``LastMechansimStepBlock := block``."""
    results = []
    for drained in drain_pending(ext, block):
        result = run_subnet_epochs(ext, drained.netuid, drained.epoch_emission)
        if distribute is not None:
            distribute(ext, drained, result)
        st.LastMechansimStepBlock.insert(ext, drained.netuid, block)
        results.append((drained, result))
    return results


def schedule_triggered_epoch(ext: Externalities, netuid: int, who: bytes, block: int
                             ) -> DispatchError | None:
    """The storage part of ``trigger_epoch`` after the owner-origin check (spec §3.6).

    Checks in order: commit-reveal off (``DynamicTempoBlockedByCommitReveal``), no trigger
    pending (``EpochTriggerAlreadyPending``), the automatic epoch at least ``AdminFreezeWindow``
    blocks away (``AutoEpochAlreadyImminent``). Effects: ``PendingEpochAt := block + window``;
    event ``EpochTriggered(netuid, who, fires_at)``. The owner rate limit stays with the call.
    """
    if st.CommitRevealWeightsEnabled.get(ext, netuid):
        return errors.DynamicTempoBlockedByCommitReveal()
    if int(st.PendingEpochAt.get(ext, netuid)) != 0:
        return errors.EpochTriggerAlreadyPending()
    window = int(st.AdminFreezeWindow.get(ext))
    remaining = blocks_until_next_auto_epoch(int(st.LastEpochBlock.get(ext, netuid)),
                                             int(st.Tempo.get(ext, netuid)), block)
    if remaining < window:
        return errors.AutoEpochAlreadyImminent()
    fires_at = min(block + window, U64_MAX)
    st.PendingEpochAt.insert(ext, netuid, fires_at)
    deposit_event(ext, events.EpochTriggered(netuid, who, fires_at))
    return None
