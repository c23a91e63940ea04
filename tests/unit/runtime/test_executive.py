"""The executive: nonces, fees, rollback of invalid extrinsics, events, roots, re-execution.

The fee policy is the executive's injection point; here a flat fee taken from the sender's free
balance (System.Account data) stands in for TransactionPayment, so these tests exercise the
executive's own rules with real signatures, a real overlay and real roots.
"""

from __future__ import annotations

import pytest

from runtime.composition import Runtime
from runtime.executive import Executive, InvalidBlock, VersionInfo
from runtime.extrinsic.extensions import ImplicitContext, SignedExtra
from runtime.extrinsic.format import UncheckedExtrinsic
from runtime.extrinsic.signing import build_signed_extrinsic
from runtime.extrinsic.validity import InvalidKind, InvalidTransaction
from runtime.frame import system
from runtime.frame.dispatch import (
    DispatchClass,
    DispatchError,
    DispatchInfo,
    PostDispatchInfo,
    Weight,
    ensure_none,
)
from runtime.frame.pallet import Pallet
from runtime.frame.storage import VALUE_QUERY
from runtime.primitives.block import Block, Digest, Header
from runtime.primitives.externalities import Externalities
from runtime.primitives.keys import DEV_ACCOUNTS
from runtime.primitives.scale import U32, U64, Compact, EnumValue
from storage.overlay import Overlay
from storage.trie import Trie
from storage.trie.nodestore import MemoryNodeStore

FEE = 1_000
VERSION = VersionInfo("node-subtensor", "node-subtensor", 1, 425, 1, 1, 1)
ALICE = DEV_ACCOUNTS["Alice"].sr25519
BOB = DEV_ACCOUNTS["Bob"].sr25519

demo = Pallet("Demo", 40)
Counter = demo.value("Counter", U32, query=VALUE_QUERY, default=0)
Stamp = demo.value("Stamp", U64)
Overflow = demo.error(0, "Overflow")


@demo.call(0, [("by", U32, "u32")], weight=Weight(5_000))
def bump(ext: Externalities, origin: object, by: int) -> None:
    """Add ``by`` to the counter; fails (after writing) past 1000."""
    Counter.insert(ext, Counter.get(ext) + by)
    if Counter.get(ext) > 1000:
        raise Overflow()


@demo.call(1, [("now", Compact(U64), "T::Moment")], weight=Weight(1),
           dispatch_class=DispatchClass.Mandatory)
def stamp(ext: Externalities, origin: object, now: int) -> None:
    """An inherent: unsigned, mandatory."""
    ensure_none(origin)
    Stamp.insert(ext, now)


class FlatFee:
    """Take FEE from the sender's free balance; refuse when it cannot pay."""

    def withdraw_fee(self, ext: Externalities, who: bytes, info: DispatchInfo, length: int,
                     tip: int) -> object | InvalidTransaction:
        account = system.account_dict(ext, who)
        if account["data"]["free"] < FEE + tip:
            return InvalidTransaction(InvalidKind.PAYMENT)
        account["data"]["free"] -= FEE + tip
        system.Account.insert(ext, who, account)
        return FEE + tip

    def settle_fee(self, ext: Externalities, charge: object, info: DispatchInfo,
                   post_info: PostDispatchInfo, length: int) -> None:
        """Nothing to refund with a flat fee."""


RUNTIME = Runtime([system.system, demo])
EXECUTIVE = Executive(RUNTIME, VERSION, FlatFee())
GENESIS_HASH = bytes([7]) * 32


def _genesis_state() -> Overlay:
    ext = Overlay(Trie(MemoryNodeStore()))
    for keypair, free in ((ALICE, 10_000_000), (BOB, 500)):
        system.Account.insert(ext, keypair.account_id,
                              {**system.DEFAULT_ACCOUNT_INFO, "providers": 1,
                               "data": {"free": free, "reserved": 0, "frozen": 0,
                                        "flags": system.NEW_LOGIC_FLAG}})
    system.BlockHash.insert(ext, 0, GENESIS_HASH)
    return ext


