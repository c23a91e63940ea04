"""SubtensorModule storage: per-uid state: uids and keys, registration counters, the epoch outputs
(spec §1.12) and serving endpoints (§5.4).

Names, hashers (in key order), key and value types, query kinds and defaults follow
``pallets/subtensor/src/lib.rs`` at subtensor 14bc6f9; defaults are the production runtime's
values of the reference's default functions (see :mod:`runtime.pallets.subtensor.constants`).
"""

from __future__ import annotations

from runtime.frame.storage import OPTION_QUERY, VALUE_QUERY, blake2_128_concat, identity
from runtime.pallets.subtensor.pallet import subtensor
from runtime.pallets.subtensor.types import (
    ZERO_ACCOUNT,
    AlphaBalance,
    AxonInfo,
    NetUid,
    NetUidStorageIndex,
    NeuronCertificate,
    PrometheusInfo,
)
from runtime.primitives.scale import U16, U64, Bool, Bytes, Tuple, Vec
from runtime.primitives.scale.common import AccountId32

UsedWork = subtensor.map(
    "UsedWork", identity(Bytes, "Vec<u8>"), U64,
    query=VALUE_QUERY, default=0,
    docs=('Proof-of-work seals already used (legacy).',))

IsNetworkMember = subtensor.double_map(
    "IsNetworkMember", blake2_128_concat(AccountId32, "T::AccountId"), identity(NetUid, "NetUid"),
    Bool,
    query=VALUE_QUERY, default=False,
    docs=('Whether a hotkey is registered on a subnet.',))

RegistrationsThisInterval = subtensor.map(
    "RegistrationsThisInterval", identity(NetUid, "NetUid"), U16,
    query=VALUE_QUERY, default=0,
    docs=('Registrations in the current adjustment interval.',))

POWRegistrationsThisInterval = subtensor.map(
    "POWRegistrationsThisInterval", identity(NetUid, "NetUid"), U16,
    query=VALUE_QUERY, default=0,
    docs=('PoW registrations in the current adjustment interval (legacy).',))

BurnRegistrationsThisInterval = subtensor.map(
    "BurnRegistrationsThisInterval", identity(NetUid, "NetUid"), U16,
    query=VALUE_QUERY, default=0,
    docs=('Burn registrations in the current adjustment interval.',))

LastAdjustmentBlock = subtensor.map(
    "LastAdjustmentBlock", identity(NetUid, "NetUid"), U64,
    query=VALUE_QUERY, default=0,
    docs=('Block of the last registration adjustment.',))

RegistrationsThisBlock = subtensor.map(
    "RegistrationsThisBlock", identity(NetUid, "NetUid"), U16,
    query=VALUE_QUERY, default=0,
    docs=('Registrations in the current block.',))

StakeWeight = subtensor.map(
    "StakeWeight", identity(NetUid, "NetUid"), Vec(U16),
    query=VALUE_QUERY, default=[],
    docs=('Stake weight of each uid at the last epoch (u16 fractions).',))

Uids = subtensor.double_map(
    "Uids", identity(NetUid, "NetUid"), blake2_128_concat(AccountId32, "T::AccountId"), U16,
    query=OPTION_QUERY,
    docs=('Uid of a hotkey on a subnet.',))

Keys = subtensor.double_map(
    "Keys", identity(NetUid, "NetUid"), identity(U16, "u16"), AccountId32,
    query=VALUE_QUERY, default=ZERO_ACCOUNT,
    docs=('Hotkey of a uid on a subnet.',))

LoadedEmission = subtensor.map(
    "LoadedEmission", identity(NetUid, "NetUid"), Vec(Tuple(AccountId32, U64, U64)),
    query=OPTION_QUERY,
    docs=('Emission tuples (hotkey, server, validator) of the last epoch (legacy).',))

Active = subtensor.map(
    "Active", identity(NetUid, "NetUid"), Vec(Bool),
    query=VALUE_QUERY, default=[],
    docs=('Active mask of the last epoch.',))

Consensus = subtensor.map(
    "Consensus", identity(NetUid, "NetUid"), Vec(U16),
    query=VALUE_QUERY, default=[],
    docs=('Consensus of each uid at the last epoch (u16 fractions).',))

Incentive = subtensor.map(
    "Incentive", identity(NetUidStorageIndex, "NetUidStorageIndex"), Vec(U16),
    query=VALUE_QUERY, default=[],
    docs=('Incentive of each uid per mechanism at the last epoch (u16 fractions).',))

Dividends = subtensor.map(
    "Dividends", identity(NetUid, "NetUid"), Vec(U16),
    query=VALUE_QUERY, default=[],
    docs=('Dividends of each uid at the last epoch (u16 fractions).',))

Emission = subtensor.map(
    "Emission", identity(NetUid, "NetUid"), Vec(AlphaBalance),
    query=VALUE_QUERY, default=[],
    docs=('Alpha emitted to each uid at the last epoch.',))

LastUpdate = subtensor.map(
    "LastUpdate", identity(NetUidStorageIndex, "NetUidStorageIndex"), Vec(U64),
    query=VALUE_QUERY, default=[],
    docs=('Block at which each uid last set weights, per mechanism.',))

ValidatorTrust = subtensor.map(
    "ValidatorTrust", identity(NetUid, "NetUid"), Vec(U16),
    query=VALUE_QUERY, default=[],
    docs=('Validator trust of each uid at the last epoch (u16 fractions).',))

ValidatorPermit = subtensor.map(
    "ValidatorPermit", identity(NetUid, "NetUid"), Vec(Bool),
    query=VALUE_QUERY, default=[],
    docs=('Validator permit of each uid from the last epoch.',))

BlockAtRegistration = subtensor.double_map(
    "BlockAtRegistration", identity(NetUid, "NetUid"), identity(U16, "u16"), U64,
    query=VALUE_QUERY, default=0,
    docs=('Block at which each uid was registered.',))

Axons = subtensor.double_map(
    "Axons", identity(NetUid, "NetUid"), blake2_128_concat(AccountId32, "T::AccountId"), AxonInfo,
    query=OPTION_QUERY,
    docs=('Axon endpoint of a hotkey on a subnet.',))

NeuronCertificates = subtensor.double_map(
    "NeuronCertificates", identity(NetUid, "NetUid"),
    blake2_128_concat(AccountId32, "T::AccountId"), NeuronCertificate,
    query=OPTION_QUERY,
    docs=('TLS certificate of a hotkey on a subnet.',))

Prometheus = subtensor.double_map(
    "Prometheus", identity(NetUid, "NetUid"), blake2_128_concat(AccountId32, "T::AccountId"),
    PrometheusInfo,
    query=OPTION_QUERY,
    docs=('Prometheus endpoint of a hotkey on a subnet.',))

__all__ = [
    "Active",
    "Axons",
    "BlockAtRegistration",
    "BurnRegistrationsThisInterval",
    "Consensus",
    "Dividends",
    "Emission",
    "Incentive",
    "IsNetworkMember",
    "Keys",
    "LastAdjustmentBlock",
    "LastUpdate",
    "LoadedEmission",
    "NeuronCertificates",
    "POWRegistrationsThisInterval",
    "Prometheus",
    "RegistrationsThisBlock",
    "RegistrationsThisInterval",
    "StakeWeight",
    "Uids",
    "UsedWork",
    "ValidatorPermit",
    "ValidatorTrust",
]
