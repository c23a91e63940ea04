"""Signing payloads, signature verification and building signed extrinsics.

The signed message of a v4 transaction (spec/substrate.md §5.3) is
``raw = call ‖ extra ‖ implicit``, replaced by ``blake2_256(raw)`` when longer than 256 bytes.

``MultiSignature`` verification, as ``sp_runtime::MultiSignature::verify`` does it against an
AccountId32 signer:

* sr25519: schnorrkel with signing context ``substrate``; the account id is the public key;
* ed25519: ed25519-zebra rules; the account id is the public key;
* ecdsa (secp256k1): the 65-byte ``r ‖ s ‖ v`` signature recovers a public key from
  ``blake2_256(message)`` (``v`` of 27 or more has 27 subtracted, the recovery id must then be
  0..3, ``r``/``s`` at or above the group order are refused); the signer must equal
  ``blake2_256`` of the 33-byte compressed key. Recovery uses libsecp256k1 through coincurve (a
  dependency of libp2p).

Verification never raises on bad input: it answers False.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import coincurve

from runtime.extrinsic.errors import ExtrinsicEncodeError
from runtime.extrinsic.extensions import (
    SUBTENSOR_EXTENSIONS,
    ExtensionSet,
    ImplicitContext,
    MetadataHashMode,
    SignedExtra,
)
from runtime.extrinsic.format import (
    MultiAddress,
    MultiSignature,
    SignatureScheme,
    SignedData,
    UncheckedExtrinsic,
)
from runtime.primitives.hashing import blake2_256
from runtime.primitives.keys import CryptoScheme, Keypair
from runtime.primitives.keys.schemes import ed25519_verify, sr25519_verify

MAX_UNHASHED_PAYLOAD = 256
"""Payloads longer than this many bytes are signed through their ``blake2_256`` hash."""


def signing_payload(call: bytes, explicit: bytes, implicit: bytes) -> bytes:
    """The bytes a signer signs: ``call ‖ explicit ‖ implicit``, hashed with ``blake2_256``
    when longer than 256 bytes."""
    raw = bytes(call) + bytes(explicit) + bytes(implicit)
    return blake2_256(raw) if len(raw) > MAX_UNHASHED_PAYLOAD else raw


def ecdsa_account_id(compressed_public_key: bytes) -> bytes:
    """The AccountId32 of an ecdsa key: ``blake2_256`` of its 33-byte compressed form."""
    return blake2_256(bytes(compressed_public_key))


def ecdsa_recover_compressed(signature: bytes, message_hash: bytes) -> bytes | None:
    """The 33-byte compressed secp256k1 key that made ``signature`` (``r ‖ s ‖ v``, 65 bytes)
    over the 32-byte ``message_hash``, or None when recovery fails (Substrate's
    ``secp256k1_ecdsa_recover_compressed``)."""
    if len(signature) != 65 or len(message_hash) != 32:
        return None
    recovery_id = signature[64] - 27 if signature[64] > 26 else signature[64]
    if recovery_id > 3:
        return None
    try:
        public = coincurve.PublicKey.from_signature_and_message(
            bytes(signature[:64]) + bytes([recovery_id]), bytes(message_hash), hasher=None)
    except ValueError:  # r or s out of range, or no point for this recovery id
        return None
    return public.format(compressed=True)


def verify_signature(signature: MultiSignature, message: bytes, signer: bytes) -> bool:
    """Whether ``signature`` signs ``message`` (the signing payload) for the AccountId32
    ``signer``; never raises."""
    if not isinstance(signer, bytes) or len(signer) != 32:
        return False
    if signature.scheme is SignatureScheme.SR25519:
        return sr25519_verify(signature.data, message, signer)
    if signature.scheme is SignatureScheme.ED25519:
        return ed25519_verify(signature.data, message, signer)
    recovered = ecdsa_recover_compressed(signature.data, blake2_256(bytes(message)))
    return recovered is not None and ecdsa_account_id(recovered) == signer


def sign_payload(keypair: Keypair, payload: bytes) -> MultiSignature:
    """``keypair``'s signature of ``payload`` as a ``MultiSignature``."""
    scheme = (SignatureScheme.SR25519 if keypair.scheme is CryptoScheme.SR25519
              else SignatureScheme.ED25519)
    return MultiSignature(scheme, keypair.sign(payload))


def build_signed_extrinsic(keypair: Keypair, call: bytes,
                           extra: SignedExtra | Mapping[str, Any],
                           context: ImplicitContext,
                           extensions: ExtensionSet = SUBTENSOR_EXTENSIONS
                           ) -> UncheckedExtrinsic:
    """A signed v4 extrinsic of ``call`` from ``keypair`` (sender ``MultiAddress::Id``).

    ``extra`` is the explicit extension data (typed, or values by identifier); ``context`` gives
    the implicit data the runtime will recompute — a mortal era signs its birth block's hash, so
    ``context.birth_hash`` must be the hash of block ``era.birth(current)``; a metadata hash is
    signed exactly when the mode is Enabled."""
    if isinstance(extra, SignedExtra):
        enabled = extra.metadata_hash_mode == MetadataHashMode.ENABLED
        if enabled != (context.metadata_hash is not None):
            raise ExtrinsicEncodeError("CheckMetadataHash mode Enabled needs a metadata hash in "
                                       "the context, mode Disabled none")
    values = extra.explicit_values() if isinstance(extra, SignedExtra) else dict(extra)
    extra_bytes = extensions.encode_explicit(values)
    payload = signing_payload(call, extra_bytes, context.encode(extensions))
    decoded, _ = extensions.decode_explicit_from(extra_bytes, 0)
    signed = SignedData(MultiAddress.id(keypair.account_id), sign_payload(keypair, payload),
                        extra_bytes, decoded)
    return UncheckedExtrinsic(bytes(call), signed)


def signed_payload_of(extrinsic: UncheckedExtrinsic, implicit: bytes) -> bytes:
    """The payload a signed ``extrinsic``'s signature must cover, given the implicit bytes."""
    if extrinsic.signed is None:
        raise ValueError("a bare extrinsic has no signing payload")
    return signing_payload(extrinsic.call, extrinsic.signed.extra, implicit)
