"""SCALE types and token-operation enums of the Balances pallet (``pallet_balances::types``).

The SCALE types are declared with their scale-info paths so metadata shows them as the
reference does. The Python enums (:class:`Preservation`, :class:`Fortitude`, :class:`Precision`,
:class:`Provenance`) mirror ``frame_support::traits::tokens`` and select the rules of the
fungible operations in :mod:`runtime.pallets.balances.fungible`; they are never encoded.

``RuntimeHoldReason`` and ``RuntimeFreezeReason`` are outer (runtime-level) enums in subtensor;
they are declared here with subtensor's variants (pallet index as the variant index) because the
Balances storage items ``Holds``/``Freezes`` need them (``Registry`` (17) was removed with
pallet-registry; real metadata before that removal shows the same indices).
"""

from __future__ import annotations

from enum import IntEnum

from runtime.primitives.scale import (
    U8,
    U64,
    Array,
    Enum,
    ScaleType,
    Struct,
    StructType,
    TypeParam,
    Vec,
)

LockIdentifier = Array(U8, 8)
"""``frame_support::traits::LockIdentifier`` (``[u8; 8]``)."""

ReserveIdentifier = Array(U8, 8)
"""subtensor's ``ReserveIdentifier = [u8; 8]``."""

Reasons = Enum("Reasons", ["Fee", "Misc", "All"], path=("pallet_balances", "types", "Reasons"))
"""Which operations a legacy lock restricts."""

BalanceLock = Struct("BalanceLock", [
    ("id", LockIdentifier, "LockIdentifier"),
    ("amount", U64, "Balance"),
    ("reasons", Reasons, "Reasons"),
], path=("pallet_balances", "types", "BalanceLock"), params=(TypeParam("Balance", U64),))
"""A single (deprecated) liquidity lock."""

ReserveData = Struct("ReserveData", [
    ("id", ReserveIdentifier, "ReserveIdentifier"),
    ("amount", U64, "Balance"),
], path=("pallet_balances", "types", "ReserveData"),
    params=(TypeParam("ReserveIdentifier", ReserveIdentifier), TypeParam("Balance", U64)))
"""A single (deprecated) named reserve."""

AdjustmentDirection = Enum("AdjustmentDirection", ["Increase", "Decrease"],
                           path=("pallet_balances", "types", "AdjustmentDirection"))
"""Direction of ``force_adjust_total_issuance``."""

BalanceStatus = Enum("BalanceStatus", ["Free", "Reserved"],
                     path=("frame_support", "traits", "tokens", "misc", "BalanceStatus"))
"""Where repatriated reserved funds land."""

PreimageHoldReason = Enum("HoldReason", ["Preimage"],
                          path=("pallet_preimage", "pallet", "HoldReason"))
SafeModeHoldReason = Enum("HoldReason", ["EnterOrExtend"],
                          path=("pallet_safe_mode", "pallet", "HoldReason"))
ContractsHoldReason = Enum("HoldReason", ["CodeUploadDepositReserve", "StorageDepositReserve"],
                           path=("pallet_contracts", "pallet", "HoldReason"))

RuntimeHoldReason = Enum("RuntimeHoldReason", [
    ("Preimage", PreimageHoldReason, 14),
    ("SafeMode", SafeModeHoldReason, 20),
    ("Contracts", ContractsHoldReason, 29),
], path=("node_subtensor_runtime", "RuntimeHoldReason"))
"""subtensor's aggregated hold reasons (variant index = pallet index)."""

HOLD_REASON_VARIANT_COUNT = 4
"""``VariantCount`` of ``RuntimeHoldReason``: Preimage 1 + SafeMode 1 + Contracts 2."""

RuntimeFreezeReason = Enum("RuntimeFreezeReason", [],
                           path=("node_subtensor_runtime", "RuntimeFreezeReason"))
"""subtensor's aggregated freeze reasons: no pallet declares one, so the enum is empty."""


def bounded_vec(item: ScaleType, item_name: str, weak: bool = False) -> StructType:
    """``BoundedVec<T, S>`` (or ``WeakBoundedVec``): a ``Vec<T>`` newtype; ``S`` is erased."""
    module, name = ("weak_bounded_vec", "WeakBoundedVec") if weak else ("bounded_vec",
                                                                         "BoundedVec")
    return Struct(name, [(None, Vec(item), f"Vec<{item_name}>")],
                  path=("bounded_collections", module, name),
                  params=(TypeParam("T", item), TypeParam("S", None)))


def id_amount(id_type: ScaleType) -> StructType:
    """``frame_support::traits::tokens::misc::IdAmount<Id, Balance>`` for an id type."""
    return Struct("IdAmount", [("id", id_type, "Id"), ("amount", U64, "Balance")],
                  path=("frame_support", "traits", "tokens", "misc", "IdAmount"),
                  params=(TypeParam("Id", id_type), TypeParam("Balance", U64)))


HoldIdAmount = id_amount(RuntimeHoldReason)
FreezeIdAmount = id_amount(RuntimeFreezeReason)


class Preservation(IntEnum):
    """``tokens::Preservation``: may the operation kill the account?"""

    Expendable = 0
    Protect = 1
    Preserve = 2


class Fortitude(IntEnum):
    """``tokens::Fortitude``: respect freezes (Polite) or not (Force)."""

    Polite = 0
    Force = 1


class Precision(IntEnum):
    """``tokens::Precision``: exactly the amount, or as much as possible up to it."""

    Exact = 0
    BestEffort = 1


class Provenance(IntEnum):
    """``tokens::Provenance``: are deposited funds newly minted or already in the system?"""

    Minted = 0
    Extant = 1
