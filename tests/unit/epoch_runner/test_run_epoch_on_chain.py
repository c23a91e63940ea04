"""run_epoch_on_chain: storage in, run_epoch on the inputs read, §1.12 vectors persisted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from node.commands.epoch import command
from runtime.pallets.subtensor import events
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.epoch import NO_COMMIT, EpochOutputs, run_epoch
from runtime.pallets.subtensor.epoch.jsonio import inputs_from_json, outputs_to_json
from runtime.pallets.subtensor.epoch_runner import run_epoch_on_chain
from runtime.pallets.subtensor.epoch_runner.export import export_subnet, pending_epoch_emission
from runtime.pallets.subtensor.epoch_runner.inputs import read_epoch_inputs
from storage.overlay import Overlay
from tests.unit.epoch_runner.helpers import BLOCK, NETUID, add_child, add_subnet, new_state
from tests.unit.subtensor_staking.helpers import deposited

EMISSION = 987_654_321


def stored(ext: Overlay, netuid: int, n: int) -> dict[str, object]:
    """The persisted epoch vectors, keyed as EpochOutputs.as_lists names them."""
    return {
        "Active": st.Active.get(ext, netuid), "Consensus": st.Consensus.get(ext, netuid),
        "Incentive": st.Incentive.get(ext, netuid), "Dividends": st.Dividends.get(ext, netuid),
        "ValidatorTrust": st.ValidatorTrust.get(ext, netuid),
        "ValidatorPermit": st.ValidatorPermit.get(ext, netuid),
        "StakeWeight": st.StakeWeight.get(ext, netuid), "Emission": st.Emission.get(ext, netuid),
        "Bonds": [[list(p) for p in st.Bonds.get(ext, netuid, uid)] for uid in range(n)],
    }


def expected(outputs: EpochOutputs) -> dict[str, object]:
    """The outputs' persisted part."""
    lists = outputs.as_lists()
    lists.pop("server_emission")
    lists.pop("validator_emission")
    return lists


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_persisted_vectors_equal_run_epoch_on_inputs_read(seed: int) -> None:
    """Every §1.12 vector in storage equals run_epoch on the inputs read before the epoch."""
    ext = new_state()
    keys = add_subnet(ext, n=10, seed=seed)
    add_child(ext, NETUID, keys[1], keys[2], U64_MAX_HALF)
    st.TaoWeight.insert(ext, 3 * (1 << 62))
    st.Yuma3On.insert(ext, NETUID, seed % 2 == 0)
    inputs = read_epoch_inputs(ext, NETUID, 0, EMISSION)
    want = run_epoch(inputs)
    got = run_epoch_on_chain(ext, NETUID, 0, EMISSION)
    assert got.as_lists() == want.as_lists()
    assert stored(ext, NETUID, 10) == expected(want)
    assert sum(got.server_emission.tolist()) + sum(got.validator_emission.tolist()) <= EMISSION
    assert deposited(ext, events.IncentiveAlphaEmittedToMiners(
        NETUID, got.server_emission.tolist()))


U64_MAX_HALF = ((1 << 64) - 1) // 2


