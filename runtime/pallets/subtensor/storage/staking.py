"""SubtensorModule storage: stake accounting (spec §4.3, §4.4): hotkey ownership, share pools,
delegation and childkeys, conviction locks, root claims, auto-stake.

Names, hashers (in key order), key and value types, query kinds and defaults follow
``pallets/subtensor/src/lib.rs`` at subtensor 14bc6f9; defaults are the production runtime's
values of the reference's default functions (see :mod:`runtime.pallets.subtensor.constants`).
"""

from __future__ import annotations

from runtime.frame.storage import OPTION_QUERY, VALUE_QUERY, blake2_128_concat, identity
from runtime.pallets.subtensor import constants as C
from runtime.pallets.subtensor.pallet import subtensor
from runtime.pallets.subtensor.types import (
    ROOT_CLAIM_TYPE_DEFAULT,
    SAFE_FLOAT_ZERO,
    ZERO_ACCOUNT,
    AlphaBalance,
    I96F32Type,
    LockState,
    NetUid,
    RootClaimTypeEnum,
    SafeFloat,
    U64F64Type,
)
from runtime.primitives.fixed import I96F32, U64F64
from runtime.primitives.scale import U16, U64, U128, Bool, BTreeMap, Tuple, Unit, Vec
from runtime.primitives.scale.common import AccountId32

NextStakeJobId = subtensor.value(
    "NextStakeJobId", U64,
    query=VALUE_QUERY, default=0,
    docs=('Next id to hand out to a deferred staking job.',))

Owner = subtensor.map(
    "Owner", blake2_128_concat(AccountId32, "T::AccountId"), AccountId32,
    query=VALUE_QUERY, default=ZERO_ACCOUNT,
    docs=('The coldkey that owns each hotkey.',))

AccountFlags = subtensor.map(
    "AccountFlags", blake2_128_concat(AccountId32, "T::AccountId"), U128,
    query=VALUE_QUERY, default=0,
    docs=('Per-coldkey bit flags (zero when unset).',))

Delegates = subtensor.map(
    "Delegates", blake2_128_concat(AccountId32, "T::AccountId"), U16,
    query=VALUE_QUERY, default=C.INITIAL_DEFAULT_DELEGATE_TAKE,
    docs=('Delegate take of each hotkey (u16 fraction of 65535).',))

ChildkeyTake = subtensor.double_map(
    "ChildkeyTake", blake2_128_concat(AccountId32, "T::AccountId"), identity(NetUid, "NetUid"), U16,
    query=VALUE_QUERY, default=0,
    docs=("Take a hotkey keeps from its children's dividends on a subnet.",))

PendingChildKeys = subtensor.double_map(
    "PendingChildKeys", identity(NetUid, "NetUid"), blake2_128_concat(AccountId32, "T::AccountId"),
    Tuple(Vec(Tuple(U64, AccountId32)), U64),
    query=VALUE_QUERY, default=([], 0),
    docs=('Child keys a parent asked for on a subnet, with the block they take effect.',))

ChildKeys = subtensor.double_map(
    "ChildKeys", blake2_128_concat(AccountId32, "T::AccountId"), identity(NetUid, "NetUid"),
    Vec(Tuple(U64, AccountId32)),
    query=VALUE_QUERY, default=[],
    docs=('Children of a parent hotkey on a subnet, each with its u64 proportion.',))

ParentKeys = subtensor.double_map(
    "ParentKeys", blake2_128_concat(AccountId32, "T::AccountId"), identity(NetUid, "NetUid"),
    Vec(Tuple(U64, AccountId32)),
    query=VALUE_QUERY, default=[],
    docs=('Parents of a child hotkey on a subnet, each with its u64 proportion.',))

AlphaDividendsPerSubnet = subtensor.double_map(
    "AlphaDividendsPerSubnet", identity(NetUid, "NetUid"),
    blake2_128_concat(AccountId32, "T::AccountId"), AlphaBalance,
    query=VALUE_QUERY, default=0,
    docs=("Alpha dividends a hotkey received at the subnet's last epoch.",))

RootAlphaDividendsPerSubnet = subtensor.double_map(
    "RootAlphaDividendsPerSubnet", identity(NetUid, "NetUid"),
    blake2_128_concat(AccountId32, "T::AccountId"), AlphaBalance,
    query=VALUE_QUERY, default=0,
    docs=("Root-stake share of a hotkey's alpha dividends at the last epoch.",))

LastHotkeyEmissionOnNetuid = subtensor.double_map(
    "LastHotkeyEmissionOnNetuid", blake2_128_concat(AccountId32, "T::AccountId"),
    identity(NetUid, "NetUid"), AlphaBalance,
    query=VALUE_QUERY, default=0,
    docs=('Emission a hotkey received on a subnet at the last epoch.',))

StakingHotkeys = subtensor.map(
    "StakingHotkeys", blake2_128_concat(AccountId32, "T::AccountId"), Vec(AccountId32),
    query=VALUE_QUERY, default=[],
    docs=('Hotkeys a coldkey has staked to.',))

