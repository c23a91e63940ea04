"""CheckWeight: subtensor's block weight and length limits applied by the executive.

Limits (``runtime.frame.limits``): Normal may use 75 % of 4 s of ref time (3e12), Operational the
whole block with 1e12 reserved above Normal's share, Mandatory is unlimited; Normal may use 75 %
of 10 MiB of extrinsics, the other classes all of it. Each applied extrinsic is charged its
declared weight plus the base extrinsic weight (and its length as proof size), then refunded
what its call did not use; a refusal is ``Invalid::ExhaustsResources`` and writes nothing.
"""

from __future__ import annotations

from runtime.composition import Runtime
from runtime.executive import Executive, VersionInfo
from runtime.extrinsic.extensions import ImplicitContext, SignedExtra
from runtime.extrinsic.format import UncheckedExtrinsic
from runtime.extrinsic.signing import build_signed_extrinsic
from runtime.extrinsic.validity import InvalidKind, InvalidTransaction, ValidTransaction
from runtime.frame import system
from runtime.frame.dispatch import (
    DispatchClass,
    DispatchInfo,
    PostDispatchInfo,
    Weight,
    ensure_none,
)
from runtime.frame.limits import (
    SUBTENSOR_BLOCK_LENGTH,
    SUBTENSOR_BLOCK_WEIGHTS,
    ConsumedWeight,
    block_weight,
)
from runtime.frame.pallet import CallDef, Pallet
from runtime.frame.storage import VALUE_QUERY
from runtime.primitives.block import Digest, Header
from runtime.primitives.externalities import Externalities
from runtime.primitives.keys import DEV_ACCOUNTS
from runtime.primitives.scale import U32, Bytes
from runtime.validation import weight_validity
from storage.overlay import Overlay
from storage.trie import Trie
from storage.trie.nodestore import MemoryNodeStore

VERSION = VersionInfo("node-subtensor", "node-subtensor", 1, 425, 1, 1, 1)
ALICE = DEV_ACCOUNTS["Alice"].sr25519
GENESIS_HASH = bytes([7]) * 32
HEAVY = Weight(1_499_850_000_000)
"""Two of these (with the base weight) just fit Normal's 3e12; anything more does not."""
OPERATIONAL = Weight(999_000_000_000)
"""Fits Operational's 1e12 reserved part once (with the base weight), not twice."""
BASE = SUBTENSOR_BLOCK_WEIGHTS.get(DispatchClass.Normal).base_extrinsic

heavy = Pallet("Heavy", 41)
Count = heavy.value("Count", U32, query=VALUE_QUERY, default=0)


@heavy.call(0, [], weight=HEAVY)
def work(ext: Externalities, origin: object) -> None:
    """A heavy Normal call."""
    Count.insert(ext, Count.get(ext) + 1)


@heavy.call(1, [], weight=Weight(5_000))
def light(ext: Externalities, origin: object) -> None:
    """A light Normal call."""
    Count.insert(ext, Count.get(ext) + 1)


@heavy.call(2, [], weight=OPERATIONAL, dispatch_class=DispatchClass.Operational)
def service(ext: Externalities, origin: object) -> None:
    """A heavy Operational call."""
    Count.insert(ext, Count.get(ext) + 1)


@heavy.call(3, [], weight=HEAVY)
def cheap(ext: Externalities, origin: object) -> PostDispatchInfo:
    """Declares HEAVY but reports using only 1,000."""
    Count.insert(ext, Count.get(ext) + 1)
    return PostDispatchInfo(Weight(1_000))


@heavy.call(4, [("data", Bytes, "Vec<u8>")], weight=Weight(5_000))
def blob(ext: Externalities, origin: object, data: bytes) -> None:
    """A call whose size is its argument."""
    Count.insert(ext, len(data))


@heavy.call(5, [], weight=Weight(3_900_000_000_000), dispatch_class=DispatchClass.Mandatory)
def inherent(ext: Externalities, origin: object) -> None:
    """A Mandatory call heavier than any other class may be."""
    ensure_none(origin)
    Count.insert(ext, Count.get(ext) + 1)


