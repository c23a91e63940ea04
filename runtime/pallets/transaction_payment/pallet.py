"""The TransactionPayment pallet declaration (index 6): storage, event, constant, hooks, genesis,
and the SCALE types of its runtime API.

Mirrors ``substrate/frame/transaction-payment/src/{lib.rs,types.rs}`` with subtensor's
configuration (``runtime/src/lib.rs``): ``OperationalFeeMultiplier = 5`` and
``FeeMultiplierUpdate = ConstFeeMultiplier<1>``, so ``NextFeeMultiplier`` is rewritten to 1 at
every block's finalisation.
"""

from __future__ import annotations

from runtime.frame.dispatch import DispatchClassType
from runtime.frame.pallet import Pallet
from runtime.frame.system import deposit_event
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import U8, U64, U128, Enum, Option, Struct, TypeParam
from runtime.primitives.scale.common import AccountId32
from runtime.primitives.scale.common import Weight as WeightType

PALLET_INDEX = 6
FIXED_U128_ONE = 10**18
"""``FixedU128::one()``: the inner value of 1 with 18 decimals."""
OPERATIONAL_FEE_MULTIPLIER = 5

PALLET = transaction_payment = Pallet("TransactionPayment", PALLET_INDEX, docs=(
    "Fees of signed transactions: base, length and weight fees, and their collection.",))

FixedU128 = Struct("FixedU128", [(None, U128, "u128")],
                   path=("sp_arithmetic", "fixed_point", "FixedU128"))
"""``sp_arithmetic::FixedU128``: a u128 with 18 decimal places."""

Releases = Enum("Releases", ["V1Ancient", "V2"],
                path=("pallet_transaction_payment", "Releases"))
"""Storage layout versions of the pallet."""

InclusionFee = Struct("InclusionFee", [
    ("base_fee", U64, "Balance"), ("len_fee", U64, "Balance"),
    ("adjusted_weight_fee", U64, "Balance"),
], path=("pallet_transaction_payment", "types", "InclusionFee"),
    params=(TypeParam("Balance", U64),))
FeeDetails = Struct("FeeDetails", [
    ("inclusion_fee", Option(InclusionFee), "Option<InclusionFee<Balance>>"),
    ("tip", U64, "Balance"),
], path=("pallet_transaction_payment", "types", "FeeDetails"), params=(TypeParam("Balance", U64),))
RuntimeDispatchInfo = Struct("RuntimeDispatchInfo", [
    ("weight", WeightType, "Weight"), ("class", DispatchClassType, "DispatchClass"),
    ("partial_fee", U64, "Balance"),
], path=("pallet_transaction_payment", "types", "RuntimeDispatchInfo"),
    params=(TypeParam("Balance", U64), TypeParam("Weight", WeightType)))

NextFeeMultiplier = transaction_payment.value(
    "NextFeeMultiplier", FixedU128, query="ValueQuery", default=FIXED_U128_ONE,
    docs=("The fee multiplier applied to the weight fee of the next block.",))
StorageVersion = transaction_payment.value(
    "StorageVersion", Releases, query="ValueQuery", default="V1Ancient",
    docs=("The storage layout version of this pallet.",))

TransactionFeePaid = transaction_payment.event(0, "TransactionFeePaid", [
    ("who", AccountId32, "T::AccountId"), ("actual_fee", U64, "BalanceOf<T>"),
    ("tip", U64, "BalanceOf<T>")],
    "A transaction fee `actual_fee`, of which `tip` was added to the minimum inclusion fee, "
    "has been paid by `who`.")

transaction_payment.constant(
    "OperationalFeeMultiplier", U8, OPERATIONAL_FEE_MULTIPLIER,
    "A fee multiplier for `Operational` extrinsics to compute \"virtual tip\" to boost their "
    "`priority`.")


@transaction_payment.hook_on_finalize
def on_finalize(ext: Externalities, block_number: int) -> None:
    """``NextFeeMultiplier = FeeMultiplierUpdate(NextFeeMultiplier)``: constant 1 on subtensor."""
    NextFeeMultiplier.insert(ext, FIXED_U128_ONE)


def build_genesis(ext: Externalities, multiplier: int = FIXED_U128_ONE) -> None:
    """Genesis: ``StorageVersion = V2`` and ``NextFeeMultiplier = multiplier`` (default 1)."""
    StorageVersion.insert(ext, "V2")
    NextFeeMultiplier.insert(ext, multiplier)


def deposit_fee_paid(ext: Externalities, who: bytes, actual_fee: int, tip: int) -> None:
    """Emit ``TransactionFeePaid { who, actual_fee, tip }``."""
    deposit_event(ext, TransactionFeePaid(who, actual_fee, tip))
