"""Epoch vectors (`vectors/epoch.json`) replayed epoch after epoch on every implementation.

Each scenario is replayed like the reference test does it: weights set before an epoch move
that uid's LastUpdate to the block; the permits and bond rows an epoch stores are the next
epoch's inputs. Every implementation (fast sparse, fast dense, oracle sparse, oracle dense) must
reproduce the vector's numbers exactly.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from runtime.pallets.subtensor.epoch import run_epoch
from runtime.pallets.subtensor.epoch.types import (
    NO_COMMIT,
    EpochInputs,
    Hyperparameters,
    SparseRows,
)
from tests.oracle.epoch_dense import epoch_dense
from tests.oracle.epoch_sparse import epoch_sparse, inputs_dict, outputs_dict
from tests.shared_vectors import load

Runner = Callable[[EpochInputs], dict]

RUNNERS: dict[str, Runner] = {
    "fast-sparse": lambda inp: outputs_dict(run_epoch(inp)),
    "fast-dense": lambda inp: outputs_dict(run_epoch(inp, dense=True)),
    "oracle-sparse": lambda inp: epoch_sparse(inputs_dict(inp)),
    "oracle-dense": lambda inp: epoch_dense(inputs_dict(inp)),
}


def vector(vector_id: str) -> dict:
    """The epoch.json vector with this id."""
    return next(v for v in load("epoch")["vectors"] if v["id"] == vector_id)


class Subnet:
    """Mutable chain-side state of one subnet between epochs."""

    def __init__(self, n: int, stake: list[int], hp: Hyperparameters, reg_block: int,
                 tempo: int, rao: int) -> None:
        self.n, self.stake, self.hp, self.tempo, self.rao = n, stake, hp, tempo, rao
        self.reg = [reg_block] * n
        self.last_update = [reg_block] * n
        self.permits = [False] * n
        self.weights: list[list[tuple[int, int]]] = [[] for _ in range(n)]
        self.bonds: list[list[tuple[int, int]]] = [[] for _ in range(n)]

    def set_weights(self, uid: int, row: list[tuple[int, int]], block: int) -> None:
        """A set_weights call at ``block`` (rows are already max-upscaled in the vectors)."""
        self.weights[uid] = [(int(j), int(v)) for j, v in row]
        self.last_update[uid] = block

    def inputs(self, block: int) -> EpochInputs:
        """The epoch inputs at ``block``."""
        return EpochInputs(
            block=block, tempo=self.tempo, rao_emission=self.rao, last_epoch_block=0,
            owner_uid=None, hyperparameters=self.hp, stake=self.stake,
            last_update=self.last_update, block_at_registration=self.reg,
            validator_permit=self.permits, commit_block=[NO_COMMIT] * self.n,
            weights=SparseRows.from_rows(self.weights), bonds=SparseRows.from_rows(self.bonds))

    def run(self, runner: Runner, block: int) -> dict:
        """Run one epoch and store its permits and bonds."""
        out = runner(self.inputs(block))
        self.permits = list(out["ValidatorPermit"])
        self.bonds = [[(int(j), int(v)) for j, v in row] for row in out["Bonds"]]
        return out


def bonds_subnet() -> tuple[Subnet, dict]:
    """The test_bonds subnet."""
    v = vector("epoch.test_bonds")
    s = v["setup"]
    hp = Hyperparameters(kappa=s["kappa"], bonds_penalty=s["bonds_penalty"],
                         bonds_moving_average=s["bonds_moving_average"], yuma3=s["yuma3"],
                         liquid_alpha=s["liquid_alpha"],
                         max_allowed_validators=s["max_allowed_validators"],
                         stake_threshold=s["stake_threshold"],
                         activity_cutoff=s["activity_cutoff_blocks"])
    return Subnet(s["n"], s["stake_alpha"], hp, s["registration_block_all"], s["tempo"],
                  s["rao_emission_per_epoch"]), v


@pytest.mark.parametrize("impl", list(RUNNERS))
def test_bonds_seven_epochs_match_exactly(impl: str) -> None:
    """test_bonds: stored bonds, emissions, incentive and dividends at every step."""
    subnet, v = bonds_subnet()
    first = v["setup"]["first_epoch"]
    out = subnet.run(RUNNERS[impl], first["block"])
    assert out["ValidatorPermit"] == first["result_permits"]
    assert out["validator_emission"] == first["validator_emission"]
    for step in v["steps"]:
        for uid, row in step["set_weights_before_epoch"].items():
            subnet.set_weights(int(uid), row, step["block"])
        out = subnet.run(RUNNERS[impl], step["block"])
        bonds = {i: dict(row) for i, row in enumerate(out["Bonds"])}
        for check in step["asserted_bonds"]:
            assert bonds[check["i"]][check["j"]] == check["u16"], (step["block"], check)
        for i, row in step["derived_stored_bonds_rows_0_3"].items():
            expected = [(int(j), int(val)) for j, val in row]
            got = [tuple(pair) for pair in out["Bonds"][int(i)]]
            if impl.endswith("dense"):
                got = [(j, val) for j, val in got if j in dict(expected)]
            assert got == expected, (step["block"], i)
        assert out["Emission"] == step["derived_emission_per_uid"]
        assert out["server_emission"] == step["derived_server_emission"]
        assert out["validator_emission"] == step["derived_validator_emission"]
        assert out["Incentive"] == step["derived_incentive_u16"]
        assert out["Dividends"] == step["derived_dividends_u16"]


@pytest.mark.parametrize("impl", list(RUNNERS))
def test_10_graph_falls_back_to_stake(impl: str) -> None:
    """test_10_graph: only self-weights, no permits: emission = normalised stake."""
    v = vector("epoch.test_10_graph")
    n = v["setup"]["n"]
    subnet = Subnet(n, [v["setup"]["stake_alpha_each"]] * n, Hyperparameters(), 0, 360,
                    v["setup"]["rao_emission"])
    for uid in range(n):
        subnet.set_weights(uid, [(uid, 65535)], 1)
    out = subnet.run(RUNNERS[impl], 2)
    for key, expected in v["expected"].items():
        assert out[key] == expected, key
    assert out["validator_emission"] == v["derived_check"]["validator_emission"]


@pytest.mark.parametrize("impl", list(RUNNERS))
def test_yuma3_kappa_moves_first_dividends_and_bonds(impl: str) -> None:
    """Yuma3 + liquid alpha: dividends (both paths) and sparse stored bonds, six epochs."""
    v = vector("epoch.test_yuma_3_kappa_moves_first")
    s = v["setup"]
    low, high = s["alpha_values_u16"]
    hp = Hyperparameters(kappa=s["kappa"], bonds_penalty=s["bonds_penalty"],
                         bonds_moving_average=s["bonds_moving_average"], yuma3=True,
                         liquid_alpha=s["liquid_alpha"], alpha_low=low, alpha_high=high,
                         alpha_sigmoid_steepness=s["alpha_sigmoid_steepness"],
                         max_allowed_validators=s["max_allowed_validators"], activity_cutoff=13)
    subnet = Subnet(s["n"], s["stake_alpha"], hp, s["registration_block_all"], s["tempo"],
                    s["rao_emission"])
    subnet.run(RUNNERS[impl], 2)
    assert subnet.permits == [True, True, True, False, False]
    for epoch in v["epochs"]:
        if epoch["weights_set"] is not None:
            for uid, row in enumerate(epoch["weights_set"]):
                subnet.set_weights(uid, [(3, row[0]), (4, row[1])], epoch["block"])
        out = subnet.run(RUNNERS[impl], epoch["block"])
        assert out["Dividends"] == epoch["derived_dividends_u16"], epoch["epoch"]
        for i, row in epoch["derived_bonds_u16"].items():
            got = [(j, val) for j, val in out["Bonds"][int(i)] if val != 0]
            assert got == [tuple(p) for p in row], (epoch["epoch"], i)