def _header(number: int = 1, parent: bytes = GENESIS_HASH) -> Header:
    return Header(parent, number, bytes(32), bytes(32), Digest())


def _signed(keypair, call: bytes, nonce: int, tip: int = 0) -> bytes:  # type: ignore[no-untyped-def]
    context = ImplicitContext(VERSION.spec_version, VERSION.transaction_version, GENESIS_HASH)
    return build_signed_extrinsic(keypair, call, SignedExtra(nonce=nonce, tip=tip),
                                  context).encode()


def _bump(by: int) -> bytes:
    return demo.calls[0].encode(by=by)


def test_signed_extrinsic_dispatches_charges_fee_and_bumps_nonce() -> None:
    ext = _genesis_state()
    EXECUTIVE.initialize_block(ext, _header())
    assert EXECUTIVE.apply_extrinsic(ext, _signed(ALICE, _bump(5), 0)) is None
    account = system.account(ext, ALICE.account_id)
    assert account.nonce == 1 and account.data.free == 10_000_000 - FEE
    assert Counter.get(ext) == 5
    assert system.EventCount.get(ext) == 1


def test_failed_call_keeps_fee_and_nonce_but_rolls_back_call() -> None:
    ext = _genesis_state()
    EXECUTIVE.initialize_block(ext, _header())
    outcome = EXECUTIVE.apply_extrinsic(ext, _signed(ALICE, _bump(2000), 0))
    assert outcome == Overflow()
    assert Counter.get(ext) == 0
    account = system.account(ext, ALICE.account_id)
    assert account.nonce == 1 and account.data.free == 10_000_000 - FEE


@pytest.mark.parametrize("nonce, kind", [(1, InvalidKind.FUTURE), (5, InvalidKind.FUTURE)])
def test_wrong_nonce_is_refused_and_changes_nothing(nonce: int, kind: InvalidKind) -> None:
    ext = _genesis_state()
    EXECUTIVE.initialize_block(ext, _header())
    before = ext.changes()
    outcome = EXECUTIVE.apply_extrinsic(ext, _signed(ALICE, _bump(1), nonce))
    assert isinstance(outcome, InvalidTransaction) and outcome.kind == kind
    assert ext.changes() == before


def test_stale_nonce_is_refused() -> None:
    ext = _genesis_state()
    EXECUTIVE.initialize_block(ext, _header())
    assert EXECUTIVE.apply_extrinsic(ext, _signed(ALICE, _bump(1), 0)) is None
    outcome = EXECUTIVE.apply_extrinsic(ext, _signed(ALICE, _bump(1), 0))
    assert isinstance(outcome, InvalidTransaction) and outcome.kind == InvalidKind.STALE


def test_bad_signature_is_refused() -> None:
    ext = _genesis_state()
    EXECUTIVE.initialize_block(ext, _header())
    good = bytearray(_signed(ALICE, _bump(1), 0))
    good[40] ^= 0xFF  # inside the signature
    outcome = EXECUTIVE.apply_extrinsic(ext, bytes(good))
    assert isinstance(outcome, InvalidTransaction) and outcome.kind == InvalidKind.BAD_PROOF


def test_unpayable_fee_is_refused() -> None:
    ext = _genesis_state()
    EXECUTIVE.initialize_block(ext, _header())
    outcome = EXECUTIVE.apply_extrinsic(ext, _signed(BOB, _bump(1), 0))
    assert isinstance(outcome, InvalidTransaction) and outcome.kind == InvalidKind.PAYMENT
    assert system.account(ext, BOB.account_id).nonce == 0


