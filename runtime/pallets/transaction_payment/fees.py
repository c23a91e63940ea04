"""The fee formula of pallet-transaction-payment with subtensor's parameters.

``fee = base_fee + len_fee + adjusted_weight_fee + tip`` (all saturating u64), for a call that
pays (``Pays::Yes``); otherwise only the tip. Mirrors ``compute_fee_raw`` in
``substrate/frame/transaction-payment/src/lib.rs`` with subtensor's configuration:

- ``WeightToFee = subtensor_transaction_fee::LinearWeightToFee``: one degree-1 coefficient,
  ``coeff_frac = Perbill::from_parts(500_000)``, so ``fee = Perbill(500_000) * ref_time``
  (``Perbill * n`` rounds to nearest, ties down): ref_time / 2000;
- ``LengthToFee = IdentityFee``: one rao per encoded byte;
- the weight is capped at the block's ``max_block`` (4 s ref time) before conversion;
- ``base_fee = WeightToFee(base_extrinsic)`` where ``BlockWeights::with_sensible_defaults``
  gives every class ``ExtrinsicBaseWeight`` (frame_support's 115_480 ns);
- ``adjusted_weight_fee = NextFeeMultiplier.saturating_mul_int(weight_fee)`` (1 on subtensor).

The ``info.weight`` given here is the *total* weight (call + transaction extensions), as
``DispatchInfo::total_weight`` is in the reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from runtime.frame.dispatch import DispatchInfo, Pays, Weight
from runtime.frame.system import EXTRINSIC_BASE_WEIGHT
from runtime.pallets.transaction_payment.pallet import (
    FIXED_U128_ONE,
    FeeDetails,
    NextFeeMultiplier,
    RuntimeDispatchInfo,
)
from runtime.pallets.utility.post_dispatch import PostDispatchInfo
from runtime.primitives.externalities import Externalities

U64_MAX = (1 << 64) - 1
PERBILL = 1_000_000_000
WEIGHT_FEE_PARTS = 500_000
"""``LinearWeightToFee``'s ``coeff_frac`` in Perbill parts."""
MAX_BLOCK_REF_TIME = 4 * 10**12
"""subtensor ``MAXIMUM_BLOCK_WEIGHT``: 4 s of ref time (proof size unlimited)."""


@dataclass(frozen=True, slots=True)
class InclusionFeeParts:
    """``InclusionFee { base_fee, len_fee, adjusted_weight_fee }``."""

    base_fee: int
    len_fee: int
    adjusted_weight_fee: int

    def total(self) -> int:
        """``inclusion_fee()``: the saturating sum of the three parts."""
        return min(U64_MAX, self.base_fee + self.len_fee + self.adjusted_weight_fee)


@dataclass(frozen=True, slots=True)
class FeeDetailsParts:
    """``FeeDetails { inclusion_fee, tip }``."""

    inclusion_fee: InclusionFeeParts | None
    tip: int

    def final_fee(self) -> int:
        """Inclusion fee (zero when absent) plus the tip, saturating."""
        inclusion = self.inclusion_fee.total() if self.inclusion_fee is not None else 0
        return min(U64_MAX, inclusion + self.tip)

    def to_scale(self) -> dict[str, Any]:
        """The value to encode with ``FeeDetails``."""
        inclusion = None
        if self.inclusion_fee is not None:
            inclusion = {"base_fee": self.inclusion_fee.base_fee,
                         "len_fee": self.inclusion_fee.len_fee,
                         "adjusted_weight_fee": self.inclusion_fee.adjusted_weight_fee}
        return {"inclusion_fee": inclusion, "tip": self.tip}


def perbill_mul_nearest_prefer_down(parts: int, value: int) -> int:
    """``Perbill::from_parts(parts) * value``: rounded to nearest, exact halves down."""
    quotient, remainder = divmod(parts * value, PERBILL)
    return quotient + (1 if remainder * 2 > PERBILL else 0)


def weight_to_fee(weight: Weight) -> int:
    """``WeightToFee`` of a weight capped at the block maximum (ref time only)."""
    ref_time = min(weight.ref_time, MAX_BLOCK_REF_TIME)
    return min(U64_MAX, perbill_mul_nearest_prefer_down(WEIGHT_FEE_PARTS, ref_time))


def length_to_fee(length: int) -> int:
    """``LengthToFee = IdentityFee``: the length itself."""
    return min(U64_MAX, length)


def next_fee_multiplier(ext: Externalities) -> int:
    """``NextFeeMultiplier`` as a FixedU128 inner value."""
    return int(NextFeeMultiplier.get(ext))


def compute_fee_raw(ext: Externalities, length: int, weight: Weight, tip: int, pays: Pays
                    ) -> FeeDetailsParts:
    """The fee details for a length, weight, tip and ``Pays``."""
    if pays is not Pays.Yes:
        return FeeDetailsParts(None, tip)
    unadjusted = weight_to_fee(weight)
    adjusted = min(U64_MAX, unadjusted * next_fee_multiplier(ext) // FIXED_U128_ONE)
    return FeeDetailsParts(InclusionFeeParts(weight_to_fee(EXTRINSIC_BASE_WEIGHT),
                                             length_to_fee(length), adjusted), tip)


def compute_fee_details(ext: Externalities, length: int, info: DispatchInfo, tip: int
                        ) -> FeeDetailsParts:
    """``compute_fee_details``: from the pre-dispatch info (declared total weight)."""
    return compute_fee_raw(ext, length, info.weight, tip, info.pays_fee)


def compute_fee(ext: Externalities, length: int, info: DispatchInfo, tip: int) -> int:
    """``compute_fee``: the fee withdrawn before dispatch."""
    return compute_fee_details(ext, length, info, tip).final_fee()


def compute_actual_fee(ext: Externalities, length: int, info: DispatchInfo,
                       post_info: PostDispatchInfo, tip: int) -> int:
    """``compute_actual_fee``: the fee after dispatch (actual weight, post-dispatch ``Pays``)."""
    return compute_fee_raw(ext, length, post_info.calc_actual_weight(info), tip,
                           post_info.pays(info)).final_fee()


def query_info(ext: Externalities, length: int, info: DispatchInfo, is_bare: bool = False
               ) -> bytes:
    """``TransactionPaymentApi_query_info``: SCALE ``RuntimeDispatchInfo`` (no fee for bare
    extrinsics)."""
    partial_fee = 0 if is_bare else compute_fee(ext, length, info, 0)
    return RuntimeDispatchInfo.encode({"weight": info.weight.to_scale(),
                                       "class": info.dispatch_class.name,
                                       "partial_fee": partial_fee})


def query_fee_details(ext: Externalities, length: int, info: DispatchInfo,
                      is_bare: bool = False) -> bytes:
    """``TransactionPaymentApi_query_fee_details``: SCALE ``FeeDetails`` (bare: no fee)."""
    details = (FeeDetailsParts(None, 0) if is_bare
               else compute_fee_details(ext, length, info, 0))
    return FeeDetails.encode(details.to_scale())
