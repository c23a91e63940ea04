"""Swap pool and coinbase split speed against Fraction restatements measured in the same run.

* swaps per second: a TAO→alpha buy on a w = 0.5 pool (exact power path), on a w = 0.35 pool
  (exact 7/13 power) and on a pool whose weight drifted after injections (series path);
  baseline: the same buy restated with ``fractions.Fraction`` and a bisection for the power.
* per-block split for 128 subnets (shares, TAO emission, injection terms, participant alpha);
  baseline: the same numbers restated with Fractions snapped to the fixed-point grids.
Both baselines are checked to give identical answers before anything is timed.
"""

from __future__ import annotations

from fractions import Fraction
from math import floor, gcd

from benchmarks.harness import Row, per_second, seconds
from runtime.pallets.subtensor.coinbase import (
    SubnetCoinbaseInput,
    block_emission_for_issuance,
    owner_cut_fraction,
    split_block_emission,
    tao_weight_from_stored,
)
from runtime.pallets.swap_math import (
    ACCURACY,
    PoolState,
    limit_price_from_rao,
    swap_tao_for_alpha,
)
from runtime.primitives.fixed import U64F64

ONE64 = 1 << 64
LIMIT = limit_price_from_rao(10**15)


def _fraction_buy(pool: PoolState, amount: int) -> tuple[int, int, int]:
    """(fee, net in, alpha out) of a non-limited buy, restated with Fractions."""
    fee = amount * ((pool.fee_rate * ONE64) // 65535) // ONE64
    net = amount - fee
    w2, w1 = pool.quote_weight, ACCURACY - pool.quote_weight
    g = gcd(w1, w2)
    a, b = w2 // g, w1 // g
    target = Fraction(pool.tao_reserve, pool.tao_reserve + net) ** a
    low, high = 0, ACCURACY
    while low < high:
        mid = (low + high + 1) // 2
        if Fraction(mid, ACCURACY) ** b <= target:
            low = mid
        else:
            high = mid - 1
    e = Fraction(min(low * ONE64 // ACCURACY, ONE64), ONE64)
    return fee, net, floor(pool.alpha_reserve * (1 - e))


def _grid(value: Fraction, bits: int) -> Fraction:
    return Fraction(floor(value * (1 << bits)), 1 << bits)


def _fraction_split(emission: int, subnets: list[SubnetCoinbaseInput], root_tao: int,
                    weight: Fraction, cut: Fraction) -> list[tuple[int, ...]]:
    """tao_in, alpha_in, owner, server, validator, root per subnet, restated with Fractions."""
    prices = [s.moving_price.to_fraction() for s in subnets]
    total = sum(prices)
    out = []
    for subnet, price in zip(subnets, prices, strict=True):
        tao = _grid(_grid(emission * _grid(price / total, 64), 64), 32)
        spot = _grid(subnet.spot_price.to_fraction(), 32)
        alpha_emission = block_emission_for_issuance(subnet.alpha_issuance)
        w_root = _grid(root_tao * weight, 32)
        rp = _grid(w_root / (w_root + subnet.alpha_issuance), 32)
        alpha_in, tao_in = _grid(tao / spot, 32), tao
        cap = _grid(rp * alpha_emission, 32)
        if alpha_in > cap:
            alpha_in, tao_in = cap, _grid(cap * spot, 32)
        after = subnet.alpha_issuance + floor(alpha_in) + alpha_emission
        rp_after = _grid(w_root / (w_root + after), 32)
        owner = _grid(alpha_emission * cut, 32)
        remaining = alpha_emission - owner
        root = _grid(_grid(rp_after * remaining, 32) / 2, 32)
        server = _grid(remaining / 2, 32)
        out.append((floor(tao_in), floor(alpha_in), floor(owner), floor(server),
                    floor(remaining - server - root), floor(root)))
    return out


def _subnets() -> list[SubnetCoinbaseInput]:
    return [SubnetCoinbaseInput(U64F64.from_fraction(n + 1, 300), 10**15 + n * 10**12,
                                U64F64.from_fraction(n + 1, 170)) for n in range(128)]


def _check_same_answers(pools: list[PoolState], subnets: list[SubnetCoinbaseInput]) -> None:
    for pool in pools[:2]:
        result = swap_tao_for_alpha(pool, 10**9, LIMIT)
        if (result.fee_paid, result.amount_paid_in, result.amount_paid_out) != _fraction_buy(
                pool, 10**9):
            raise RuntimeError("bench_swap: Fraction buy disagrees with swap_math")
    weight, cut = tao_weight_from_stored(971_718_665_099_567_868), owner_cut_fraction(11_796)
    fast, _ = split_block_emission(10**9, subnets, 5 * 10**15, weight, cut)
    got = [(r.terms.tao_in_u64, r.terms.alpha_in_u64, r.participants.owner_cut,
            r.participants.server, r.participants.validator, r.participants.root_alpha)
           for r in fast]
    if got != _fraction_split(10**9, subnets, 5 * 10**15, weight.to_fraction(),
                              cut.to_fraction()):
        raise RuntimeError("bench_swap: Fraction split disagrees with coinbase.split")


def run() -> list[Row]:
    """Measure and return the swap and split rows."""
    half = PoolState(10**13, 4 * 10**13)
    skewed = PoolState(10**13, 4 * 10**13, 35 * 10**16)
    drifted = PoolState(10**13, 4 * 10**13, 500_000_123_456_789_012)
    subnets = _subnets()
    _check_same_answers([half, skewed], subnets)
    weight, cut = tao_weight_from_stored(971_718_665_099_567_868), owner_cut_fraction(11_796)
    wf, cf = weight.to_fraction(), cut.to_fraction()
    group = "swap"
    return [
        Row(group, "Fraction buy, w=0.5", per_second(lambda: _fraction_buy(half, 10**9)),
            "ops/s"),
        Row(group, "swap_tao_for_alpha, w=0.5 (exact path)", per_second(
            lambda: swap_tao_for_alpha(half, 10**9, LIMIT)), "ops/s",
            baseline="Fraction buy, w=0.5"),
        Row(group, "Fraction buy, w=0.35", per_second(lambda: _fraction_buy(skewed, 10**9)),
            "ops/s"),
        Row(group, "swap_tao_for_alpha, w=0.35 (exact 7/13 power)", per_second(
            lambda: swap_tao_for_alpha(skewed, 10**9, LIMIT)), "ops/s",
            baseline="Fraction buy, w=0.35"),
        Row(group, "swap_tao_for_alpha, drifted w (series path)", per_second(
            lambda: swap_tao_for_alpha(drifted, 10**9, LIMIT)), "ops/s",
            note="no exact baseline: the reference's own 280-bit series"),
        Row(group, "Fraction split, 128 subnets", seconds(
            lambda: _fraction_split(10**9, subnets, 5 * 10**15, wf, cf)) * 1e3, "ms/block"),
        Row(group, "split_block_emission, 128 subnets", seconds(
            lambda: split_block_emission(10**9, subnets, 5 * 10**15, weight, cut)) * 1e3,
            "ms/block", baseline="Fraction split, 128 subnets", note="lower is better"),
    ]
