"""The per-block epoch hook over storage (§3.6): cap, key order, bookkeeping, events, trigger."""

from __future__ import annotations

from runtime.frame import system
from runtime.pallets.subtensor import errors, events
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.epoch_runner import SubnetEpochResult
from runtime.pallets.subtensor.epoch_runner.scheduler_hook import (
    DrainedEmission,
    drain_pending,
    epochs_deferred_this_block,
    run_epochs_for_block,
    schedule_triggered_epoch,
    subnets_in_order,
)
from storage.overlay import Overlay
from tests.unit.epoch_runner.helpers import BLOCK, add_subnet, new_state
from tests.unit.subtensor_staking.helpers import deposited

OWNER = b"\x77" * 32


def due_subnet(ext: Overlay, netuid: int, pending: int = 1000) -> None:
    """A subnet whose tempo-100 epoch is due at BLOCK, with pending emission."""
    add_subnet(ext, netuid, n=5, seed=netuid)
    st.LastEpochBlock.insert(ext, netuid, BLOCK - 100)
    st.BlocksSinceLastStep.insert(ext, netuid, 99)
    st.SubnetEpochIndex.insert(ext, netuid, 7)
    st.PendingServerEmission.insert(ext, netuid, pending)
    st.PendingValidatorEmission.insert(ext, netuid, 2 * pending)
    st.PendingRootAlphaDivs.insert(ext, netuid, 3)
    st.PendingOwnerCut.insert(ext, netuid, 44)


def test_subnets_iterate_in_storage_key_order_without_root() -> None:
    """Netuid keys are little-endian: 256 (00 01) sorts before 1 (01 00)."""
    ext = new_state()
    for netuid in (3, 1, 256, 2):
        st.NetworksAdded.insert(ext, netuid, True)
    assert subnets_in_order(ext) == [256, 1, 2, 3]


def test_at_most_two_epochs_per_block_in_key_order_and_the_rest_deferred() -> None:
    """Four due subnets: the first two in key order run (drained, bookkeeping written), the
    others get PendingEpochAt = block + 1 and EpochDeferred."""
    ext = new_state()
    for netuid in (1, 2, 3, 256):
        due_subnet(ext, netuid)
    results = run_epochs_for_block(ext, BLOCK)
    assert [d.netuid for d, _ in results] == [256, 1]
    for netuid in (256, 1):
        assert st.LastEpochBlock.get(ext, netuid) == BLOCK
        assert st.PendingEpochAt.get(ext, netuid) == 0
        assert st.BlocksSinceLastStep.get(ext, netuid) == 0
        assert st.SubnetEpochIndex.get(ext, netuid) == 8
        assert st.LastMechansimStepBlock.get(ext, netuid) == BLOCK
        assert st.PendingServerEmission.get(ext, netuid) == 0
        assert st.PendingOwnerCut.get(ext, netuid) == 0
        assert st.Emission.get(ext, netuid) != []
    for netuid in (2, 3):
        assert st.PendingEpochAt.get(ext, netuid) == BLOCK + 1
        assert st.LastEpochBlock.get(ext, netuid) == BLOCK - 100
        assert st.BlocksSinceLastStep.get(ext, netuid) == 100
        assert st.SubnetEpochIndex.get(ext, netuid) == 7
        assert st.PendingServerEmission.get(ext, netuid) == 1000
        assert st.Emission.get(ext, netuid) == []
        assert deposited(ext, events.EpochDeferred(netuid, BLOCK, BLOCK + 1))
    drained, result = results[0]
    assert drained == DrainedEmission(256, 1000, 2000, 3, 44)
    assert result.rao_emission == drained.epoch_emission == 3003


def test_deferred_subnets_run_next_block() -> None:
    """The deferred epochs run at block + 1, before nothing else is due."""
    ext = new_state()
    for netuid in (1, 2, 3):
        due_subnet(ext, netuid)
    drain_pending(ext, BLOCK)
    system.Number.insert(ext, BLOCK + 1)
    assert [d.netuid for d in drain_pending(ext, BLOCK + 1)] == [3]
    assert st.PendingEpochAt.get(ext, 3) == 0
    assert st.BlocksSinceLastStep.get(ext, 1) == 1


