"""The Balances pallet declaration: storage, events, errors and constants (index 5).

Mirrors ``substrate/frame/balances/src/lib.rs`` of the polkadot-sdk fork subtensor pins
(pallet-balances 42.0.0, opentensor/polkadot-sdk rev 7cc54bf). Call, event and error indices
and field names are checked against real subtensor V14 metadata (pallet-balances 42.0.0): 22
events, ``Endowed`` (0) to ``TotalIssuanceForced`` (21) — this version has no hold events and no
``MintedCredit``/``BurnedDebt``. Constants are subtensor's
(``runtime/src/lib.rs``: ``ExistentialDeposit = 500``, ``MaxLocks = MaxReserves = MaxFreezes =
50``). The calls live in :mod:`runtime.pallets.balances.calls`.
"""

from __future__ import annotations

from runtime.frame.pallet import Pallet
from runtime.frame.storage import VALUE_QUERY, blake2_128_concat
from runtime.frame.system import DEFAULT_ACCOUNT_INFO, AccountData
from runtime.pallets.balances.types import (
    BalanceLock,
    BalanceStatus,
    FreezeIdAmount,
    HoldIdAmount,
    ReserveData,
    bounded_vec,
)
from runtime.primitives.scale import U32, U64
from runtime.primitives.scale.common import AccountId32

PALLET_INDEX = 5
EXISTENTIAL_DEPOSIT = 500
"""subtensor's ``ExistentialDeposit``: 500 rao."""
MAX_LOCKS = 50
MAX_RESERVES = 50
MAX_FREEZES = 50
U64_MAX = (1 << 64) - 1

balances = Pallet("Balances", PALLET_INDEX, docs=(
    "The Balances pallet: accounts and balances of the native token (TAO, in rao).",))

_ACCOUNT = blake2_128_concat(AccountId32, "T::AccountId")

# -- storage ------------------------------------------------------------------------------------

TotalIssuance = balances.value("TotalIssuance", U64, query=VALUE_QUERY, default=0,
                               docs=("The total units issued in the system.",))
InactiveIssuance = balances.value("InactiveIssuance", U64, query=VALUE_QUERY, default=0,
                                  docs=("The total units of outstanding deactivated balance in "
                                        "the system.",))
Account = balances.map("Account", _ACCOUNT, AccountData, query=VALUE_QUERY,
                       default=DEFAULT_ACCOUNT_INFO["data"],
                       docs=("The Balances pallet example of storing the balance of an account.",
                             "Unused on subtensor: `AccountStore = System` keeps balances in "
                             "`System.Account`."))
Locks = balances.map("Locks", _ACCOUNT, bounded_vec(BalanceLock, "BalanceLock", weak=True),
                     query=VALUE_QUERY, default=[],
                     docs=("Any liquidity locks on some account balances.",))
Reserves = balances.map("Reserves", _ACCOUNT, bounded_vec(ReserveData, "ReserveData"),
                        query=VALUE_QUERY, default=[],
                        docs=("Named reserves on some account balances.",))
Holds = balances.map("Holds", _ACCOUNT, bounded_vec(HoldIdAmount, "IdAmount"),
                     query=VALUE_QUERY, default=[],
                     docs=("Holds on account balances.",))
Freezes = balances.map("Freezes", _ACCOUNT, bounded_vec(FreezeIdAmount, "IdAmount"),
                       query=VALUE_QUERY, default=[],
                       docs=("Freeze locks on account balances.",))

# -- events -------------------------------------------------------------------------------------

_WHO = ("who", AccountId32, "T::AccountId")
_AMOUNT = ("amount", U64, "T::Balance")

Endowed = balances.event(0, "Endowed", [("account", AccountId32, "T::AccountId"),
                                        ("free_balance", U64, "T::Balance")],
                         "An account was created with some free balance.")
DustLost = balances.event(1, "DustLost", [("account", AccountId32, "T::AccountId"), _AMOUNT],
                          "An account was removed whose balance was non-zero but below "
                          "ExistentialDeposit, resulting in an outright loss.")
Transfer = balances.event(2, "Transfer", [("from", AccountId32, "T::AccountId"),
                                          ("to", AccountId32, "T::AccountId"), _AMOUNT],
                          "Transfer succeeded.")
BalanceSet = balances.event(3, "BalanceSet", [_WHO, ("free", U64, "T::Balance")],
                            "A balance was set by root.")
Reserved = balances.event(4, "Reserved", [_WHO, _AMOUNT],
                          "Some balance was reserved (moved from free to reserved).")
