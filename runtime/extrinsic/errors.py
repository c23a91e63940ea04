"""Errors of the extrinsic codec: malformed bytes, never validity outcomes.

A well-formed extrinsic with a bad signature or a stale nonce is not an error here: the checks
return ``InvalidTransaction``/``UnknownTransaction`` values (see :mod:`.validity`). These exceptions
are for bytes that are not an extrinsic at all (the node answers such a submission with RPC error
1002 "Verification Error: Could not decode"). Each names what was being read and the byte offset.
"""

from __future__ import annotations


class ExtrinsicError(ValueError):
    """Base class of the extrinsic codec's errors."""


class ExtrinsicDecodeError(ExtrinsicError):
    """The bytes are not an extrinsic of the supported format.

    ``what`` names the part being read (``"length prefix"``, ``"signature"``, ``"extension
    CheckMortality"``, ...) and ``offset`` the byte position in the input where it starts."""

    def __init__(self, what: str, offset: int, reason: str) -> None:
        super().__init__(f"cannot decode extrinsic {what} at byte {offset}: {reason}")
        self.what = what
        self.offset = offset
        self.reason = reason


class UnsupportedVersionError(ExtrinsicDecodeError):
    """The version byte is not ``0x04`` (bare v4) or ``0x84`` (signed v4)."""


class LengthPrefixError(ExtrinsicDecodeError):
    """The compact length prefix disagrees with the number of bytes that follow it."""


class TrailingBytesError(ExtrinsicDecodeError):
    """Bytes remain after the extrinsic the length prefix delimits."""


class UnknownVariantError(ExtrinsicDecodeError):
    """An address or signature variant index that the format does not define."""


class ExtrinsicEncodeError(ExtrinsicError):
    """A value cannot be encoded as part of an extrinsic (wrong type, missing extension data)."""
