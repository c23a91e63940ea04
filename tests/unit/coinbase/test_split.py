"""Subnet split, injection terms and participant alpha against Fraction restatements (§3.3–3.5)."""

from __future__ import annotations

from fractions import Fraction
from math import floor

from hypothesis import given, settings
from hypothesis import strategies as st

from runtime.pallets.subtensor.coinbase import (
    SubnetCoinbaseInput,
    block_emission_for_issuance,
    owner_cut_fraction,
    participant_split,
    price_shares,
    root_proportion,
    root_sell_flag,
    split_block_emission,
    subnet_block_emissions,
    subnet_terms,
    tao_weight_from_stored,
)
from runtime.primitives.fixed import U64F64, U96F32

U64_MAX = (1 << 64) - 1
prices = st.integers(min_value=0, max_value=10 << 64).map(U64F64.from_bits)


def _grid(value: Fraction, frac_bits: int) -> Fraction:
    return Fraction(floor(value * (1 << frac_bits)), 1 << frac_bits)


@settings(max_examples=150, deadline=None)
@given(st.lists(prices, min_size=1, max_size=40))
def test_price_shares_restated(moving: list[U64F64]) -> None:
    total = sum(p.to_fraction() for p in moving)
    shares = price_shares(moving)
    for price, share in zip(moving, shares, strict=True):
        expected = Fraction(0) if total == 0 else _grid(price.to_fraction() / total, 64)
        assert share.to_fraction() == expected
    assert sum(s.to_fraction() for s in shares) <= 1


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.lists(
    st.tuples(prices, st.integers(min_value=0, max_value=2 << 32).map(U96F32.from_bits),
              st.booleans()), min_size=1, max_size=40))
def test_block_emissions_never_exceed_the_block(emission: int,
                                                subnets: list[tuple]) -> None:
    moving, burned, enabled = (list(column) for column in zip(*subnets, strict=True))
    out = subnet_block_emissions(emission, moving, burned, enabled)
    assert sum(e.to_fraction() for e in out) <= emission
    for value, on in zip(out, enabled, strict=True):
        assert value.bits >= 0
        if not on:
            assert value.bits == 0


def test_disabled_subnet_share_goes_to_enabled() -> None:
    one = U64F64.ONE
    out = subnet_block_emissions(1_000_000, [one, one], [U96F32.ZERO] * 2, [True, False])
    assert [e.saturating_to_u64() for e in out] == [1_000_000, 0]


def test_miner_burn_penalty_reweights() -> None:
    one = U64F64.ONE
    half = U96F32.from_fraction(1, 2)
    out = subnet_block_emissions(900, [one, one], [half, U96F32.ZERO], [True, True])
    assert [e.saturating_to_u64() for e in out] == [299, 599]
    all_burned = subnet_block_emissions(900, [one, one], [U96F32.ONE] * 2, [True, True])
    assert [e.saturating_to_u64() for e in all_burned] == [450, 450]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=10**16),
       prices, st.integers(min_value=0, max_value=U64_MAX),
       st.integers(min_value=0, max_value=10**17))
def test_subnet_terms_restated(tao_emission: int, issuance: int, spot: U64F64, weight: int,
                               root_tao: int) -> None:
    rp = root_proportion(issuance, root_tao, tao_weight_from_stored(weight))
    w = _grid(Fraction(weight * (1 << 32) // U64_MAX, 1 << 32), 32)
    weighted = _grid(root_tao * w, 32)
    expected_rp = Fraction(0) if weighted + issuance == 0 else _grid(
        weighted / (weighted + issuance), 32)
    assert rp.to_fraction() == expected_rp <= 1
    terms = subnet_terms(U96F32.from_num(tao_emission), issuance, spot, rp)
    price = _grid(spot.to_fraction(), 32)
    alpha_emission = block_emission_for_issuance(issuance)
    alpha_in = Fraction(0) if price == 0 else _grid(tao_emission / price, 32)
    cap = _grid(expected_rp * alpha_emission, 32)
    tao_in = Fraction(tao_emission)
    if alpha_in > cap:
        alpha_in, tao_in = cap, _grid(cap * price, 32)
    assert terms.alpha_in.to_fraction() == alpha_in
    assert terms.tao_in.to_fraction() == tao_in
    assert terms.alpha_out.to_fraction() == alpha_emission
    assert terms.excess_tao.to_fraction() == max(tao_emission - tao_in, 0)
    assert terms.tao_in_u64 + terms.excess_tao_u64 <= tao_emission


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9 << 32).map(U96F32.from_bits),
       st.one_of(st.none(), st.integers(min_value=0, max_value=65535)),
       st.integers(min_value=0, max_value=1 << 32).map(U96F32.from_bits))