OwnedHotkeys = subtensor.map(
    "OwnedHotkeys", blake2_128_concat(AccountId32, "T::AccountId"), Vec(AccountId32),
    query=VALUE_QUERY, default=[],
    docs=('Hotkeys a coldkey owns.',))

AutoStakeDestination = subtensor.double_map(
    "AutoStakeDestination", blake2_128_concat(AccountId32, "T::AccountId"),
    identity(NetUid, "NetUid"), AccountId32,
    query=OPTION_QUERY,
    docs=("Hotkey that receives a coldkey's miner incentive on a subnet as stake.",))

AutoStakeDestinationColdkeys = subtensor.double_map(
    "AutoStakeDestinationColdkeys", blake2_128_concat(AccountId32, "T::AccountId"),
    identity(NetUid, "NetUid"), Vec(AccountId32),
    query=VALUE_QUERY, default=[],
    docs=('Coldkeys auto-staking to a hotkey on a subnet.',))

TotalHotkeyAlpha = subtensor.double_map(
    "TotalHotkeyAlpha", blake2_128_concat(AccountId32, "T::AccountId"), identity(NetUid, "NetUid"),
    AlphaBalance,
    query=VALUE_QUERY, default=0,
    docs=('Total alpha staked to a hotkey on a subnet.',))

TotalHotkeyAlphaLastEpoch = subtensor.double_map(
    "TotalHotkeyAlphaLastEpoch", blake2_128_concat(AccountId32, "T::AccountId"),
    identity(NetUid, "NetUid"), AlphaBalance,
    query=VALUE_QUERY, default=0,
    docs=("A hotkey's total alpha on a subnet at the last epoch.",))

TotalHotkeyShares = subtensor.double_map(
    "TotalHotkeyShares", blake2_128_concat(AccountId32, "T::AccountId"), identity(NetUid, "NetUid"),
    U64F64Type,
    query=VALUE_QUERY, default=U64F64.ZERO,
    docs=("Legacy (fixed-point) share count of a hotkey's pool on a subnet.",))

Alpha = subtensor.nmap(
    "Alpha",
    [blake2_128_concat(AccountId32, "T::AccountId"),
     blake2_128_concat(AccountId32, "T::AccountId"),
     identity(NetUid, "NetUid")],
    U64F64Type,
    query=VALUE_QUERY, default=U64F64.ZERO,
    docs=("Legacy (fixed-point) shares of a coldkey in a hotkey's pool on a subnet.",))

TotalHotkeySharesV2 = subtensor.double_map(
    "TotalHotkeySharesV2", blake2_128_concat(AccountId32, "T::AccountId"),
    identity(NetUid, "NetUid"), SafeFloat,
    query=VALUE_QUERY, default=SAFE_FLOAT_ZERO,
    docs=("Share count of a hotkey's stake pool on a subnet (decimal float).",))

AlphaV2 = subtensor.nmap(
    "AlphaV2",
    [blake2_128_concat(AccountId32, "T::AccountId"),
     blake2_128_concat(AccountId32, "T::AccountId"),
     identity(NetUid, "NetUid")],
    SafeFloat,
    query=VALUE_QUERY, default=SAFE_FLOAT_ZERO,
    docs=("Shares of a coldkey in a hotkey's stake pool on a subnet (decimal float).",))

Lock = subtensor.nmap(
    "Lock",
    [blake2_128_concat(AccountId32, "T::AccountId"),
     identity(NetUid, "NetUid"),
     blake2_128_concat(AccountId32, "T::AccountId")],
    LockState,
    query=OPTION_QUERY,
    docs=('Conviction lock of a coldkey on a subnet towards a hotkey.',))

LockingColdkeys = subtensor.nmap(
    "LockingColdkeys",
    [identity(NetUid, "NetUid"),
     blake2_128_concat(AccountId32, "T::AccountId"),
     blake2_128_concat(AccountId32, "T::AccountId")],
    Unit,
    query=OPTION_QUERY,
    docs=('Index of coldkeys locking to a hotkey on a subnet.',))

HotkeyLock = subtensor.double_map(
    "HotkeyLock", identity(NetUid, "NetUid"), blake2_128_concat(AccountId32, "T::AccountId"),
    LockState,
    query=OPTION_QUERY,
    docs=('Aggregate lock held by a hotkey on a subnet.',))

DecayingHotkeyLock = subtensor.double_map(
    "DecayingHotkeyLock", identity(NetUid, "NetUid"),
    blake2_128_concat(AccountId32, "T::AccountId"), LockState,
    query=OPTION_QUERY,
    docs=('Aggregate decaying lock held by a hotkey on a subnet.',))

OwnerLock = subtensor.map(
    "OwnerLock", identity(NetUid, "NetUid"), LockState,
    query=OPTION_QUERY,
    docs=("Lock of a subnet's owner.",))

DecayingOwnerLock = subtensor.map(
    "DecayingOwnerLock", identity(NetUid, "NetUid"), LockState,
    query=OPTION_QUERY,
    docs=("Decaying lock of a subnet's owner.",))