class FreeFees:
    """No fees: these tests are about block limits."""

    def withdraw_fee(self, ext: Externalities, who: bytes, info: DispatchInfo, length: int,
                     tip: int) -> object | InvalidTransaction:
        """Nothing to take."""
        return 0

    def settle_fee(self, ext: Externalities, charge: object, info: DispatchInfo,
                   post_info: PostDispatchInfo, length: int) -> None:
        """Nothing to settle."""


EXECUTIVE = Executive(Runtime([system.system, heavy]), VERSION, FreeFees())


def _block() -> Overlay:
    ext = Overlay(Trie(MemoryNodeStore()))
    system.Account.insert(ext, ALICE.account_id, {**system.DEFAULT_ACCOUNT_INFO, "providers": 1})
    system.BlockHash.insert(ext, 0, GENESIS_HASH)
    EXECUTIVE.initialize_block(ext, Header(GENESIS_HASH, 1, bytes(32), bytes(32), Digest()))
    return ext


def _call(call: CallDef) -> bytes:
    """The encoding of an argument-less call: pallet index, call index."""
    return bytes((call.pallet_index, call.index))


def _signed(call: bytes, nonce: int) -> bytes:
    context = ImplicitContext(VERSION.spec_version, VERSION.transaction_version, GENESIS_HASH)
    return build_signed_extrinsic(ALICE, call, SignedExtra(nonce=nonce), context).encode()


def _exhausts(outcome: object) -> bool:
    return isinstance(outcome, InvalidTransaction) \
        and outcome.kind == InvalidKind.EXHAUSTS_RESOURCES


def _charged(weight: Weight, length: int) -> Weight:
    return Weight(weight.ref_time + BASE.ref_time, weight.proof_size + length)


def test_subtensor_limits() -> None:
    normal = SUBTENSOR_BLOCK_WEIGHTS.get(DispatchClass.Normal)
    operational = SUBTENSOR_BLOCK_WEIGHTS.get(DispatchClass.Operational)
    mandatory = SUBTENSOR_BLOCK_WEIGHTS.get(DispatchClass.Mandatory)
    assert SUBTENSOR_BLOCK_WEIGHTS.max_block == Weight(4 * 10**12, (1 << 64) - 1)
    assert SUBTENSOR_BLOCK_WEIGHTS.base_block == Weight(5_000_000_000, 0)
    assert normal.max_total is not None and normal.max_total.ref_time == 3 * 10**12
    assert normal.reserved == Weight(0, 0)
    assert normal.max_extrinsic is not None
    assert normal.max_extrinsic.ref_time == 3 * 10**12 - 4 * 10**11 - BASE.ref_time
    assert operational.max_total == SUBTENSOR_BLOCK_WEIGHTS.max_block
    assert operational.reserved is not None and operational.reserved.ref_time == 10**12
    assert mandatory.max_total is None and mandatory.reserved is None
    assert mandatory.max_extrinsic is None
    assert SUBTENSOR_BLOCK_LENGTH.max == {DispatchClass.Normal: 7_864_320,
                                          DispatchClass.Operational: 10_485_760,
                                          DispatchClass.Mandatory: 10_485_760}


def test_full_block_refuses_the_normal_call_over_the_limit_and_writes_nothing() -> None:
    ext = _block()
    first, second = _signed(_call(work), 0), _signed(_call(work), 1)
    assert EXECUTIVE.apply_extrinsic(ext, first) is None
    assert EXECUTIVE.apply_extrinsic(ext, second) is None
    before = ext.storage_root(1)
    over = _signed(_call(light), 2)
    assert _exhausts(EXECUTIVE.apply_extrinsic(ext, over))
    assert ext.storage_root(1) == before
    assert Count.get(ext) == 2 and system.account(ext, ALICE.account_id).nonce == 2
    used = block_weight(ext)
    expected = Weight(0, 0)
    for xt in (first, second):
        expected = expected + _charged(HEAVY, len(xt))
    assert used.normal == expected
    assert used.mandatory == SUBTENSOR_BLOCK_WEIGHTS.base_block
    assert system.AllExtrinsicsLen.get(ext) == len(first) + len(second)