def test_exported_json_gives_the_same_epoch(tmp_path: Path) -> None:
    """export → inputs_from_json → run_epoch, and `tensorchain epoch` on the file, reproduce
    the on-chain result (fractional stake included)."""
    ext = new_state()
    keys = add_subnet(ext, n=9, seed=5)
    add_child(ext, NETUID, keys[3], keys[4], 123_456_789_012_345_678)
    st.PendingServerEmission.insert(ext, NETUID, 400)
    st.PendingValidatorEmission.insert(ext, NETUID, 500)
    st.PendingRootAlphaDivs.insert(ext, NETUID, 100)
    document = export_subnet(ext, NETUID)
    assert document["rao_emission"] == pending_epoch_emission(ext, NETUID, 0) == 1000
    assert any("stake_fraction" in neuron for neuron in document["neurons"])
    on_chain = run_epoch_on_chain(ext, NETUID, 0, 1000)
    assert run_epoch(inputs_from_json(json.loads(json.dumps(document)))).as_lists() == \
        on_chain.as_lists()
    path = tmp_path / "subnet.json"
    path.write_text(json.dumps(document))
    result = CliRunner().invoke(command, ["--input", str(path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == outputs_to_json(on_chain)


def test_out_of_range_and_duplicate_entries_are_dropped() -> None:
    """Rows of uids ≥ n, entries naming uids ≥ n and repeated columns never reach the epoch."""
    ext = new_state()
    add_subnet(ext, n=4, seed=9)
    st.Weights.insert(ext, NETUID, 1, [(2, 100), (7, 5), (2, 300), (0, 9)])
    st.Weights.insert(ext, NETUID, 6, [(0, 1)])
    st.Bonds.insert(ext, NETUID, 3, [(4, 10), (1, 20), (1, 30)])
    inputs = read_epoch_inputs(ext, NETUID, 0, 0)
    assert inputs.weights.row(1) == [(2, 100), (0, 9)]
    assert inputs.bonds.row(3) == [(1, 20)]
    assert inputs.n == 4


def test_short_stored_vectors_are_padded_and_missing_keys_have_no_stake() -> None:
    """LastUpdate/ValidatorPermit shorter than n pad with 0/False; a uid without a hotkey has
    no stake and registration block 0."""
    ext = new_state()
    keys = add_subnet(ext, n=5, seed=4)
    st.LastUpdate.insert(ext, NETUID, [BLOCK, BLOCK])
    st.ValidatorPermit.insert(ext, NETUID, [True])
    st.Keys.remove(ext, NETUID, 4)
    st.Uids.remove(ext, NETUID, keys[4])
    inputs = read_epoch_inputs(ext, NETUID, 0, 0)
    assert inputs.last_update.tolist() == [BLOCK, BLOCK, 0, 0, 0]
    assert inputs.validator_permit.tolist() == [True, False, False, False, False]
    assert int(inputs.stake[4]) == 0 and int(inputs.block_at_registration[4]) == 0


def test_activity_cutoff_and_owner_uid_from_storage() -> None:
    """activity_cutoff = max(1, factor × tempo / 1000); the owner uid is the owner hotkey's."""
    ext = new_state()
    keys = add_subnet(ext, n=4, seed=2, tempo=360)
    st.SubnetOwnerHotkey.insert(ext, NETUID, keys[2])
    inputs = read_epoch_inputs(ext, NETUID, 0, 0)
    assert inputs.hyperparameters.activity_cutoff == 13_889 * 360 // 1000 == 5000
    assert inputs.owner_uid == 2
    st.ActivityCutoffFactorMilli.insert(ext, NETUID, 1)
    st.SubnetOwnerHotkey.insert(ext, NETUID, bytes(32))
    inputs = read_epoch_inputs(ext, NETUID, 0, 0)
    assert inputs.hyperparameters.activity_cutoff == 1
    assert inputs.owner_uid is None


def test_commit_blocks_take_live_commits_only() -> None:
    """Hash commits give the hotkey's first unexpired commit block; timelocked commits of
    unexpired epochs give theirs; expired ones are ignored; no commit-reveal, no commits."""
    ext = new_state()
    keys = add_subnet(ext, n=4, seed=3, commit_reveal=True)
    st.SubnetEpochIndex.insert(ext, NETUID, 10)
    st.LastEpochBlock.insert(ext, NETUID, BLOCK - 1)
    h = bytes(32)
    st.WeightCommits.insert(ext, NETUID, keys[1], [(h, 8, 700, 0), (h, 9, 800, 0)])
    st.WeightCommits.insert(ext, NETUID, keys[2], [(h, 10, 950, 0), (h, 10, 940, 0)])
    st.TimelockedWeightCommits.insert(ext, NETUID, 9, [(keys[3], 850, b"", 1),
                                                       (keys[2], 930, b"", 1)])
    st.TimelockedWeightCommits.insert(ext, NETUID, 5, [(keys[0], 100, b"", 1)])
    inputs = read_epoch_inputs(ext, NETUID, 0, 0)
    assert inputs.commit_block.tolist() == [NO_COMMIT, 800, 930, 850]
    st.CommitRevealWeightsEnabled.insert(ext, NETUID, False)
    assert read_epoch_inputs(ext, NETUID, 0, 0).commit_block.tolist() == [NO_COMMIT] * 4


def test_every_bond_row_is_stored_even_when_empty() -> None:
    """Bonds rows are inserted for every uid (an empty row is stored, not removed)."""
    ext = new_state()
    add_subnet(ext, n=6, seed=12)
    for uid in range(6):
        st.Bonds.remove(ext, NETUID, uid)
    out = run_epoch_on_chain(ext, NETUID, 0, 0)
    assert all(st.Bonds.contains(ext, NETUID, uid) for uid in range(6))
    assert [st.Bonds.get(ext, NETUID, uid) for uid in range(6)] == out.bonds.to_rows()


def test_uid_without_hotkey_has_no_persisted_term() -> None:
    """Terms are kept per hotkey: a uid with no hotkey drops out of the persisted vectors and
    the bond rows of the others are written at positions 0, 1, ... as the chain does."""
    ext = new_state()
    keys = add_subnet(ext, n=5, seed=13)
    st.Keys.remove(ext, NETUID, 1)
    st.Uids.remove(ext, NETUID, keys[1])
    out = run_epoch_on_chain(ext, NETUID, 0, 10_000)
    kept = [0, 2, 3, 4]
    assert st.Emission.get(ext, NETUID) == [int(out.emission[uid]) for uid in kept]
    assert st.Incentive.get(ext, NETUID) == [int(out.incentive[uid]) for uid in kept]
    assert st.Bonds.get(ext, NETUID, 1) == out.bonds.row(2)
