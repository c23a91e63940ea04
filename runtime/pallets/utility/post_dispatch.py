"""``PostDispatchInfo``: what a call reports about itself after it ran.

FRAME calls return ``DispatchResultWithPostInfo``: an optional actual weight (``None`` means the
declared weight) and whether the sender pays. A call here returns ``None`` (declared weight,
declared ``Pays``) or a :class:`PostDispatchInfo`; the executive folds it into the fee
correction (``transaction_payment.compute_actual_fee``) and into ``ExtrinsicSuccess``'s
dispatch info. ``calc_actual_weight``/``pays`` follow ``frame_support::dispatch``.
"""

from __future__ import annotations

from dataclasses import dataclass

from runtime.frame.dispatch import DispatchInfo, Pays, Weight


@dataclass(frozen=True, slots=True)
class PostDispatchInfo:
    """The actual weight (None: as declared) and who pays, as a call reports them."""

    actual_weight: Weight | None = None
    pays_fee: Pays = Pays.Yes

    def calc_actual_weight(self, info: DispatchInfo) -> Weight:
        """The actual weight, never above the declared one (component-wise minimum)."""
        if self.actual_weight is None:
            return info.weight
        return Weight(min(self.actual_weight.ref_time, info.weight.ref_time),
                      min(self.actual_weight.proof_size, info.weight.proof_size))

    def pays(self, info: DispatchInfo) -> Pays:
        """``Pays::No`` if either the declaration or the result says so."""
        if info.pays_fee is Pays.No or self.pays_fee is Pays.No:
            return Pays.No
        return Pays.Yes


def post_info_of(returned: object) -> PostDispatchInfo:
    """Normalise a call's return value (None or a PostDispatchInfo)."""
    if isinstance(returned, PostDispatchInfo):
        return returned
    return PostDispatchInfo()
