"""SubtensorModule storage: per-subnet state: existence, ownership, pools (spec §4.1), emission
bookkeeping, the epoch scheduler (§3.6), mechanisms and leases.

Names, hashers (in key order), key and value types, query kinds and defaults follow
``pallets/subtensor/src/lib.rs`` at subtensor 14bc6f9; defaults are the production runtime's
values of the reference's default functions (see :mod:`runtime.pallets.subtensor.constants`).
"""

from __future__ import annotations

from runtime.frame.storage import OPTION_QUERY, VALUE_QUERY, identity, twox64_concat
from runtime.pallets.subtensor import constants as C
from runtime.pallets.subtensor.pallet import subtensor
from runtime.pallets.subtensor.types import (
    ZERO_ACCOUNT,
    AlphaBalance,
    I64F64Type,
    I96F32Type,
    LeaseId,
    MechId,
    NetUid,
    SubnetLease,
    TaoBalance,
    U64F64Type,
    U96F32Type,
)
from runtime.primitives.fixed import I96F32, U64F64, U96F32
from runtime.primitives.scale import I64, U16, U64, U128, Bool, Tuple, Vec
from runtime.primitives.scale.common import AccountId32

SubnetMovingPrice = subtensor.map(
    "SubnetMovingPrice", identity(NetUid, "NetUid"), I96F32Type,
    query=VALUE_QUERY, default=I96F32.ZERO,
    docs=("EMA of each subnet's alpha price, used to share block emission.",))

RootProp = subtensor.map(
    "RootProp", identity(NetUid, "NetUid"), U96F32Type,
    query=VALUE_QUERY, default=U96F32.ZERO,
    docs=("Root stake's proportion of a subnet's stake at the last coinbase.",))

SubnetVolume = subtensor.map(
    "SubnetVolume", identity(NetUid, "NetUid"), U128,
    query=VALUE_QUERY, default=0,
    docs=("Cumulative TAO volume traded through a subnet's pool.",))

SubnetTAO = subtensor.map(
    "SubnetTAO", identity(NetUid, "NetUid"), TaoBalance,
    query=VALUE_QUERY, default=0,
    docs=("TAO reserve of a subnet's pool (rao); for root, all TAO staked on root.",))

SubnetAlphaInEmission = subtensor.map(
    "SubnetAlphaInEmission", identity(NetUid, "NetUid"), AlphaBalance,
    query=VALUE_QUERY, default=0,
    docs=('Alpha injected into the pool at the last block.',))

SubnetEmissionEnabled = subtensor.map(
    "SubnetEmissionEnabled", identity(NetUid, "NetUid"), Bool,
    query=VALUE_QUERY, default=True,
    docs=('Whether a subnet receives TAO emission (root switch).',))

SubnetAlphaOutEmission = subtensor.map(
    "SubnetAlphaOutEmission", identity(NetUid, "NetUid"), AlphaBalance,
    query=VALUE_QUERY, default=0,
    docs=('Alpha emitted to participants at the last block.',))

SubnetTaoInEmission = subtensor.map(
    "SubnetTaoInEmission", identity(NetUid, "NetUid"), TaoBalance,
    query=VALUE_QUERY, default=0,
    docs=('TAO injected into the pool at the last block.',))

SubnetExcessTao = subtensor.map(
    "SubnetExcessTao", identity(NetUid, "NetUid"), TaoBalance,
    query=VALUE_QUERY, default=0,
    docs=('TAO that could not be injected into the pool at the last block.',))

SubnetRootSellTao = subtensor.map(
    "SubnetRootSellTao", identity(NetUid, "NetUid"), TaoBalance,
    query=VALUE_QUERY, default=0,
    docs=("TAO obtained by selling root's alpha share at the last block.",))

SubnetAlphaIn = subtensor.map(
    "SubnetAlphaIn", identity(NetUid, "NetUid"), AlphaBalance,
    query=VALUE_QUERY, default=0,
    docs=("Alpha reserve of a subnet's pool.",))

SubnetAlphaOut = subtensor.map(
    "SubnetAlphaOut", identity(NetUid, "NetUid"), AlphaBalance,
    query=VALUE_QUERY, default=0,
    docs=('Alpha outside the pool: staked, pending and protocol-bought.',))

SubnetProtocolAlpha = subtensor.map(
    "SubnetProtocolAlpha", identity(NetUid, "NetUid"), AlphaBalance,
    query=VALUE_QUERY, default=0,
    docs=('Alpha bought by chain buys, owned by nobody.',))

SubnetTaoFlow = subtensor.map(
    "SubnetTaoFlow", identity(NetUid, "NetUid"), I64,
    query=VALUE_QUERY, default=0,
    docs=('Net TAO flow into a subnet in the current block.',))

