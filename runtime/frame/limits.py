"""Block weight and length limits (``frame_system::limits``) with subtensor's configuration.

subtensor (``runtime/src/lib.rs`` at 14bc6f9, spec_version 425) configures::

    MAXIMUM_BLOCK_WEIGHT = Weight::from_parts(4 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX)
    NORMAL_DISPATCH_RATIO = Perbill::from_percent(75)
    BlockWeights = BlockWeights::with_sensible_defaults(MAXIMUM_BLOCK_WEIGHT, NORMAL_DISPATCH_RATIO)
    BlockLength = BlockLength::max_with_normal_ratio(10 * 1024 * 1024, NORMAL_DISPATCH_RATIO)

``with_sensible_defaults`` builds (through ``BlockWeights::builder``):

- every class: ``base_extrinsic = ExtrinsicBaseWeight``; ``base_block = BlockExecutionWeight``;
- Normal: ``max_total = 75 % of the block``, ``reserved = 0`` (the builder's default);
- Operational: ``max_total = the whole block``, ``reserved = block - Normal's share``;
- Mandatory: no ``max_total``, no ``reserved`` (unlimited);
- ``avg_block_initialization = 10 %``: each class with a ``max_total`` gets
  ``max_extrinsic = max_total - 10 % of max_block - base_extrinsic`` (saturating);
- ``max_block`` = the largest ``max_total``.

``max_with_normal_ratio`` gives Normal 75 % of the bytes and Operational and Mandatory all of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from runtime.extrinsic.validity import InvalidKind, InvalidTransaction
from runtime.frame import system
from runtime.frame.dispatch import DispatchClass, DispatchInfo, PostDispatchInfo, Weight
from runtime.frame.system import EXTRINSIC_BASE_WEIGHT
from runtime.primitives.externalities import Externalities

U64_MAX = (1 << 64) - 1
U32_MAX = (1 << 32) - 1
PERBILL = 1_000_000_000
WEIGHT_REF_TIME_PER_SECOND = 1_000_000_000_000
WEIGHT_REF_TIME_PER_NANOS = 1_000

MAXIMUM_BLOCK_WEIGHT = Weight(4 * WEIGHT_REF_TIME_PER_SECOND, U64_MAX)
"""subtensor ``MAXIMUM_BLOCK_WEIGHT``: 4 s of ref time, unlimited proof size."""
NORMAL_DISPATCH_RATIO = 750_000_000
"""subtensor ``NORMAL_DISPATCH_RATIO``: 75 % (in Perbill parts)."""
AVERAGE_ON_INITIALIZE_RATIO = 100_000_000
"""``with_sensible_defaults``' ``avg_block_initialization``: 10 % (in Perbill parts)."""
MAXIMUM_BLOCK_LENGTH = 10 * 1024 * 1024
"""subtensor ``BlockLength``: 10 MiB."""
BLOCK_EXECUTION_WEIGHT = Weight(5_000_000 * WEIGHT_REF_TIME_PER_NANOS, 0)
"""frame_support's ``BlockExecutionWeight`` (5 ms): the ``base_block`` weight registered as
Mandatory when a block is initialized."""


def perbill_mul(parts: int, value: int) -> int:
    """``Perbill * n`` for an unsigned integer: rounded to nearest, ties down."""
    whole, remainder = divmod(value * parts, PERBILL)
    return whole + 1 if remainder * 2 > PERBILL else whole


def perbill_weight(parts: int, weight: Weight) -> Weight:
    """``Perbill * Weight``, component-wise."""
    return Weight(perbill_mul(parts, weight.ref_time), perbill_mul(parts, weight.proof_size))


def saturating_add(a: Weight, b: Weight) -> Weight:
    """``Weight::saturating_add`` (u64 components)."""
    return Weight(min(U64_MAX, a.ref_time + b.ref_time),
                  min(U64_MAX, a.proof_size + b.proof_size))


def saturating_sub(a: Weight, b: Weight) -> Weight:
    """``Weight::saturating_sub`` (component-wise, floored at zero)."""
    return Weight(max(0, a.ref_time - b.ref_time), max(0, a.proof_size - b.proof_size))


def any_gt(a: Weight, b: Weight) -> bool:
    """``Weight::any_gt``: either component of ``a`` exceeds ``b``'s."""
    return a.ref_time > b.ref_time or a.proof_size > b.proof_size


@dataclass(frozen=True, slots=True)
class WeightsPerClass:
    """``frame_system::limits::WeightsPerClass`` (None: unlimited)."""

    base_extrinsic: Weight
    max_extrinsic: Weight | None
    max_total: Weight | None
    reserved: Weight | None