def test_inconsistent_subnet_is_skipped_without_draining_and_does_not_count() -> None:
    """A hotkey on two uids: EpochSkipped, the slot consumed, nothing drained, and the cap
    still lets two other subnets run."""
    ext = new_state()
    for netuid in (1, 2, 3):
        due_subnet(ext, netuid)
    st.Keys.insert(ext, 1, 4, st.Keys.get(ext, 1, 0))
    drained = drain_pending(ext, BLOCK)
    assert [d.netuid for d in drained] == [2, 3]
    assert deposited(ext, events.EpochSkipped(1, BLOCK))
    assert st.PendingServerEmission.get(ext, 1) == 1000
    assert st.LastEpochBlock.get(ext, 1) == BLOCK
    assert st.SubnetEpochIndex.get(ext, 1) == 8
    assert st.BlocksSinceLastStep.get(ext, 1) == 100


def test_idle_subnet_only_counts_blocks() -> None:
    """Not due: BlocksSinceLastStep += 1 and nothing else."""
    ext = new_state()
    due_subnet(ext, 1)
    st.LastEpochBlock.insert(ext, 1, BLOCK - 10)
    assert drain_pending(ext, BLOCK) == []
    assert st.BlocksSinceLastStep.get(ext, 1) == 100
    assert st.LastEpochBlock.get(ext, 1) == BLOCK - 10


def test_distribute_callback_gets_each_subnet_result_before_the_next_epoch() -> None:
    """The coinbase seam: called once per drained subnet with its drained amounts and result."""
    ext = new_state()
    for netuid in (1, 2):
        due_subnet(ext, netuid, pending=10_000 * netuid)
    seen: list[tuple[int, int, int]] = []

    def distribute(_ext: Overlay, drained: DrainedEmission, result: SubnetEpochResult) -> None:
        paid = sum(s + v for _h, s, v in result.hotkey_emission)
        seen.append((drained.netuid, result.rao_emission, paid))
        assert st.LastMechansimStepBlock.get(_ext, drained.netuid) == 0

    run_epochs_for_block(ext, BLOCK, distribute)
    assert [(netuid, total) for netuid, total, _paid in seen] == [(1, 30_003), (2, 60_003)]
    assert all(0 < paid <= total for _netuid, total, paid in seen)


def test_owner_trigger_sets_pending_epoch_and_fires_after_the_window() -> None:
    """trigger: PendingEpochAt = block + AdminFreezeWindow, EpochTriggered; the epoch then runs
    at that block even though the tempo has not elapsed."""
    ext = new_state()
    due_subnet(ext, 1)
    st.LastEpochBlock.insert(ext, 1, BLOCK - 10)
    assert schedule_triggered_epoch(ext, 1, OWNER, BLOCK) is None
    assert st.PendingEpochAt.get(ext, 1) == BLOCK + 10
    assert deposited(ext, events.EpochTriggered(1, OWNER, BLOCK + 10))
    assert schedule_triggered_epoch(ext, 1, OWNER, BLOCK) == errors.EpochTriggerAlreadyPending()
    assert drain_pending(ext, BLOCK + 9) == []
    assert [d.netuid for d in drain_pending(ext, BLOCK + 10)] == [1]
    assert st.PendingEpochAt.get(ext, 1) == 0


def test_owner_trigger_refused_with_commit_reveal_or_imminent_epoch() -> None:
    """Commit-reveal on, or the automatic epoch fewer than 10 blocks away: refused."""
    ext = new_state()
    due_subnet(ext, 1)
    st.CommitRevealWeightsEnabled.insert(ext, 1, True)
    assert schedule_triggered_epoch(ext, 1, OWNER, BLOCK) == \
        errors.DynamicTempoBlockedByCommitReveal()
    st.CommitRevealWeightsEnabled.insert(ext, 1, False)
    st.LastEpochBlock.insert(ext, 1, BLOCK - 95)
    assert schedule_triggered_epoch(ext, 1, OWNER, BLOCK) == errors.AutoEpochAlreadyImminent()
    assert st.PendingEpochAt.get(ext, 1) == 0


def test_deferred_set_is_predicted_without_writing() -> None:
    """epochs_deferred_this_block names the subnets drain_pending will defer; writes nothing."""
    ext = new_state()
    for netuid in (1, 2, 3, 4):
        due_subnet(ext, netuid)
    st.MaxEpochsPerBlock.insert(ext, 1)
    before = sorted(ext.changes())
    assert epochs_deferred_this_block(ext, BLOCK) == {2, 3, 4}
    assert sorted(ext.changes()) == before
    assert [d.netuid for d in drain_pending(ext, BLOCK)] == [1]