SubnetEmaTaoFlow = subtensor.map(
    "SubnetEmaTaoFlow", identity(NetUid, "NetUid"), Tuple(U64, I64F64Type),
    query=OPTION_QUERY,
    docs=("EMA of a subnet's TAO flow, with the block it was updated at.",))

SubnetProtocolFlow = subtensor.map(
    "SubnetProtocolFlow", identity(NetUid, "NetUid"), I64,
    query=VALUE_QUERY, default=0,
    docs=('Net protocol flow of a subnet in the current block.',))

SubnetEmaProtocolFlow = subtensor.map(
    "SubnetEmaProtocolFlow", identity(NetUid, "NetUid"), Tuple(U64, I64F64Type),
    query=OPTION_QUERY,
    docs=("EMA of a subnet's protocol flow, with the block it was updated at.",))

TotalNetworks = subtensor.value(
    "TotalNetworks", U16,
    query=VALUE_QUERY, default=0,
    docs=('Number of subnets that exist.',))

SubnetLocked = subtensor.map(
    "SubnetLocked", identity(NetUid, "NetUid"), TaoBalance,
    query=VALUE_QUERY, default=0,
    docs=('TAO locked when the subnet was registered.',))

LargestLocked = subtensor.map(
    "LargestLocked", identity(NetUid, "NetUid"), U64,
    query=VALUE_QUERY, default=0,
    docs=('Largest lock ever paid for this subnet id.',))

LastEpochBlock = subtensor.map(
    "LastEpochBlock", identity(NetUid, "NetUid"), U64,
    query=VALUE_QUERY, default=0,
    docs=("Block of a subnet's last epoch slot (scheduler state).",))

PendingEpochAt = subtensor.map(
    "PendingEpochAt", identity(NetUid, "NetUid"), U64,
    query=VALUE_QUERY, default=0,
    docs=('Block at which a deferred epoch became due (0 when none).',))

SubnetEpochIndex = subtensor.map(
    "SubnetEpochIndex", identity(NetUid, "NetUid"), U64,
    query=VALUE_QUERY, default=0,
    docs=('Number of epochs a subnet has run.',))

FirstEmissionBlockNumber = subtensor.map(
    "FirstEmissionBlockNumber", identity(NetUid, "NetUid"), U64,
    query=OPTION_QUERY,
    docs=('Block from which a subnet receives emission (set by start_call).',))

SubnetMechanism = subtensor.map(
    "SubnetMechanism", identity(NetUid, "NetUid"), U16,
    query=VALUE_QUERY, default=0,
    docs=('Pool mechanism of a subnet: 0 stable, 1 dynamic.',))

SubnetworkN = subtensor.map(
    "SubnetworkN", identity(NetUid, "NetUid"), U16,
    query=VALUE_QUERY, default=0,
    docs=('Number of uids registered on a subnet.',))

NetworksAdded = subtensor.map(
    "NetworksAdded", identity(NetUid, "NetUid"), Bool,
    query=VALUE_QUERY, default=False,
    docs=('Whether a subnet exists.',))

NetworkRegisteredAt = subtensor.map(
    "NetworkRegisteredAt", identity(NetUid, "NetUid"), U64,
    query=VALUE_QUERY, default=0,
    docs=('Block at which a subnet was registered.',))

RegisteredSubnetCounter = subtensor.map(
    "RegisteredSubnetCounter", identity(NetUid, "NetUid"), U64,
    query=VALUE_QUERY, default=0,
    docs=('How many times each subnet id has been registered.',))

PendingServerEmission = subtensor.map(
    "PendingServerEmission", identity(NetUid, "NetUid"), AlphaBalance,
    query=VALUE_QUERY, default=0,
    docs=('Miner alpha accumulated for the next epoch.',))

PendingValidatorEmission = subtensor.map(
    "PendingValidatorEmission", identity(NetUid, "NetUid"), AlphaBalance,
    query=VALUE_QUERY, default=0,
    docs=('Validator alpha accumulated for the next epoch.',))

PendingRootAlphaDivs = subtensor.map(
    "PendingRootAlphaDivs", identity(NetUid, "NetUid"), AlphaBalance,
    query=VALUE_QUERY, default=0,
    docs=('Root dividends (alpha) accumulated for the next epoch.',))

PendingOwnerCut = subtensor.map(
    "PendingOwnerCut", identity(NetUid, "NetUid"), AlphaBalance,
    query=VALUE_QUERY, default=0,
    docs=('Owner cut (alpha) accumulated for the next epoch.',))

MinerBurned = subtensor.map(
    "MinerBurned", identity(NetUid, "NetUid"), U96F32Type,
    query=VALUE_QUERY, default=U96F32.ZERO,
    docs=('Fraction of miner emission burned at the last epoch.',))

BlocksSinceLastStep = subtensor.map(
    "BlocksSinceLastStep", identity(NetUid, "NetUid"), U64,
    query=VALUE_QUERY, default=0,
    docs=("Blocks since a subnet's last epoch.",))

