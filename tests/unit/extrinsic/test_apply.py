"""ApplyExtrinsicResult: the three outcomes, their bytes, and decoding arbitrary input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runtime.extrinsic.apply import (
    ApplyOutcome,
    decode_apply_extrinsic_result,
    encode_apply_extrinsic_result,
    is_validity_error,
)
from runtime.extrinsic.validity import (
    InvalidKind,
    InvalidTransaction,
    UnknownKind,
    UnknownTransaction,
    ValidityCodecError,
)
from runtime.frame.dispatch import DispatchError


@pytest.mark.parametrize("outcome,hex_bytes", [
    (None, "0000"),
    (DispatchError.bad_origin(), "000102"),
    (DispatchError.module(7, 3, "NotEnoughBalanceToStake"), "00010307" "03000000"),
    (DispatchError.arithmetic("Overflow"), "00010801"),
    (DispatchError.token("FundsUnavailable"), "00010700"),
    (InvalidTransaction(InvalidKind.PAYMENT), "010001"),
    (InvalidTransaction(InvalidKind.CUSTOM, 3), "01000703"),
    (UnknownTransaction(UnknownKind.CANNOT_LOOKUP), "010100"),
])
def test_outcomes_encode_as_substrate_and_decode_back(outcome: ApplyOutcome,
                                                      hex_bytes: str) -> None:
    assert encode_apply_extrinsic_result(outcome).hex() == hex_bytes
    assert decode_apply_extrinsic_result(bytes.fromhex(hex_bytes)) == outcome
    assert is_validity_error(outcome) == hex_bytes.startswith("01")


def test_module_error_with_nested_data_is_refused() -> None:
    with pytest.raises(ValidityCodecError, match="nested data"):
        decode_apply_extrinsic_result(bytes.fromhex("00010307" "03010000"))


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=12))
def test_any_bytes_decode_and_reencode_or_raise_the_codec_error(raw: bytes) -> None:
    try:
        outcome = decode_apply_extrinsic_result(raw)
    except ValidityCodecError:
        return
    assert encode_apply_extrinsic_result(outcome) == raw