DecayingLock = subtensor.double_map(
    "DecayingLock", blake2_128_concat(AccountId32, "T::AccountId"), identity(NetUid, "NetUid"),
    Bool,
    query=OPTION_QUERY,
    docs=("Whether a coldkey's lock on a subnet is decaying.",))

OwnerCutAutoLockEnabled = subtensor.map(
    "OwnerCutAutoLockEnabled", identity(NetUid, "NetUid"), Bool,
    query=VALUE_QUERY, default=False,
    docs=('Whether the owner cut is locked automatically on a subnet.',))

MaturityRate = subtensor.value(
    "MaturityRate", U64,
    query=VALUE_QUERY, default=934866,
    docs=('Rate at which lock conviction matures (per-block, scaled).',))

UnlockRate = subtensor.value(
    "UnlockRate", U64,
    query=VALUE_QUERY, default=934866,
    docs=('Rate at which a decaying lock unlocks (per-block, scaled).',))

VotingPower = subtensor.double_map(
    "VotingPower", identity(NetUid, "NetUid"), blake2_128_concat(AccountId32, "T::AccountId"), U64,
    query=VALUE_QUERY, default=0,
    docs=('EMA voting power of a hotkey on a subnet.',))

RootClaimableThreshold = subtensor.map(
    "RootClaimableThreshold", blake2_128_concat(NetUid, "NetUid"), I96F32Type,
    query=VALUE_QUERY, default=I96F32.from_num(500_000),
    docs=('Minimum claimable root dividend per subnet before it is paid.',))

RootClaimable = subtensor.map(
    "RootClaimable", blake2_128_concat(AccountId32, "T::AccountId"), BTreeMap(NetUid, I96F32Type),
    query=VALUE_QUERY, default={},
    docs=('Root dividends a hotkey has made claimable, per subnet.',))

RootClaimed = subtensor.nmap(
    "RootClaimed",
    [identity(NetUid, "NetUid"),
     blake2_128_concat(AccountId32, "T::AccountId"),
     blake2_128_concat(AccountId32, "T::AccountId")],
    U128,
    query=VALUE_QUERY, default=0,
    docs=('Root dividends a coldkey has claimed through a hotkey on a subnet.',))

RootClaimType = subtensor.map(
    "RootClaimType", blake2_128_concat(AccountId32, "T::AccountId"), RootClaimTypeEnum,
    query=VALUE_QUERY, default=ROOT_CLAIM_TYPE_DEFAULT,
    docs=('How a coldkey takes its root dividends.',))

StakingColdkeysByIndex = subtensor.map(
    "StakingColdkeysByIndex", identity(U64, "u64"), AccountId32,
    query=OPTION_QUERY,
    docs=('Staking coldkeys by dense index (for round-robin claims).',))

StakingColdkeys = subtensor.map(
    "StakingColdkeys", identity(AccountId32, "T::AccountId"), U64,
    query=OPTION_QUERY,
    docs=('Dense index of each staking coldkey.',))

NumStakingColdkeys = subtensor.value(
    "NumStakingColdkeys", U64,
    query=VALUE_QUERY, default=0,
    docs=('Number of indexed staking coldkeys.',))

NumRootClaim = subtensor.value(
    "NumRootClaim", U64,
    query=VALUE_QUERY, default=5,
    docs=('Coldkeys processed by automatic root claims per block.',))

AutoParentDelegationEnabled = subtensor.map(
    "AutoParentDelegationEnabled", blake2_128_concat(AccountId32, "T::AccountId"), Bool,
    query=VALUE_QUERY, default=True,
    docs=('Whether a hotkey accepts automatic parent delegation.',))

__all__ = [
    "AccountFlags",
    "Alpha",
    "AlphaDividendsPerSubnet",
    "AlphaV2",
    "AutoParentDelegationEnabled",
    "AutoStakeDestination",
    "AutoStakeDestinationColdkeys",
    "ChildKeys",
    "ChildkeyTake",
    "DecayingHotkeyLock",
    "DecayingLock",
    "DecayingOwnerLock",
    "Delegates",
    "HotkeyLock",
    "LastHotkeyEmissionOnNetuid",
    "Lock",
    "LockingColdkeys",
    "MaturityRate",
    "NextStakeJobId",
    "NumRootClaim",
    "NumStakingColdkeys",
    "OwnedHotkeys",
    "Owner",
    "OwnerCutAutoLockEnabled",
    "OwnerLock",
    "ParentKeys",
    "PendingChildKeys",
    "RootAlphaDividendsPerSubnet",
    "RootClaimType",
    "RootClaimable",
    "RootClaimableThreshold",
    "RootClaimed",
    "StakingColdkeys",
    "StakingColdkeysByIndex",
    "StakingHotkeys",
    "TotalHotkeyAlpha",
    "TotalHotkeyAlphaLastEpoch",
    "TotalHotkeyShares",
    "TotalHotkeySharesV2",
    "UnlockRate",
    "VotingPower",
]
