"""Extrinsics: the v4 envelope, transaction extensions, signing and validity (spec/substrate.md §5).

Quick reference::

    from runtime.extrinsic import (decode_extrinsic, build_signed_extrinsic, SignedExtra,
                                   ImplicitContext, ChainContext, check_extrinsic)

    xt = decode_extrinsic(raw)                   # UncheckedExtrinsic (call stays opaque bytes)
    checked = check_extrinsic(xt, ChainContext(425, 1, block_number, block_hash_lookup))
    # -> CheckedExtrinsic(signer, call, extra) or InvalidTransaction / UnknownTransaction

Modules: :mod:`.format` (envelope codec), :mod:`.extensions` (the extension set as data),
:mod:`.signing` (payload, verification, building), :mod:`.checks` (stateless checks and the pure
parts of CheckNonce and the payment priority), :mod:`.validity` (``TransactionValidity`` values
and SCALE types), :mod:`.errors` (malformed-bytes exceptions), :mod:`.apply`
(``ApplyExtrinsicResult`` over the frame's ``DispatchError``; import it from its module).
"""

from __future__ import annotations

from runtime.extrinsic.checks import (
    ChainContext,
    CheckedExtrinsic,
    check_extrinsic,
    check_non_zero_sender,
    check_shield_mortality,
    drand_validity,
    metadata_hash_implicit,
    mortality_birth_hash,
    mortality_validity,
    nonce_prepare,
    nonce_tag,
    nonce_validity,
    payment_priority,
    payment_validity,
    runtime_implicit_values,
    validate_stateless,
)
from runtime.extrinsic.errors import (
    ExtrinsicDecodeError,
    ExtrinsicEncodeError,
    ExtrinsicError,
    LengthPrefixError,
    TrailingBytesError,
    UnknownVariantError,
    UnsupportedVersionError,
)
from runtime.extrinsic.extensions import (
    SUBTENSOR_EXTENSIONS,
    ExtensionSet,
    ImplicitContext,
    MetadataHashMode,
    SignedExtra,
    TransactionExtension,
    implicit_data,
)
from runtime.extrinsic.format import (
    AddressKind,
    MultiAddress,
    MultiSignature,
    SignatureScheme,
    SignedData,
    UncheckedExtrinsic,
    decode_extrinsic,
    decode_extrinsic_from,
    extrinsic_hash,
)
from runtime.extrinsic.signing import (
    build_signed_extrinsic,
    ecdsa_account_id,
    sign_payload,
    signing_payload,
    verify_signature,
)
from runtime.extrinsic.validity import (
    InvalidKind,
    InvalidTransaction,
    TransactionSource,
    TransactionValidity,
    TransactionValidityError,
    UnknownKind,
    UnknownTransaction,
    ValidTransaction,
    decode_transaction_validity,
    encode_transaction_validity,
)

__all__ = [
    "SUBTENSOR_EXTENSIONS",
    "AddressKind",
    "ChainContext",
    "CheckedExtrinsic",
    "ExtensionSet",
    "ExtrinsicDecodeError",
    "ExtrinsicEncodeError",
    "ExtrinsicError",
    "ImplicitContext",
    "InvalidKind",
    "InvalidTransaction",
    "LengthPrefixError",
    "MetadataHashMode",
    "MultiAddress",
    "MultiSignature",
    "SignatureScheme",
    "SignedData",
    "SignedExtra",
    "TrailingBytesError",
    "TransactionExtension",
    "TransactionSource",
    "TransactionValidity",
    "TransactionValidityError",
    "UncheckedExtrinsic",
    "UnknownKind",
    "UnknownTransaction",
    "UnknownVariantError",
    "UnsupportedVersionError",
    "ValidTransaction",
    "build_signed_extrinsic",
    "check_extrinsic",
    "check_non_zero_sender",
    "check_shield_mortality",
    "decode_extrinsic",
    "decode_extrinsic_from",
    "decode_transaction_validity",
    "drand_validity",
    "ecdsa_account_id",
    "encode_transaction_validity",
    "extrinsic_hash",
    "implicit_data",
    "metadata_hash_implicit",
    "mortality_birth_hash",
    "mortality_validity",
    "nonce_prepare",
    "nonce_tag",
    "nonce_validity",
    "payment_priority",
    "payment_validity",
    "runtime_implicit_values",
    "sign_payload",
    "signing_payload",
    "validate_stateless",
    "verify_signature",
]
