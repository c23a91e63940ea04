"""A fake chain of nonce-ordered accounts and the validator it implies, shared by the pool tests.

Extrinsic bytes: ``compact(len) ‖ 0x84 ‖ account (32 bytes) ‖ nonce u32 ‖ tip u64 ‖ marker``
(``0x04`` instead of ``0x84`` makes it bare). Validation follows FRAME's CheckNonce and
ChargeTransactionPayment: nonce below the account's nonce at ``at`` → Stale; above → requires
``(account, nonce - 1)``; provides ``(account, nonce)``; priority = tip; a "broke" account →
Payment; an account flagged "unknown" → UnknownTransaction(CannotLookup).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from node.txpool import (
    InvalidKind,
    InvalidTransaction,
    TransactionSource,
    UnknownKind,
    UnknownTransaction,
    ValidTransaction,
)

GENESIS = b"\x00" * 32


def account(n: int) -> bytes:
    """A 32-byte account id for test account ``n``."""
    return bytes([n]) * 32


def nonce_tag(who: bytes, nonce: int) -> bytes:
    """CheckNonce's tag: SCALE of ``(AccountId32, u32)``."""
    return who + nonce.to_bytes(4, "little")


def make_xt(who: bytes, nonce: int, tip: int = 0, marker: bytes = b"",
            signed: bool = True) -> bytes:
    """Encode a fake extrinsic with a SCALE compact length prefix."""
    body = (b"\x84" if signed else b"\x04") + who + nonce.to_bytes(4, "little") \
        + tip.to_bytes(8, "little") + marker
    length = len(body)
    prefix = bytes([length << 2]) if length < 64 else ((length << 2) | 1).to_bytes(2, "little")
    return prefix + body


def parse_xt(xt: bytes) -> tuple[bytes, int, int]:
    """(account, nonce, tip) of a fake extrinsic."""
    skip = 1 if xt[0] & 3 == 0 else 2
    body = xt[skip:]
    return body[1:33], int.from_bytes(body[33:37], "little"), int.from_bytes(body[37:45], "little")


@dataclass
class FakeChain:
    """Account nonces per block hash, plus flags that make validation fail."""

    states: dict[bytes, dict[bytes, int]] = field(default_factory=lambda: {GENESIS: {}})
    broke: set[bytes] = field(default_factory=set)
    unknown: set[bytes] = field(default_factory=set)
    longevity: int = 64
    calls: int = 0

    def nonce(self, at: bytes, who: bytes) -> int:
        """The account's nonce in the state after block ``at``."""
        return self.states[at].get(who, 0)

    def add_block(self, parent: bytes, block_hash: bytes, extrinsics: list[bytes]) -> None:
        """Apply ``extrinsics`` (each must carry the next nonce) on ``parent``'s state."""
        state = dict(self.states[parent])
        for xt in extrinsics:
            who, nonce, _ = parse_xt(xt)
            if nonce != state.get(who, 0):
                raise ValueError(f"bad nonce {nonce} for {who[:1].hex()}")
            state[who] = nonce + 1
        self.states[block_hash] = state

    def validate(self, source: TransactionSource, xt: bytes, at: bytes,
                 ) -> ValidTransaction | InvalidTransaction | UnknownTransaction:
        """The validator the pool is given."""
        self.calls += 1
        who, nonce, tip = parse_xt(xt)
        if who in self.unknown:
            return UnknownTransaction(UnknownKind.CANNOT_LOOKUP)
        current = self.nonce(at, who)
        if nonce < current:
            return InvalidTransaction(InvalidKind.STALE)
        if who in self.broke:
            return InvalidTransaction(InvalidKind.PAYMENT)
        requires = (nonce_tag(who, nonce - 1),) if nonce > current else ()
        return ValidTransaction(priority=tip, requires=requires, provides=(nonce_tag(who, nonce),),
                                longevity=self.longevity, propagate=True)


class FakeClock:
    """A settable monotonic clock."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_fake_validator_future_nonce_requires_previous_tag() -> None:
    chain = FakeChain()
    validity = chain.validate(TransactionSource.EXTERNAL, make_xt(account(1), 2, tip=7), GENESIS)
    assert validity == ValidTransaction(7, (nonce_tag(account(1), 1),),
                                        (nonce_tag(account(1), 2),), 64, True)


def test_fake_validator_stale_nonce_is_stale() -> None:
    chain = FakeChain()
    chain.add_block(GENESIS, b"\x01" * 32, [make_xt(account(1), 0)])
    validity = chain.validate(TransactionSource.EXTERNAL, make_xt(account(1), 0), b"\x01" * 32)
    assert validity == InvalidTransaction(InvalidKind.STALE)