Unreserved = balances.event(5, "Unreserved", [_WHO, _AMOUNT],
                            "Some balance was unreserved (moved from reserved to free).")
ReserveRepatriated = balances.event(6, "ReserveRepatriated", [
    ("from", AccountId32, "T::AccountId"), ("to", AccountId32, "T::AccountId"), _AMOUNT,
    ("destination_status", BalanceStatus, "Status")],
    "Some balance was moved from the reserve of the first account to the second account.")
Deposit = balances.event(7, "Deposit", [_WHO, _AMOUNT],
                         "Some amount was deposited (e.g. for transaction fees).")
Withdraw = balances.event(8, "Withdraw", [_WHO, _AMOUNT],
                          "Some amount was withdrawn from the account (e.g. for transaction "
                          "fees).")
Slashed = balances.event(9, "Slashed", [_WHO, _AMOUNT],
                         "Some amount was removed from the account (e.g. for misbehavior).")
Minted = balances.event(10, "Minted", [_WHO, _AMOUNT], "Some amount was minted into an account.")
Burned = balances.event(11, "Burned", [_WHO, _AMOUNT], "Some amount was burned from an account.")
Suspended = balances.event(12, "Suspended", [_WHO, _AMOUNT],
                           "Some amount was suspended from an account (it can be restored "
                           "later).")
Restored = balances.event(13, "Restored", [_WHO, _AMOUNT], "Some amount was restored into an "
                          "account.")
Upgraded = balances.event(14, "Upgraded", [_WHO], "An account was upgraded.")
Issued = balances.event(15, "Issued", [_AMOUNT], "Total issuance was increased by `amount`, "
                        "creating a credit to be balanced.")
Rescinded = balances.event(16, "Rescinded", [_AMOUNT], "Total issuance was decreased by "
                           "`amount`, creating a debt to be balanced.")
Locked = balances.event(17, "Locked", [_WHO, _AMOUNT], "Some balance was locked.")
Unlocked = balances.event(18, "Unlocked", [_WHO, _AMOUNT], "Some balance was unlocked.")
Frozen = balances.event(19, "Frozen", [_WHO, _AMOUNT], "Some balance was frozen.")
Thawed = balances.event(20, "Thawed", [_WHO, _AMOUNT], "Some balance was thawed.")
TotalIssuanceForced = balances.event(21, "TotalIssuanceForced", [
    ("old", U64, "T::Balance"), ("new", U64, "T::Balance")],
    "The `TotalIssuance` was forcefully changed.")

# -- errors -------------------------------------------------------------------------------------

VestingBalance = balances.error(0, "VestingBalance", "Vesting balance too high to send value.")
LiquidityRestrictions = balances.error(1, "LiquidityRestrictions",
                                       "Account liquidity restrictions prevent withdrawal.")
InsufficientBalance = balances.error(2, "InsufficientBalance", "Balance too low to send value.")
ExistentialDeposit = balances.error(3, "ExistentialDeposit",
                                    "Value too low to create account due to existential "
                                    "deposit.")
Expendability = balances.error(4, "Expendability", "Transfer/payment would kill account.")
ExistingVestingSchedule = balances.error(5, "ExistingVestingSchedule",
                                         "A vesting schedule already exists for this account.")
DeadAccount = balances.error(6, "DeadAccount", "Beneficiary account must pre-exist.")
TooManyReserves = balances.error(7, "TooManyReserves",
                                 "Number of named reserves exceed `MaxReserves`.")
TooManyHolds = balances.error(8, "TooManyHolds",
                              "Number of holds exceed `VariantCountOf<T::RuntimeHoldReason>`.")
TooManyFreezes = balances.error(9, "TooManyFreezes", "Number of freezes exceed `MaxFreezes`.")
IssuanceDeactivated = balances.error(10, "IssuanceDeactivated",
                                     "The issuance cannot be modified since it is already "
                                     "deactivated.")
DeltaZero = balances.error(11, "DeltaZero", "The delta cannot be zero.")

# -- constants ----------------------------------------------------------------------------------

balances.constant("ExistentialDeposit", U64, EXISTENTIAL_DEPOSIT,
                  "The minimum amount required to keep an account open. MUST BE GREATER THAN "
                  "ZERO!")
balances.constant("MaxLocks", U32, MAX_LOCKS,
                  "The maximum number of locks that should exist on an account.")
balances.constant("MaxReserves", U32, MAX_RESERVES,
                  "The maximum number of named reserves that can exist on an account.")
balances.constant("MaxFreezes", U32, MAX_FREEZES,
                  "The maximum number of individual freeze locks that can exist on an account "
                  "at any time.")
