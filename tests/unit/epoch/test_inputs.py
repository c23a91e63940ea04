"""EpochInputs validation: every malformed input is refused before any arithmetic."""

from __future__ import annotations

import pytest

from runtime.pallets.subtensor.epoch import (
    NO_COMMIT,
    EpochInputError,
    EpochInputs,
    Hyperparameters,
    SparseRows,
)
from runtime.pallets.subtensor.epoch.jsonio import inputs_from_json, inputs_to_json
from tests.oracle.epoch_sparse import inputs_dict
from tests.unit.epoch.random_subnets import random_subnet


def make(n: int = 3, **overrides: object) -> EpochInputs:
    """A small valid subnet with fields overridden."""
    fields: dict[str, object] = dict(
        block=100, tempo=10, rao_emission=10**9, last_epoch_block=0, owner_uid=None,
        hyperparameters=Hyperparameters(), stake=[1, 2, 3][:n], last_update=[90] * n,
        block_at_registration=[1] * n, validator_permit=[True] * n,
        commit_block=[NO_COMMIT] * n, weights=SparseRows.empty(n), bonds=SparseRows.empty(n))
    fields.update(overrides)
    return EpochInputs(**fields)  # type: ignore[arg-type]


def test_valid_inputs_are_accepted() -> None:
    """The baseline subnet validates."""
    assert make().n == 3


@pytest.mark.parametrize("field", ["last_update", "block_at_registration", "commit_block"])
def test_vector_length_mismatch_fails(field: str) -> None:
    """A vector of the wrong length names the field and the expected n."""
    with pytest.raises(EpochInputError, match=f"{field} has length 2, expected n = 3"):
        make(**{field: [1, 2]})


def test_permit_length_mismatch_fails() -> None:
    """validator_permit must have n entries."""
    with pytest.raises(EpochInputError, match="validator_permit has length 4"):
        make(validator_permit=[True] * 4)


def test_weight_uid_out_of_range_fails() -> None:
    """A column uid >= n is refused, naming the row."""
    with pytest.raises(EpochInputError, match=r"weights\[1\] names uid 3, out of range"):
        make(weights=SparseRows.from_rows([[], [(3, 1)], []]))


def test_bond_row_count_mismatch_fails() -> None:
    """The bonds matrix must have n rows."""
    with pytest.raises(EpochInputError, match="bonds has 2 rows, expected n = 3"):
        make(bonds=SparseRows.empty(2))


def test_duplicate_column_in_row_fails() -> None:
    """A row naming the same uid twice is refused."""
    with pytest.raises(EpochInputError, match=r"weights\[0\] names uid 2 more than once"):
        make(weights=SparseRows.from_rows([[(2, 1), (1, 5), (2, 3)], [], []]))


def test_weight_value_above_u16_fails() -> None:
    """Weight values are u16."""
    with pytest.raises(EpochInputError, match="value = 70000 is outside"):
        SparseRows.from_rows([[(0, 70000)]])


def test_owner_uid_out_of_range_fails() -> None:
    """The owner uid must be a registered uid."""
    with pytest.raises(EpochInputError, match="owner_uid = 3 is outside"):
        make(owner_uid=3)


def test_total_stake_beyond_i64f64_fails() -> None:
    """Stake totals must fit I64F64's integer part."""
    with pytest.raises(EpochInputError, match="total stake exceeds"):
        make(stake=[2**62, 2**62, 2**62])


def test_negative_stake_fails() -> None:
    """Stakes are u64."""
    with pytest.raises(EpochInputError, match=r"stake\[1\] = -1 is outside"):
        make(stake=[1, -1, 1])


@pytest.mark.parametrize(("name", "value"), [("kappa", 65536), ("bonds_moving_average", 1_000_001),
                                             ("alpha_sigmoid_steepness", 40000),
                                             ("max_allowed_validators", -1)])
def test_hyperparameter_out_of_range_fails(name: str, value: int) -> None:
    """Hyperparameters are checked against their on-chain types."""
    with pytest.raises(EpochInputError, match=rf"hyperparameters\.{name}"):
        Hyperparameters(**{name: value})


def test_boolean_hyperparameter_must_be_bool() -> None:
    """yuma3 must be a boolean, not an integer."""
    with pytest.raises(EpochInputError, match=r"hyperparameters\.yuma3 must be a boolean"):
        Hyperparameters(yuma3=1)  # type: ignore[arg-type]


def test_json_round_trip_preserves_inputs() -> None:
    """inputs_to_json then inputs_from_json gives the same subnet."""
    inputs = random_subnet(5, 20)
    again = inputs_from_json(inputs_to_json(inputs))
    assert inputs_dict(again) == inputs_dict(inputs)


def test_json_uids_must_be_complete() -> None:
    """Neuron uids must be exactly 0..n-1."""
    document = inputs_to_json(random_subnet(5, 4))
    document["neurons"][2]["uid"] = 9
    with pytest.raises(EpochInputError, match=r"neuron uids must be exactly 0\.\.3"):
        inputs_from_json(document)
