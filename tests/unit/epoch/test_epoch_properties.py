"""Property tests: the numpy epoch is bit-identical to the scalar oracle on random subnets."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runtime.pallets.subtensor.epoch import run_epoch
from tests.oracle.epoch_dense import epoch_dense
from tests.oracle.epoch_sparse import epoch_sparse, inputs_dict, outputs_dict
from tests.unit.epoch.random_subnets import random_subnet

SMALL_N = st.integers(min_value=1, max_value=12)
MEDIUM_N = st.integers(min_value=13, max_value=40)
SEEDS = st.integers(min_value=0, max_value=2**32 - 1)


def budget(examples: int) -> settings:
    """Settings with no per-example deadline (the oracle is slow by design)."""
    return settings(max_examples=examples, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def check_both_paths(seed: int, n: int) -> None:
    """Sparse and dense fast outputs equal the oracle's."""
    inputs = random_subnet(seed, n)
    plain = inputs_dict(inputs)
    assert outputs_dict(run_epoch(inputs)) == epoch_sparse(plain)
    assert outputs_dict(run_epoch(inputs, dense=True)) == epoch_dense(plain)


@budget(2500)
@given(seed=SEEDS, n=SMALL_N)
def test_small_subnets_fast_equals_oracle(seed: int, n: int) -> None:
    """1..12 uids, every hyperparameter mix."""
    check_both_paths(seed, n)


@budget(400)
@given(seed=SEEDS, n=MEDIUM_N)
def test_medium_subnets_fast_equals_oracle(seed: int, n: int) -> None:
    """13..40 uids."""
    check_both_paths(seed, n)


@pytest.mark.slow
@budget(400)
@given(seed=SEEDS, n=st.integers(min_value=41, max_value=300))
def test_large_subnets_fast_equals_oracle(seed: int, n: int) -> None:
    """41..300 uids (slow: the oracle is quadratic and its liquid alpha is scalar)."""
    check_both_paths(seed, n)