def test_operational_call_fits_in_the_reserved_part() -> None:
    ext = _block()
    for nonce in (0, 1):
        assert EXECUTIVE.apply_extrinsic(ext, _signed(_call(work), nonce)) is None
    assert EXECUTIVE.apply_extrinsic(ext, _signed(_call(service), 2)) is None
    used = block_weight(ext)
    assert used.total().ref_time > SUBTENSOR_BLOCK_WEIGHTS.max_block.ref_time
    assert _exhausts(EXECUTIVE.apply_extrinsic(ext, _signed(_call(service), 3)))
    assert Count.get(ext) == 3


def test_mandatory_always_passes() -> None:
    ext = _block()
    for nonce in (0, 1):
        assert EXECUTIVE.apply_extrinsic(ext, _signed(_call(work), nonce)) is None
    assert EXECUTIVE.apply_extrinsic(ext, UncheckedExtrinsic(_call(inherent)).encode()) is None
    assert block_weight(ext).total().ref_time > SUBTENSOR_BLOCK_WEIGHTS.max_block.ref_time


def test_oversized_extrinsic_by_length_is_refused() -> None:
    ext = _block()
    limit = SUBTENSOR_BLOCK_LENGTH.max[DispatchClass.Normal]
    too_long = _signed(blob.encode(data=bytes(limit)), 0)
    assert _exhausts(EXECUTIVE.apply_extrinsic(ext, too_long))
    assert Count.get(ext) == 0 and system.AllExtrinsicsLen.get(ext) is None
    fits = _signed(blob.encode(data=bytes(limit // 2)), 0)
    assert EXECUTIVE.apply_extrinsic(ext, fits) is None
    second = _signed(blob.encode(data=bytes(limit // 2)), 1)
    assert _exhausts(EXECUTIVE.apply_extrinsic(ext, second))
    assert system.AllExtrinsicsLen.get(ext) == len(fits)


def test_unused_weight_is_refunded() -> None:
    ext = _block()
    xt = _signed(_call(cheap), 0)
    assert EXECUTIVE.apply_extrinsic(ext, xt) is None
    assert block_weight(ext).normal == _charged(Weight(1_000), len(xt))


def test_weights_accumulate_and_reset_next_block() -> None:
    ext = _block()
    lengths = []
    for nonce in range(3):
        xt = _signed(_call(light), nonce)
        lengths.append(len(xt))
        assert EXECUTIVE.apply_extrinsic(ext, xt) is None
    assert block_weight(ext).normal == Weight(3 * (5_000 + BASE.ref_time), sum(lengths))
    header = EXECUTIVE.finalize_block(ext)
    assert system.AllExtrinsicsLen.get(ext) is None
    EXECUTIVE.initialize_block(ext, Header(header.hash(), 2, bytes(32), bytes(32), Digest()))
    assert block_weight(ext) == ConsumedWeight.zero().accrue(
        SUBTENSOR_BLOCK_WEIGHTS.base_block, DispatchClass.Mandatory)


def test_pool_validation_reads_the_current_block_length() -> None:
    ext = Overlay(Trie(MemoryNodeStore()))
    info = DispatchInfo(Weight(5_000))
    limit = SUBTENSOR_BLOCK_LENGTH.max[DispatchClass.Normal]
    assert isinstance(weight_validity(ext, info, 1_000), ValidTransaction)
    system.AllExtrinsicsLen.insert(ext, limit - 500)
    assert _exhausts(weight_validity(ext, info, 1_000))
    operational = DispatchInfo(Weight(5_000), DispatchClass.Operational)
    assert isinstance(weight_validity(ext, operational, 1_000), ValidTransaction)
    assert _exhausts(weight_validity(ext, DispatchInfo(HEAVY + HEAVY), 100))