LastMechansimStepBlock = subtensor.map(
    "LastMechansimStepBlock", identity(NetUid, "NetUid"), U64,
    query=VALUE_QUERY, default=0,
    docs=("Block of a subnet's last successful epoch (the misspelling is on chain).",))

SubnetOwner = subtensor.map(
    "SubnetOwner", identity(NetUid, "NetUid"), AccountId32,
    query=VALUE_QUERY, default=ZERO_ACCOUNT,
    docs=('Coldkey that owns a subnet.',))

SubnetOwnerHotkey = subtensor.map(
    "SubnetOwnerHotkey", identity(NetUid, "NetUid"), AccountId32,
    query=VALUE_QUERY, default=ZERO_ACCOUNT,
    docs=("Hotkey of a subnet's owner.",))

RAORecycledForRegistration = subtensor.map(
    "RAORecycledForRegistration", identity(NetUid, "NetUid"), TaoBalance,
    query=VALUE_QUERY, default=C.INITIAL_RAO_RECYCLED_FOR_REGISTRATION,
    docs=('TAO recycled by neuron registrations on a subnet.',))

SubtokenEnabled = subtensor.map(
    "SubtokenEnabled", identity(NetUid, "NetUid"), Bool,
    query=VALUE_QUERY, default=False,
    docs=('Whether staking on a subnet is enabled (after start_call).',))

SubnetLeases = subtensor.map(
    "SubnetLeases", twox64_concat(LeaseId, "LeaseId"), SubnetLease,
    query=OPTION_QUERY,
    docs=('Subnet leases by id.',))

SubnetLeaseShares = subtensor.double_map(
    "SubnetLeaseShares", twox64_concat(LeaseId, "LeaseId"), identity(AccountId32, "T::AccountId"),
    U64F64Type,
    query=VALUE_QUERY, default=U64F64.ZERO,
    docs=("Contributors' shares of a lease.",))

SubnetUidToLeaseId = subtensor.map(
    "SubnetUidToLeaseId", twox64_concat(NetUid, "NetUid"), LeaseId,
    query=OPTION_QUERY,
    docs=('Lease id of a leased subnet.',))

NextSubnetLeaseId = subtensor.value(
    "NextSubnetLeaseId", LeaseId,
    query=VALUE_QUERY, default=0,
    docs=('Next lease id.',))

AccumulatedLeaseDividends = subtensor.map(
    "AccumulatedLeaseDividends", twox64_concat(LeaseId, "LeaseId"), AlphaBalance,
    query=VALUE_QUERY, default=0,
    docs=('Lease dividends accumulated before distribution.',))

MechanismCountCurrent = subtensor.map(
    "MechanismCountCurrent", twox64_concat(NetUid, "NetUid"), MechId,
    query=VALUE_QUERY, default=1,
    docs=('Number of mechanisms of a subnet.',))

MechanismEmissionSplit = subtensor.map(
    "MechanismEmissionSplit", twox64_concat(NetUid, "NetUid"), Vec(U16),
    query=OPTION_QUERY,
    docs=("Emission split across a subnet's mechanisms (u16 fractions); even when absent.",))

__all__ = [
    "AccumulatedLeaseDividends",
    "BlocksSinceLastStep",
    "FirstEmissionBlockNumber",
    "LargestLocked",
    "LastEpochBlock",
    "LastMechansimStepBlock",
    "MechanismCountCurrent",
    "MechanismEmissionSplit",
    "MinerBurned",
    "NetworkRegisteredAt",
    "NetworksAdded",
    "NextSubnetLeaseId",
    "PendingEpochAt",
    "PendingOwnerCut",
    "PendingRootAlphaDivs",
    "PendingServerEmission",
    "PendingValidatorEmission",
    "RAORecycledForRegistration",
    "RegisteredSubnetCounter",
    "RootProp",
    "SubnetAlphaIn",
    "SubnetAlphaInEmission",
    "SubnetAlphaOut",
    "SubnetAlphaOutEmission",
    "SubnetEmaProtocolFlow",
    "SubnetEmaTaoFlow",
    "SubnetEmissionEnabled",
    "SubnetEpochIndex",
    "SubnetExcessTao",
    "SubnetLeaseShares",
    "SubnetLeases",
    "SubnetLocked",
    "SubnetMechanism",
    "SubnetMovingPrice",
    "SubnetOwner",
    "SubnetOwnerHotkey",
    "SubnetProtocolAlpha",
    "SubnetProtocolFlow",
    "SubnetRootSellTao",
    "SubnetTAO",
    "SubnetTaoFlow",
    "SubnetTaoInEmission",
    "SubnetUidToLeaseId",
    "SubnetVolume",
    "SubnetworkN",
    "SubtokenEnabled",
    "TotalNetworks",
]
