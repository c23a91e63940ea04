"""Long runs of the fixed-point property tests (``make test-all``); the default suite runs
smaller versions of the same properties in test_fixed_arith / _convert / _transcendental."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runtime.primitives.fixed import (
    FIXED_TYPES,
    I32F32,
    I96F32,
    FixedDivisionByZeroError,
    FixedPoint,
    checked_exp,
    checked_log2,
)
from tests.unit.primitives.test_fixed_arith import TYPE_IDS, _check_binary, pair_of, value
from tests.unit.primitives.test_fixed_reference import (
    MODELS,
    ref_div,
    ref_exp,
    ref_fixed_to_u16,
    ref_from_f64,
    ref_log2,
)

pytestmark = pytest.mark.slow

MANY = settings(max_examples=3000, deadline=None)


@pytest.mark.parametrize("cls", FIXED_TYPES, ids=TYPE_IDS)
@pytest.mark.parametrize("op", ["add", "sub", "mul"])
def test_binary_op_many_examples_match_model(cls: type[FixedPoint], op: str) -> None:
    @MANY
    @given(pair_of(cls))
    def run(pair: tuple[FixedPoint, FixedPoint]) -> None:
        _check_binary(cls, op, *pair)

    run()


@pytest.mark.parametrize("cls", FIXED_TYPES, ids=TYPE_IDS)
def test_division_many_examples_match_model(cls: type[FixedPoint]) -> None:
    m = MODELS[cls.__name__]

    @MANY
    @given(pair_of(cls))
    def run(pair: tuple[FixedPoint, FixedPoint]) -> None:
        a, b = pair
        if b.bits == 0:
            with pytest.raises(FixedDivisionByZeroError):
                a / b
            return
        expected = ref_div(m, value(a), value(b))
        assert a.saturating_div(b).bits == m.bits(m.clamp(expected))
        assert a.safe_div(b).bits == (m.bits(expected) if m.fits(expected) else 0)

    run()


@pytest.mark.parametrize("cls", FIXED_TYPES, ids=TYPE_IDS)
def test_float_and_proportion_conversions_many_examples(cls: type[FixedPoint]) -> None:
    m = MODELS[cls.__name__]

    @MANY
    @given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e40, max_value=1e40),
           st.integers(cls.MIN_BITS, cls.MAX_BITS))
    def run(x: float, bits: int) -> None:
        assert cls.saturating_from_f64(x).bits == m.bits(m.clamp(ref_from_f64(m, x)))
        assert cls.from_bits(bits).to_u16_proportion() == ref_fixed_to_u16(
            value(cls.from_bits(bits)))

    run()


@settings(max_examples=1500, deadline=None)
@given(st.integers(-(21 << 32), 21 << 32))
def test_exp_over_the_whole_clamp_range(bits: int) -> None:
    x = I32F32.from_bits(bits)
    result = checked_exp(x)
    assert (None if result is None else value(result)) == ref_exp(MODELS["I32F32"], value(x))


@settings(max_examples=800, deadline=None)
@given(st.integers(1, I96F32.MAX_BITS))
def test_log2_i96f32_many_examples(bits: int) -> None:
    x = I96F32.from_bits(bits)
    result = checked_log2(x)
    assert (None if result is None else value(result)) == ref_log2(MODELS["I96F32"], value(x))
