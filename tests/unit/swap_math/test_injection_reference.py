"""The reference's ``test_adjust_protocol_liquidity_happy`` grid (pallets/swap tests.rs).

After re-weighting for an injection (and adding the amounts to the reserves) the price moves
by less than 1e-12 of itself and the new quote weight equals y' / (p·x' + y') within 1e-12.
"""

from __future__ import annotations

import pytest

from runtime.pallets.swap_math import ACCURACY, PoolState, adjust_protocol_liquidity, current_price

DELTAS = [(0, 0), (0, 1), (1, 0), (1, 1), (0, 10), (10, 0), (10, 10), (0, 100), (100, 0),
          (100, 100), (0, 1000), (1000, 0), (1000, 1000), (10**6, 0), (0, 10**6), (10**6, 10**6),
          (10**9, 0), (0, 10**9), (10**9, 10**9), (10**12, 0), (0, 10**12), (10**12, 10**12),
          (1, 2), (2, 1), (10, 20), (20, 10), (100, 200), (200, 100), (1000, 2000),
          (2000, 1000), (10**6, 2 * 10**6), (2 * 10**6, 10**6), (10**9, 2 * 10**9),
          (2 * 10**9, 10**9), (10**12, 2 * 10**12), (2 * 10**12, 10**12),
          (1_234_567, 2_432_765), (1_234_567, 2_432_765_890)]


@pytest.mark.parametrize(("tao_delta", "alpha_delta"), DELTAS)
def test_injection_keeps_price_and_sets_weight(tao_delta: int, alpha_delta: int) -> None:
    pool = PoolState(10**12, 4 * 10**12)
    before = float(current_price(pool).to_fraction())
    adjusted, got_tao, got_alpha = adjust_protocol_liquidity(pool, tao_delta, alpha_delta)
    assert (got_tao, got_alpha) == (tao_delta, alpha_delta)
    after_pool = PoolState(pool.tao_reserve + tao_delta, pool.alpha_reserve + alpha_delta,
                           adjusted.quote_weight)
    after = float(current_price(after_pool).to_fraction())
    assert abs(before - after) <= before / 1e12
    new_tao, new_alpha = float(after_pool.tao_reserve), float(after_pool.alpha_reserve)
    expected = new_tao / (new_alpha * before + new_tao)
    actual = adjusted.quote_weight / ACCURACY
    assert abs((expected - 0.5) - (actual - 0.5)) <= expected / 1e12
