"""The reference's ``test_convert_deltas`` grid (pallets/swap/src/pallet/tests.rs).

Each buy and sell payout must be within 2 of the f64 formula truncated to u64, as the reference
asserts; this exercises the exact power path (w = 0.5, 0.1, 0.9) and the series path
(w = 0.50000001, 0.49999999) up to u64::MAX inputs.
"""

from __future__ import annotations

import itertools

import pytest

from runtime.pallets.swap_math import (
    PoolState,
    alpha_out_for_tao,
    perquintill_from_rational,
    tao_out_for_alpha,
)

U64_MAX = (1 << 64) - 1
RESERVES = [(1500, 1000), (1, 1_000_000), (1_000_000, 1)]
WEIGHTS = [0.5, 0.50000001, 0.49999999, 0.1, 0.9]
DELTAS = [1, 10_000, 1_000_000, U64_MAX]


def _f64_to_u64(value: float) -> int:
    """Rust ``f64 as u64``: truncate, saturate, NaN → 0."""
    if value != value:
        return 0
    return max(0, min(int(value), U64_MAX))


@pytest.mark.parametrize(("reserves", "w_quote", "delta"),
                         list(itertools.product(RESERVES, WEIGHTS, DELTAS)))
def test_convert_deltas_grid(reserves: tuple[int, int], w_quote: float, delta: int) -> None:
    tao, alpha = reserves
    weight = perquintill_from_rational(int(w_quote * 1e9), 1_000_000_000)
    pool = PoolState(tao, alpha, weight)
    y, x, d = float(tao), float(alpha), float(delta)
    expected_sell = y * (1.0 - (x / (x + d)) ** ((1.0 - w_quote) / w_quote))
    expected_buy = x * (1.0 - (y / (y + d)) ** (w_quote / (1.0 - w_quote)))
    assert abs(tao_out_for_alpha(pool, delta) - _f64_to_u64(expected_sell)) <= 2
    assert abs(alpha_out_for_tao(pool, delta) - _f64_to_u64(expected_buy)) <= 2
