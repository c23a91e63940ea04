"""emission.json: scheduler, block emission table, burn decay/bump, coinbase scenarios."""

from __future__ import annotations

from typing import Any

import pytest

from runtime.pallets.subtensor.coinbase import (
    SubnetCoinbase,
    SubnetCoinbaseInput,
    block_emission_for_issuance,
    blocks_until_next_auto_epoch,
    bumped_burn,
    decay_factor_q32,
    decayed_burn,
    mintable_amount,
    moving_alpha_price,
    owner_cut_fraction,
    participant_split,
    root_proportion,
    split_block_emission,
    tao_weight_from_stored,
)
from runtime.pallets.swap_math import PoolState, current_price
from runtime.primitives.fixed import I96F32, U64F64, U96F32
from tests.shared_vectors import load

U64_MAX = (1 << 64) - 1


def _vector(vector_id: str) -> dict[str, Any]:
    return next(v for v in load("emission")["vectors"] if v["id"] == vector_id)


@pytest.mark.parametrize("case", _vector("emission.blocks_until_next_auto_epoch")["cases"])
def test_blocks_until_next_auto_epoch(case: dict[str, int]) -> None:
    got = blocks_until_next_auto_epoch(case["last_epoch_block"], case["tempo"], case["block"])
    assert got == case["expected"]


@pytest.mark.parametrize("case", _vector("emission.block_emission_vs_issuance")["cases"])
def test_block_emission_table(case: dict[str, int]) -> None:
    assert block_emission_for_issuance(case["total_issuance_rao"]) == case["block_emission_rao"]


def _replay_burn(case: dict[str, Any]) -> list[int]:
    """Apply the vector's action sequence; 'N blocks' means N decays at blocks > 1."""
    burn = case["start_burn"]
    mult = U64F64.from_num(case["mult"])
    lo, hi, half_life = case["min_burn"], case["max_burn"], case["half_life"]
    block = 1
    seen = []
    for step in case["sequence"]:
        action = step["action"]
        if action.startswith("register"):
            burn = bumped_burn(burn, mult, lo, hi)
        else:
            words = action.split()
            count = int(words[0]) if words[0].isdigit() else 1
            for _ in range(count):
                block += 1
                burn = decayed_burn(burn, half_life, lo, hi, block)
        seen.append(burn)
    return seen


@pytest.mark.parametrize("case", _vector("registration.burn_decay_and_bump")["cases"],
                         ids=lambda c: c["name"])
def test_burn_sequences(case: dict[str, Any]) -> None:
    assert _replay_burn(case) == [step["burn_after"] for step in case["sequence"]]


def test_burn_derived_per_block_and_factors() -> None:
    vector = _vector("registration.burn_decay_and_bump")
    halves = next(c for c in vector["cases"] if c["name"] == "test_burn_halves_every_half_life")
    burn, seen = halves["start_burn"], []
    for block in range(2, 6):
        burn = decayed_burn(burn, halves["half_life"], 0, U64_MAX, block)
        seen.append(burn)
    assert seen == halves["derived_per_block"]
    for half_life, factor in vector["derived_decay_factors_q32"].items():
        assert decay_factor_q32(int(half_life)) == factor
    burn = 1_000_000_000
    for block in range(2, 362):
        burn = decayed_burn(burn, 360, 0, U64_MAX, block)
    assert burn == 499_999_865


def test_decay_not_applied_at_genesis_block() -> None:
    assert decayed_burn(1000, 1, 0, U64_MAX, 1) == 1000


@pytest.mark.parametrize("case", _vector("coinbase.owner_cut")["cases"])
def test_owner_cut(case: dict[str, int]) -> None:
    setup = _vector("coinbase.owner_cut")["setup"]
    issuance = setup["reserves_alpha"]
    alpha_out = block_emission_for_issuance(issuance)
    assert alpha_out == 1_000_000_000
    rp = root_proportion(issuance, 0, tao_weight_from_stored(0))
    split = participant_split(U96F32.from_num(alpha_out),
                              owner_cut_fraction(case["subnet_owner_cut"]), rp)
    assert split.owner_cut == case["pending_owner_cut_after_1_block"]


def _split(emission: int,
           subnets: list[SubnetCoinbaseInput]) -> tuple[list[SubnetCoinbase], bool]:
    return split_block_emission(emission, subnets, root_tao=10**18,
                                tao_weight=tao_weight_from_stored(U64_MAX),
                                owner_cut=owner_cut_fraction(11_796))


def test_alpha_injection_equal_prices() -> None:
    vector = _vector("coinbase.alpha_injection_equal_prices")
    setup = vector["setup"]
    one = moving_alpha_price(I96F32.ZERO, is_root_or_stable=True)
    subnets = [SubnetCoinbaseInput(one, setup["initial_alpha_in"] + 0, U64F64.ONE)
               for _ in range(setup["subnets"])]
    results, _ = _split(setup["block_emission_rao"], subnets)
    for result in results:
        alpha_in = setup["initial_alpha_in"] + result.terms.alpha_in_u64
        assert alpha_in == vector["expected"]["SubnetAlphaIn_each"]


def test_alpha_injection_price_weighted() -> None:
    vector = _vector("coinbase.alpha_injection_price_weighted")
    setup = vector["setup"]
    subnets = []
    for key in ("subnet1", "subnet2"):
        pool = PoolState(setup[key]["tao"], setup[key]["alpha_in"])
        moving = U64F64.from_num(setup[key]["moving_price"])
        subnets.append(SubnetCoinbaseInput(moving, pool.alpha_reserve, current_price(pool)))
    results, sell_flag = _split(setup["block_emission_rao"], subnets)
    assert sell_flag
    got = [setup[k]["alpha_in"] + r.terms.alpha_in_u64
           for k, r in zip(("subnet1", "subnet2"), results, strict=True)]
    assert got == [vector["expected"]["subnet1_SubnetAlphaIn"],
                   vector["expected"]["subnet2_SubnetAlphaIn"]]


def test_tao_issuance_single_subnet() -> None:
    vector = _vector("coinbase.tao_issuance_single_subnet")
    emission = vector["setup"]["emission"]
    minted = mintable_amount(emission, 0)
    results, _ = _split(minted, [SubnetCoinbaseInput(U64F64.ONE, 10**9, U64F64.ONE)])
    assert minted == vector["expected"]["delta_TotalIssuance"]
    assert results[0].terms.tao_in_u64 == vector["expected"]["delta_SubnetTAO"]
    assert results[0].terms.tao_in_u64 == vector["expected"]["delta_TotalStake"]
    assert results[0].terms.excess_tao_u64 == 0