def test_participant_split_restated_and_conserving(alpha_out: U96F32, cut: int | None,
                                                   rp: U96F32) -> None:
    fraction = None if cut is None else owner_cut_fraction(cut)
    split = participant_split(alpha_out, fraction, rp)
    a = alpha_out.to_fraction()
    owner = Fraction(0) if fraction is None else _grid(a * fraction.to_fraction(), 32)
    remaining = a - owner
    root = _grid(_grid(rp.to_fraction() * remaining, 32) / 2, 32)
    server = _grid(remaining / 2, 32)
    validator = max(remaining - server - root, Fraction(0))
    assert (split.owner_cut, split.server, split.validator, split.root_alpha) == (
        floor(owner), floor(server), floor(validator), floor(root))
    assert split.owner_cut + split.server + split.validator + split.root_alpha <= (
        split.alpha_created)


def test_root_sell_flag() -> None:
    assert not root_sell_flag([U64F64.ONE])
    assert not root_sell_flag([U64F64.from_fraction(1, 2)] * 2)
    assert root_sell_flag([U64F64.from_fraction(1, 2), U64F64.from_fraction(2, 3)])


def test_split_for_128_subnets_conserves_the_block() -> None:
    subnets = [SubnetCoinbaseInput(U64F64.from_fraction(n + 1, 200), 10**15 + n * 10**12,
                                   U64F64.from_fraction(n + 1, 150)) for n in range(128)]
    results, flag = split_block_emission(10**9, subnets, 5 * 10**15,
                                         tao_weight_from_stored(971_718_665_099_567_868),
                                         owner_cut_fraction(11_796))
    assert flag
    assert sum(r.terms.tao_in_u64 + r.terms.excess_tao_u64 for r in results) <= 10**9
    assert all(r.participants.alpha_created == 10**9 for r in results)


def test_cap_trigger_turns_all_tao_into_chain_buys() -> None:
    """``test_coinbase_alpha_issuance_with_cap_trigger_and_block_emission`` as a pure flow.

    Alpha issuance above 21M ⇒ alpha emission 0 ⇒ injection cap 0: nothing is injected and
    the whole TAO share is excess, bought fee-free at no limit (``inject_and_maybe_swap``),
    which moves alpha from the pool to SubnetAlphaOut and raises the price.
    """
    from runtime.pallets.swap_math import (
        MAX_PRICE_RAO,
        PoolState,
        adjust_protocol_liquidity,
        apply_buy,
        current_price,
        limit_price_from_rao,
        swap_tao_for_alpha,
    )
    pools = [PoolState(10_000, 10_000 * 100_000), PoolState(10_000, 10_000 * 100_000)]
    issuance = 21 * 10**15 + pools[0].alpha_reserve
    subnets = [SubnetCoinbaseInput(U64F64.from_num(n + 1), issuance, current_price(pool))
               for n, pool in enumerate(pools)]
    results, _ = split_block_emission(1_000_000, subnets, 10**12, tao_weight_from_stored(
        U64_MAX), owner_cut_fraction(11_796))
    for pool, result in zip(pools, results, strict=True):
        assert result.terms.alpha_in_u64 == 0 and result.terms.tao_in_u64 == 0
        assert result.participants.alpha_created == 0
        excess = result.terms.excess_tao_u64
        assert excess > 0
        weighted, tao_in, alpha_in = adjust_protocol_liquidity(pool, 0, 0)
        assert (tao_in, alpha_in) == (0, 0)
        bought = swap_tao_for_alpha(weighted, excess, limit_price_from_rao(MAX_PRICE_RAO),
                                    drop_fees=True)
        after = apply_buy(weighted, bought)
        assert bought.fee_paid == 0 and bought.amount_paid_out > 0
        assert after.alpha_reserve < pool.alpha_reserve
        assert current_price(after) > current_price(pool)