def test_malformed_bytes_and_unsigned_transactions_are_refused() -> None:
    ext = _genesis_state()
    EXECUTIVE.initialize_block(ext, _header())
    garbage = EXECUTIVE.apply_extrinsic(ext, b"\x10\x84\x00\x01")
    unsigned = EXECUTIVE.apply_extrinsic(ext, UncheckedExtrinsic(_bump(1)).encode())
    assert isinstance(garbage, InvalidTransaction) and garbage.kind == InvalidKind.CALL
    assert isinstance(unsigned, InvalidTransaction) and unsigned.kind == InvalidKind.CALL


def test_inherent_applies_unsigned_and_signed_inherent_is_refused() -> None:
    ext = _genesis_state()
    EXECUTIVE.initialize_block(ext, _header())
    call = demo.calls[1].encode(now=1_700_000_000_000)
    assert EXECUTIVE.apply_extrinsic(ext, UncheckedExtrinsic(call).encode()) is None
    assert Stamp.get(ext) == 1_700_000_000_000
    signed = EXECUTIVE.apply_extrinsic(ext, _signed(ALICE, call, 0))
    assert isinstance(signed, InvalidTransaction) and signed.kind == InvalidKind.BAD_MANDATORY


def _author_block(extrinsics: list[bytes]) -> tuple[Block, bytes]:
    ext = _genesis_state()
    EXECUTIVE.initialize_block(ext, _header())
    applied = [xt for xt in extrinsics
               if not isinstance(EXECUTIVE.apply_extrinsic(ext, xt), InvalidTransaction)]
    header = EXECUTIVE.finalize_block(ext)
    return Block(header, applied), header.state_root


def test_execute_block_reproduces_authored_roots() -> None:
    extrinsics = [UncheckedExtrinsic(demo.calls[1].encode(now=5)).encode(),
                  _signed(ALICE, _bump(3), 0), _signed(ALICE, _bump(4000), 1),
                  _signed(ALICE, _bump(1), 7)]
    block, state_root = _author_block(extrinsics)
    assert len(block.extrinsics) == 3  # the future-nonce one was left out
    again = _genesis_state()
    header = EXECUTIVE.execute_block(again, block)
    assert header.state_root == state_root == block.header.state_root
    events = again.get(system.Events.storage_key())
    assert events is not None and again.get(system.EXTRINSIC_INDEX_KEY) is None
    assert system.Number.get(again) == 1 and system.ExtrinsicCount.get(again) is None


def test_execute_block_refuses_tampered_state_root() -> None:
    block, _ = _author_block([_signed(ALICE, _bump(3), 0)])
    bad = Block(Header(block.header.parent_hash, 1, bytes(32), block.header.extrinsics_root,
                       block.header.digest), block.extrinsics)
    with pytest.raises(InvalidBlock, match="state root"):
        EXECUTIVE.execute_block(_genesis_state(), bad)


def test_execute_block_refuses_invalid_extrinsic() -> None:
    block, _ = _author_block([_signed(ALICE, _bump(3), 0)])
    bad = Block(block.header, [*block.extrinsics, _signed(ALICE, _bump(1), 9)])
    with pytest.raises(InvalidBlock, match="extrinsic 1 is invalid"):
        EXECUTIVE.execute_block(_genesis_state(), bad)


def test_extrinsic_events_carry_apply_phase() -> None:
    ext = _genesis_state()
    EXECUTIVE.initialize_block(ext, _header())
    EXECUTIVE.apply_extrinsic(ext, _signed(ALICE, _bump(1), 0))
    EXECUTIVE.apply_extrinsic(ext, _signed(ALICE, _bump(5000), 1))
    raw = ext.get(system.Events.storage_key())
    assert raw is not None
    # two records: ExtrinsicSuccess in ApplyExtrinsic(0), ExtrinsicFailed in ApplyExtrinsic(1)
    first_phase = system.Phase.encode(EnumValue("ApplyExtrinsic", 0))
    assert raw[1:1 + len(first_phase)] == first_phase
    assert raw[1 + len(first_phase):3 + len(first_phase)] == bytes([0, 0])
    assert bytes([0, 1]) + DispatchError.module(40, 0, "Overflow").encode() in raw
