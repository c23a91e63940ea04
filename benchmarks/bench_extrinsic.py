"""Extrinsic rates: decode, and decode + the runtime check (implicit data, sr25519/ed25519 verify)
of signed ``Balances.transfer_keep_alive`` extrinsics, against the raw signature verify of the
same payload as the baseline (the check cannot beat it; the gap is our overhead)."""

from __future__ import annotations

from benchmarks.harness import Row, per_second
from runtime.extrinsic import (
    ChainContext,
    CheckedExtrinsic,
    ImplicitContext,
    SignedExtra,
    build_signed_extrinsic,
    check_extrinsic,
    decode_extrinsic,
    signing_payload,
)
from runtime.primitives.era import Mortal
from runtime.primitives.hashing import blake2_256
from runtime.primitives.keys import CryptoScheme, keypair_from_uri, verify

GENESIS = blake2_256(b"bench genesis")
CURRENT = 10_000
TRANSFER = bytes.fromhex(
    "0503008eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a4802286bee")


def _birth_hash(number: int) -> bytes:
    return GENESIS if number == 0 else blake2_256(number.to_bytes(4, "little"))


def _chain() -> ChainContext:
    return ChainContext(425, 1, CURRENT,
                        lambda n: _birth_hash(n) if n == 0 or CURRENT - 2400 <= n < CURRENT
                        else None)


def _rows_for(scheme: CryptoScheme) -> list[Row]:
    keypair = keypair_from_uri("//Alice", scheme)
    era = Mortal.from_current(128, CURRENT - 1)
    context = ImplicitContext(425, 1, GENESIS, _birth_hash(era.birth(CURRENT)))
    extra = SignedExtra(era, nonce=7)
    raw = build_signed_extrinsic(keypair, TRANSFER, extra, context).encode()
    chain = _chain()
    xt = decode_extrinsic(raw)
    if not isinstance(check_extrinsic(xt, chain), CheckedExtrinsic):
        raise RuntimeError(f"{scheme.value} benchmark extrinsic does not pass the check")
    payload = signing_payload(xt.call, xt.signed.extra, context.encode())
    signature = xt.signed.signature.data
    name = scheme.value
    baseline = f"{name} verify (raw)"
    return [
        Row("extrinsic", baseline, per_second(
            lambda: verify(scheme, signature, payload, keypair.public_key)), "ops/s"),
        Row("extrinsic", f"{name} transfer decode", per_second(lambda: decode_extrinsic(raw)),
            "ops/s"),
        Row("extrinsic", f"{name} transfer decode + check", per_second(
            lambda: check_extrinsic(decode_extrinsic(raw), chain)), "ops/s", baseline=baseline,
            note="lookup, implicit data, payload, verify"),
    ]


def run() -> list[Row]:
    """Measure and return the extrinsic rows."""
    return _rows_for(CryptoScheme.SR25519) + _rows_for(CryptoScheme.ED25519)