@dataclass(frozen=True, slots=True)
class BlockWeights:
    """``frame_system::limits::BlockWeights``."""

    base_block: Weight
    max_block: Weight
    per_class: dict[DispatchClass, WeightsPerClass]

    def get(self, dispatch_class: DispatchClass) -> WeightsPerClass:
        """The limits of one dispatch class."""
        return self.per_class[dispatch_class]

    @classmethod
    def with_sensible_defaults(cls, expected_block_weight: Weight,
                               normal_ratio: int) -> BlockWeights:
        """``BlockWeights::with_sensible_defaults(expected_block_weight, normal_ratio)``."""
        normal = perbill_weight(normal_ratio, expected_block_weight)
        zero = Weight(0, 0)
        totals: dict[DispatchClass, tuple[Weight | None, Weight | None]] = {
            DispatchClass.Normal: (normal, zero),
            DispatchClass.Operational: (expected_block_weight,
                                        saturating_sub(expected_block_weight, normal)),
            DispatchClass.Mandatory: (None, None),
        }
        max_block = zero
        for max_total, _ in totals.values():
            if max_total is not None:
                max_block = Weight(max(max_block.ref_time, max_total.ref_time),
                                   max(max_block.proof_size, max_total.proof_size))
        init_weight = perbill_weight(AVERAGE_ON_INITIALIZE_RATIO, max_block)
        per_class = {}
        for dispatch_class, (max_total, reserved) in totals.items():
            max_extrinsic = None if max_total is None else saturating_sub(
                saturating_sub(max_total, init_weight), EXTRINSIC_BASE_WEIGHT)
            per_class[dispatch_class] = WeightsPerClass(EXTRINSIC_BASE_WEIGHT, max_extrinsic,
                                                        max_total, reserved)
        return cls(BLOCK_EXECUTION_WEIGHT, max_block, per_class)


@dataclass(frozen=True, slots=True)
class BlockLength:
    """``frame_system::limits::BlockLength``: the most bytes of extrinsics per class."""

    max: dict[DispatchClass, int]

    @classmethod
    def max_with_normal_ratio(cls, max_length: int, normal_ratio: int) -> BlockLength:
        """``BlockLength::max_with_normal_ratio``: Normal gets ``normal_ratio`` of the bytes,
        Operational and Mandatory all of them."""
        return cls({DispatchClass.Normal: perbill_mul(normal_ratio, max_length),
                    DispatchClass.Operational: max_length,
                    DispatchClass.Mandatory: max_length})


SUBTENSOR_BLOCK_WEIGHTS = BlockWeights.with_sensible_defaults(MAXIMUM_BLOCK_WEIGHT,
                                                              NORMAL_DISPATCH_RATIO)
"""subtensor's ``BlockWeights``."""
SUBTENSOR_BLOCK_LENGTH = BlockLength.max_with_normal_ratio(MAXIMUM_BLOCK_LENGTH,
                                                           NORMAL_DISPATCH_RATIO)
"""subtensor's ``BlockLength``."""

_CLASS_FIELDS = {DispatchClass.Normal: "normal", DispatchClass.Operational: "operational",
                 DispatchClass.Mandatory: "mandatory"}


@dataclass(frozen=True, slots=True)
class ConsumedWeight:
    """``PerDispatchClass<Weight>``: the weight used so far in the block, per class."""

    normal: Weight
    operational: Weight
    mandatory: Weight

    @classmethod
    def zero(cls) -> ConsumedWeight:
        """Nothing consumed."""
        return cls(Weight(0, 0), Weight(0, 0), Weight(0, 0))

    @classmethod
    def from_scale(cls, value: Any) -> ConsumedWeight:
        """From a decoded ``PerDispatchClass<Weight>`` (record or dict)."""
        def field(name: str) -> Weight:
            item = value[name] if isinstance(value, dict) else getattr(value, name)
            if isinstance(item, dict):
                return Weight(item["ref_time"], item["proof_size"])
            return Weight(item.ref_time, item.proof_size)
        return cls(field("normal"), field("operational"), field("mandatory"))

    def to_scale(self) -> dict[str, dict[str, int]]:
        """The value to encode as ``PerDispatchClass<Weight>``."""
        return {"normal": self.normal.to_scale(), "operational": self.operational.to_scale(),
                "mandatory": self.mandatory.to_scale()}

    def get(self, dispatch_class: DispatchClass) -> Weight:
        """The weight consumed by one class."""
        return getattr(self, _CLASS_FIELDS[dispatch_class])  # type: ignore[no-any-return]

    def total(self) -> Weight:
        """The saturating sum over the classes."""
        return saturating_add(saturating_add(self.normal, self.operational), self.mandatory)

    def accrue(self, weight: Weight, dispatch_class: DispatchClass) -> ConsumedWeight:
        """``accrue``: add ``weight`` to one class (saturating)."""
        return self._with(dispatch_class, saturating_add(self.get(dispatch_class), weight))

    def reduce(self, weight: Weight, dispatch_class: DispatchClass) -> ConsumedWeight:
        """``reduce``: take ``weight`` from one class (saturating)."""
        return self._with(dispatch_class, saturating_sub(self.get(dispatch_class), weight))

    def _with(self, dispatch_class: DispatchClass, weight: Weight) -> ConsumedWeight:
        parts = {name: self.get(cls) for cls, name in _CLASS_FIELDS.items()}
        parts[_CLASS_FIELDS[dispatch_class]] = weight
        return ConsumedWeight(**parts)


