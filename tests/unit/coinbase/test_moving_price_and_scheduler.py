"""Moving price EMA (§3.8) and the epoch scheduler (§3.6)."""

from __future__ import annotations

from fractions import Fraction
from math import floor

from hypothesis import given, settings
from hypothesis import strategies as st

from runtime.pallets.subtensor.coinbase import (
    DEFAULT_MOVING_ALPHA,
    EpochAction,
    EpochSchedule,
    blocks_until_next_auto_epoch,
    initial_last_epoch_block,
    legacy_blocks_until_next_epoch,
    moving_alpha_price,
    next_epoch_start_block,
    schedule_epochs,
    should_run_epoch,
    updated_moving_price,
)
from runtime.primitives.fixed import I96F32, U64F64

U64_MAX = (1 << 64) - 1


def _grid(value: Fraction, frac_bits: int) -> Fraction:
    return Fraction(floor(value * (1 << frac_bits)), 1 << frac_bits)


def test_default_moving_alpha_is_the_f64_constant() -> None:
    assert I96F32.from_f64(0.000003) == DEFAULT_MOVING_ALPHA


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=4 << 64).map(U64F64.from_bits),
       st.integers(min_value=0, max_value=4 << 64).map(U64F64.from_bits),
       st.integers(min_value=0, max_value=10**8), st.one_of(st.none(), st.integers(0, 10**8)),
       st.integers(min_value=0, max_value=10**6))
def test_moving_price_restated(old: U64F64, spot: U64F64, block: int, first: int | None,
                               halving: int) -> None:
    new = updated_moving_price(old, spot, block, first, halving)
    b = Fraction(max(block - max((first or 0) - 1, 0), 0))
    ramp = Fraction(0) if b + halving == 0 else _grid(b / (b + halving), 64)
    alpha = _grid(DEFAULT_MOVING_ALPHA.to_fraction() * ramp, 64)
    expected = _grid(alpha * min(spot.to_fraction(), Fraction(1)), 64) + _grid(
        (1 - alpha) * old.to_fraction(), 64)
    assert new.to_fraction() == _grid(expected, 32)
    low, high = sorted((old.to_fraction(), min(spot.to_fraction(), Fraction(1))))
    assert low - Fraction(2, 1 << 32) <= new.to_fraction() <= high


def test_moving_alpha_price_for_root_and_stable() -> None:
    stored = I96F32.from_fraction(3, 4)
    assert moving_alpha_price(stored, True) == U64F64.ONE
    assert moving_alpha_price(stored, False) == U64F64.from_fraction(3, 4)
    assert moving_alpha_price(I96F32.from_num(-1), False) == U64F64.ZERO


def test_should_run_epoch_rules() -> None:
    assert not should_run_epoch(0, 5, 10**6, 0, 10)
    assert should_run_epoch(360, 10, 1, 5, 10)
    assert not should_run_epoch(360, 11, 1, 5, 10)
    assert should_run_epoch(360, 0, 50_401, 5, 10)
    assert should_run_epoch(360, 0, 1, 0, 360)
    assert not should_run_epoch(360, 0, 1, 1, 360)
    assert next_epoch_start_block(100, 360, 0) == 460
    assert next_epoch_start_block(100, 360, 200) == 200
    assert next_epoch_start_block(100, 0, 200) is None
    assert blocks_until_next_auto_epoch(U64_MAX, 10, 0) == U64_MAX


def test_initial_stagger() -> None:
    assert initial_last_epoch_block(1000, 7, 360) == 993
    assert initial_last_epoch_block(1000, 365, 360) == 995
    assert initial_last_epoch_block(3, 7, 360) == 0
    assert initial_last_epoch_block(50, 7, 0) == 50


def test_legacy_formula() -> None:
    assert legacy_blocks_until_next_epoch(1, 10, 9) == 10 - (11 % 11)
    assert legacy_blocks_until_next_epoch(0, 360, 359) == 0
    assert legacy_blocks_until_next_epoch(3, 0, 5) == U64_MAX


def test_cap_defers_and_inconsistent_subnets_do_not_consume_slots() -> None:
    due = [EpochSchedule(n, 10, 0, 0, 9, 4, input_consistent=(n != 2)) for n in range(1, 6)]
    idle = EpochSchedule(9, 10, 5, 0, 4, 1)
    decisions = schedule_epochs([*due, idle], block=10, max_epochs_per_block=2)
    assert [d.action for d in decisions] == [EpochAction.RUN, EpochAction.SKIPPED,
                                             EpochAction.RUN, EpochAction.DEFERRED,
                                             EpochAction.DEFERRED, EpochAction.IDLE]
    run, skipped, deferred, waiting = decisions[0], decisions[1], decisions[3], decisions[5]
    assert (run.last_epoch_block, run.pending_epoch_at, run.blocks_since_last_step,
            run.epoch_index) == (10, 0, 0, 5)
    assert (skipped.last_epoch_block, skipped.blocks_since_last_step, skipped.epoch_index) == (
        10, 10, 5)
    assert (deferred.last_epoch_block, deferred.pending_epoch_at, deferred.epoch_index) == (
        0, 11, 4)
    assert (waiting.blocks_since_last_step, waiting.last_epoch_block) == (5, 5)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 400), st.integers(0, 1000), st.integers(0, 1100),
                          st.integers(0, 60_000), st.booleans()), max_size=30),
       st.integers(1000, 1100), st.integers(0, 4))
def test_scheduler_never_runs_more_than_the_cap(rows: list[tuple], block: int, cap: int) -> None:
    states = [EpochSchedule(n, tempo, last, pending, since, 0, ok)
              for n, (tempo, last, pending, since, ok) in enumerate(rows)]
    decisions = schedule_epochs(states, block, cap)
    assert sum(d.action is EpochAction.RUN for d in decisions) <= cap
    for state, decision in zip(states, decisions, strict=True):
        due = should_run_epoch(state.tempo, state.pending_epoch_at,
                               state.blocks_since_last_step + 1, state.last_epoch_block, block)
        assert (decision.action is EpochAction.IDLE) == (not due)


def test_reference_coinbase_moving_price_cases() -> None:
    """``test_coinbase_moving_prices`` / ``test_update_moving_price_*`` (tests/coinbase.rs)."""
    h, spot = 201_600, U64F64.ONE
    stored = updated_moving_price(U64F64.ONE, spot, 7_200_000, 1, h)
    assert stored == I96F32.ONE
    stored = updated_moving_price(U64F64.ZERO, spot, 7_200_000, 1, h, I96F32.ONE)
    assert Fraction(1) - stored.to_fraction() < Fraction(5, 100)
    tenth = I96F32.from_f64(0.1)
    price = U64F64.ZERO
    for _ in range(14):
        price = moving_alpha_price(updated_moving_price(price, spot, 7_200 * 28, 1, h, tenth),
                                   False)
    assert abs(price.to_fraction() - Fraction(512_325, 10**6)) < Fraction(1, 1000)
    half = I96F32.from_f64(0.5)
    assert updated_moving_price(U64F64.ZERO, spot, 510, 500, h, half).to_fraction() < Fraction(
        1, 1000)
    late = updated_moving_price(U64F64.ZERO, spot, 144_000_500, 500, h, half)
    assert abs(late.to_fraction() - Fraction(1, 2)) < Fraction(1, 1000)
