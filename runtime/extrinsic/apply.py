"""``ApplyExtrinsicResult``: what ``BlockBuilder_apply_extrinsic`` returns over ``state_call``.

``ApplyExtrinsicResult = Result<Result<(), DispatchError>, TransactionValidityError>``:

* ``00 00`` — included, dispatched successfully;
* ``00 01 ‖ DispatchError`` — included, dispatch failed (fee kept, writes rolled back);
* ``01 ‖ TransactionValidityError`` — not includable (invalid or unknown).

``DispatchError`` is the frame's (:mod:`runtime.frame.dispatch`, sp_runtime's exact shape). This
module is not re-exported by :mod:`runtime.extrinsic` so that the frame may import the
extrinsic package without an import cycle.
"""

from __future__ import annotations

from runtime.extrinsic.validity import (
    TRANSACTION_VALIDITY_ERROR,
    InvalidTransaction,
    UnknownTransaction,
    ValidityCodecError,
    error_from_scale_value,
    error_to_scale_value,
)
from runtime.frame.dispatch import DispatchError, DispatchErrorType
from runtime.primitives.scale import DecodeError, EnumValue, Result, Unit

DISPATCH_OUTCOME = Result(Unit, DispatchErrorType)
APPLY_EXTRINSIC_RESULT = Result(DISPATCH_OUTCOME, TRANSACTION_VALIDITY_ERROR)

ApplyOutcome = DispatchError | InvalidTransaction | UnknownTransaction | None
"""None: applied and dispatched; ``DispatchError``: applied, dispatch failed; a validity error:
not applied."""


def encode_apply_extrinsic_result(outcome: ApplyOutcome) -> bytes:
    """The SCALE ``ApplyExtrinsicResult`` of ``outcome``."""
    if outcome is None:
        value = EnumValue("Ok", EnumValue("Ok", None))
    elif isinstance(outcome, DispatchError):
        value = EnumValue("Ok", EnumValue("Err", outcome.to_scale()))
    else:
        value = EnumValue("Err", error_to_scale_value(outcome))
    return APPLY_EXTRINSIC_RESULT.encode(value)


def decode_apply_extrinsic_result(data: bytes) -> ApplyOutcome:
    """Decode a SCALE ``ApplyExtrinsicResult`` (every byte consumed). A ``Module`` dispatch error
    whose error bytes carry nested data (bytes 1..3 not zero) is refused: the frame's
    ``DispatchError`` holds only the error index."""
    try:
        value = APPLY_EXTRINSIC_RESULT.decode(data)
    except DecodeError as exc:
        raise ValidityCodecError(f"not an ApplyExtrinsicResult: {exc}") from exc
    if value.variant == "Err":
        return error_from_scale_value(value.value)
    dispatch = value.value
    if dispatch.variant == "Ok":
        return None
    return _dispatch_error(dispatch.value)


def _dispatch_error(value: EnumValue) -> DispatchError:
    if value.variant == "Module":
        index, error = value.value.index, value.value.error
        if any(error[1:]):
            raise ValidityCodecError(f"module error {error.hex()} carries nested data")
        return DispatchError.module(index, error[0], f"error {error[0]}")
    return DispatchError(value.variant, None if value.value is None else value.value.variant)


def is_validity_error(outcome: ApplyOutcome) -> bool:
    """Whether ``outcome`` means the extrinsic was not applied."""
    return isinstance(outcome, InvalidTransaction | UnknownTransaction)