# -- CheckWeight (frame_system::CheckWeight) ------------------------------------------------------


def _exhausted(reason: str) -> InvalidTransaction:
    return InvalidTransaction(InvalidKind.EXHAUSTS_RESOURCES, reason=reason)


def block_weight(ext: Externalities) -> ConsumedWeight:
    """``System.BlockWeight``: the weight consumed so far in the current block."""
    return ConsumedWeight.from_scale(system.BlockWeight.get(ext))


def put_block_weight(ext: Externalities, consumed: ConsumedWeight) -> None:
    """Store ``System.BlockWeight``."""
    system.BlockWeight.insert(ext, consumed.to_scale())


def all_extrinsics_len(ext: Externalities) -> int:
    """``System.AllExtrinsicsLen`` (zero when unset)."""
    value = system.AllExtrinsicsLen.get(ext)
    return 0 if value is None else int(value)


def check_block_length(ext: Externalities, info: DispatchInfo, length: int,
                       limits: BlockLength = SUBTENSOR_BLOCK_LENGTH) -> int | InvalidTransaction:
    """The block's extrinsics length once this one is added, or ``ExhaustsResources`` when
    that exceeds the class's ``BlockLength``."""
    next_len = min(U32_MAX, all_extrinsics_len(ext) + length)
    if next_len > limits.max[info.dispatch_class]:
        return _exhausted(f"block length {next_len} above the {info.dispatch_class.name} limit")
    return next_len


def check_extrinsic_weight(info: DispatchInfo, length: int,
                           weights: BlockWeights = SUBTENSOR_BLOCK_WEIGHTS
                           ) -> InvalidTransaction | None:
    """The extrinsic alone (its length counted as proof size) must fit its class's
    ``max_extrinsic``."""
    limit = weights.get(info.dispatch_class).max_extrinsic
    total = saturating_add(info.weight, Weight(0, length))
    if limit is not None and any_gt(total, limit):
        return _exhausted(f"extrinsic weight above the {info.dispatch_class.name} limit")
    return None


def calculate_consumed_weight(consumed: ConsumedWeight, info: DispatchInfo, length: int,
                              weights: BlockWeights = SUBTENSOR_BLOCK_WEIGHTS
                              ) -> ConsumedWeight | InvalidTransaction:
    """The block's consumed weight with this extrinsic (its weight, its class's base weight
    and its length as proof size), or ``ExhaustsResources`` when the class's ``max_total`` is
    exceeded, or the block's ``max_block`` is and the class's ``reserved`` part is too.
    Mandatory has neither limit, so it always passes."""
    limits = weights.get(info.dispatch_class)
    added = saturating_add(saturating_add(info.weight, limits.base_extrinsic), Weight(0, length))
    after = consumed.accrue(added, info.dispatch_class)
    per_class = after.get(info.dispatch_class)
    if limits.max_total is not None and any_gt(per_class, limits.max_total):
        return _exhausted(f"block weight above the {info.dispatch_class.name} limit")
    if any_gt(after.total(), weights.max_block) and limits.reserved is not None \
            and any_gt(per_class, limits.reserved):
        return _exhausted(f"block weight above the {info.dispatch_class.name} reserved part")
    return after


def check_weight_prepare(ext: Externalities, info: DispatchInfo, length: int,
                         weights: BlockWeights = SUBTENSOR_BLOCK_WEIGHTS,
                         lengths: BlockLength = SUBTENSOR_BLOCK_LENGTH
                         ) -> InvalidTransaction | None:
    """CheckWeight before dispatch (``validate`` then ``prepare``): length, the extrinsic's own
    weight, then the block's weight; on success both block totals are accumulated."""
    next_len = check_block_length(ext, info, length, lengths)
    if isinstance(next_len, InvalidTransaction):
        return next_len
    refusal = check_extrinsic_weight(info, length, weights)
    if refusal is not None:
        return refusal
    after = calculate_consumed_weight(block_weight(ext), info, length, weights)
    if isinstance(after, InvalidTransaction):
        return after
    system.AllExtrinsicsLen.insert(ext, next_len)
    put_block_weight(ext, after)
    return None


def check_weight_post_dispatch(ext: Externalities, info: DispatchInfo,
                               post_info: PostDispatchInfo) -> None:
    """CheckWeight after dispatch: give back the declared weight the call did not use."""
    unspent = saturating_sub(info.weight, post_info.calc_actual_weight(info))
    if unspent.ref_time or unspent.proof_size:
        put_block_weight(ext, block_weight(ext).reduce(unspent, info.dispatch_class))


def register_extra_weight_unchecked(ext: Externalities, weight: Weight,
                                    dispatch_class: DispatchClass) -> None:
    """``frame_system::register_extra_weight_unchecked``: accrue without any limit check."""
    put_block_weight(ext, block_weight(ext).accrue(weight, dispatch_class))
