"""swap.json: balancer buys/sells, exp_scaled, pool initialisation, fee examples."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from runtime.pallets.swap_math import (
    ACCURACY,
    PoolState,
    calculate_price,
    exp_scaled,
    fee_amount,
    initial_quote_weight,
    limit_price_from_rao,
    swap_alpha_for_tao,
    swap_tao_for_alpha,
)
from runtime.primitives.fixed import U64F64
from tests.shared_vectors import load


def _vector(vector_id: str) -> dict[str, Any]:
    return next(v for v in load("swap")["vectors"] if v["id"] == vector_id)


BASIC = _vector("swap.basic_equal_weights")


def _basic_pool() -> PoolState:
    setup = BASIC["setup"]
    weight = int(Fraction(str(setup["w_quote"])) * ACCURACY)
    return PoolState(setup["tao_reserve"], setup["alpha_reserve"], weight, setup["fee_rate_u16"])


def test_basic_pool_price() -> None:
    pool = _basic_pool()
    price = calculate_price(pool.quote_weight, pool.alpha_reserve, pool.tao_reserve)
    assert price.to_fraction() == Fraction(str(BASIC["setup"]["initial_price"]))


@pytest.mark.parametrize("case", BASIC["buys"], ids=lambda c: str(c["amount_in_tao"]))
def test_basic_buys(case: dict[str, int]) -> None:
    limit = limit_price_from_rao(1000 * 10**9)
    result = swap_tao_for_alpha(_basic_pool(), case["amount_in_tao"], limit)
    assert (result.fee_paid, result.amount_paid_in, result.amount_paid_out) == (
        case["fee"], case["tao_to_reserve"], case["alpha_out"])
    assert result.fee_to_block_author == case["fee"]


@pytest.mark.parametrize("case", BASIC["sells"], ids=lambda c: str(c["amount_in_alpha"]))
def test_basic_sells(case: dict[str, int]) -> None:
    limit = U64F64.from_fraction(1, 10_000)
    result = swap_alpha_for_tao(_basic_pool(), case["amount_in_alpha"], limit)
    assert (result.fee_paid, result.amount_paid_in, result.amount_paid_out) == (
        case["fee"], case["alpha_to_reserve"], case["tao_out"])


@pytest.mark.parametrize("case", _vector("swap.exp_scaled")["cases"],
                         ids=lambda c: c["quote_weight"])
def test_exp_scaled(case: dict[str, Any]) -> None:
    weight = int(Fraction(case["quote_weight"]) * ACCURACY)
    got = exp_scaled(weight, case["reserve"], case["delta"], case["base_quote"])
    assert abs(got.to_fraction() - Fraction(str(case["expected"]))) <= Fraction(1, 10**9)
    w2 = Fraction(weight, ACCURACY)
    power = w2 and ((1 - w2) / w2 if case["base_quote"] else w2 / (1 - w2))
    ratio = Fraction(case["reserve"], case["reserve"] + case["delta"])
    exact = float(ratio) ** float(power)
    assert abs(float(got.to_fraction()) - exact) < 1e-12


@pytest.mark.parametrize("case", _vector("swap.initialization")["cases"], ids=lambda c: str(
    c["init_price"]))
def test_initialization(case: dict[str, Any]) -> None:
    price = None if case["init_price"] is None else U64F64.from_fraction(1, 5)
    weight = initial_quote_weight(case["tao"], case["alpha"], price)
    expected_weight = case.get("expected_w_quote_perquintill",
                               case.get("derived_w_quote_perquintill"))
    assert weight == expected_weight
    spot = calculate_price(weight, case["alpha"], case["tao"])
    assert abs(spot.to_fraction() - Fraction(str(case["expected_price"]))) <= Fraction(1, 10**9)
    if price is not None:
        frac_bits = price.bits & ((1 << 64) - 1)
        px_low = case["alpha"] * frac_bits >> 64
        assert px_low == case["derived_px_low"]


@pytest.mark.parametrize("case", _vector("swap.fee_examples")["cases"],
                         ids=lambda c: str(c["amount"]))
def test_fee_examples(case: dict[str, int]) -> None:
    assert fee_amount(case["amount"], 33) == case["fee"]
