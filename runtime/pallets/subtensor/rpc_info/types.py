"""SCALE types of the SubtensorModule runtime-API results, with the reference's paths.

Reference (subtensor 14bc6f9): ``pallets/subtensor/src/rpc_info/{neuron_info,dynamic_info,
subnet_info}.rs``. Field names, field order and ``Compact`` wrappers are the Rust structs'
(clients.md §7: clients index the decoded dicts by these names); names are
``Vec<Compact<u8>>`` (decoded as ``list[int]``) and ``moving_price`` is an ``I96F32``
(decoded as ``{"bits": n}``), as clients.md §4 item 10 requires.
"""

from __future__ import annotations

from runtime.pallets.subtensor.types import (
    AlphaBalance,
    AxonInfo,
    ChainIdentityV2,
    I32F32Type,
    I96F32Type,
    NetUid,
    PrometheusInfo,
    SubnetIdentityV3,
    TaoBalance,
    U64F64Type,
)
from runtime.primitives.scale import (
    U8,
    U16,
    U32,
    U64,
    U128,
    Array,
    Bool,
    Bytes,
    Compact,
    Enum,
    Option,
    ScaleType,
    Struct,
    Tuple,
    TypeParam,
    Vec,
)
from runtime.primitives.scale.common import AccountId32

_RPC = ("pallet_subtensor", "rpc_info")
_ACCOUNT = (TypeParam("AccountId", AccountId32),)

_C_U16 = (Compact(U16), "Compact<u16>")
_C_U64 = (Compact(U64), "Compact<u64>")
_C_NETUID = (Compact(NetUid), "Compact<NetUid>")
_C_ALPHA = (Compact(AlphaBalance), "Compact<AlphaBalance>")
_C_TAO = (Compact(TaoBalance), "Compact<TaoBalance>")
_ACCOUNT_ID = (AccountId32, "AccountId")


def _neuron_head() -> list[tuple[str, ScaleType, str]]:
    """The fields NeuronInfo and NeuronInfoLite share, up to ``validator_permit``."""
    return [
        ("hotkey", *_ACCOUNT_ID), ("coldkey", *_ACCOUNT_ID), ("uid", *_C_U16),
        ("netuid", *_C_NETUID), ("active", Bool, "bool"), ("axon_info", AxonInfo, "AxonInfo"),
        ("prometheus_info", PrometheusInfo, "PrometheusInfo"),
        ("stake", Vec(Tuple(AccountId32, Compact(AlphaBalance))),
         "Vec<(AccountId, Compact<AlphaBalance>)>"),
        ("rank", *_C_U16), ("emission", *_C_ALPHA), ("incentive", *_C_U16),
        ("consensus", *_C_U16), ("trust", *_C_U16), ("validator_trust", *_C_U16),
        ("dividends", *_C_U16), ("last_update", *_C_U64), ("validator_permit", Bool, "bool"),
    ]


_PAIRS = (Vec(Tuple(Compact(U16), Compact(U16))), "Vec<(Compact<u16>, Compact<u16>)>")

NeuronInfo = Struct("NeuronInfo", [
    *_neuron_head(), ("weights", *_PAIRS), ("bonds", *_PAIRS), ("pruning_score", *_C_U16),
], path=(*_RPC, "neuron_info", "NeuronInfo"), params=_ACCOUNT)
"""A neuron with its weights and bonds (``get_neurons``, ``get_neuron``)."""

NeuronInfoLite = Struct("NeuronInfoLite", [
    *_neuron_head(), ("pruning_score", *_C_U16),
], path=(*_RPC, "neuron_info", "NeuronInfoLite"), params=_ACCOUNT)
"""A neuron without weights or bonds (``get_neurons_lite``, ``get_neuron_lite``)."""

_NAME = (Vec(Compact(U8)), "Vec<Compact<u8>>")

DynamicInfo = Struct("DynamicInfo", [
    ("netuid", *_C_NETUID), ("owner_hotkey", *_ACCOUNT_ID), ("owner_coldkey", *_ACCOUNT_ID),
    ("subnet_name", *_NAME), ("token_symbol", *_NAME), ("tempo", *_C_U16),
    ("last_step", *_C_U64), ("blocks_since_last_step", *_C_U64), ("emission", *_C_U64),
    ("alpha_in", *_C_ALPHA), ("alpha_out", *_C_ALPHA), ("tao_in", *_C_TAO),
    ("alpha_out_emission", *_C_ALPHA), ("alpha_in_emission", *_C_ALPHA),
    ("tao_in_emission", *_C_TAO), ("pending_alpha_emission", *_C_ALPHA),
    ("pending_root_emission", *_C_TAO), ("subnet_volume", Compact(U128), "Compact<u128>"),
    ("network_registered_at", *_C_U64),
    ("subnet_identity", Option(SubnetIdentityV3), "Option<SubnetIdentityV3>"),
    ("moving_price", I96F32Type, "I96F32"),
], path=(*_RPC, "dynamic_info", "DynamicInfo"), params=_ACCOUNT)
"""A subnet's pool and emission state (``get_dynamic_info``, ``get_all_dynamic_info``)."""

_SUBNET_INFO_HEAD = [
    ("netuid", *_C_NETUID), ("rho", *_C_U16), ("kappa", *_C_U16), ("difficulty", *_C_U64),
    ("immunity_period", *_C_U16), ("max_allowed_validators", *_C_U16),
    ("min_allowed_weights", *_C_U16), ("max_weights_limit", *_C_U16),
    ("scaling_law_power", *_C_U16), ("subnetwork_n", *_C_U16), ("max_allowed_uids", *_C_U16),
    ("blocks_since_last_step", *_C_U64), ("tempo", *_C_U16), ("network_modality", *_C_U16),
    ("network_connect", Vec(Array(U16, 2)), "Vec<[u16; 2]>"),
]

SubnetInfo = Struct("SubnetInfo", [
    *_SUBNET_INFO_HEAD, ("emission_values", *_C_U64), ("burn", *_C_TAO),
    ("owner", *_ACCOUNT_ID),
], path=(*_RPC, "subnet_info", "SubnetInfo"), params=_ACCOUNT)
"""A subnet's main hyperparameters and owner (``get_subnet_info``, deprecated shape)."""

SubnetInfov2 = Struct("SubnetInfov2", [
    *_SUBNET_INFO_HEAD, ("emission_value", *_C_U64),
    ("burn", *_C_TAO), ("owner", *_ACCOUNT_ID),
    ("identity", Option(SubnetIdentityV3), "Option<SubnetIdentityV3>"),
], path=(*_RPC, "subnet_info", "SubnetInfov2"), params=_ACCOUNT)
"""A subnet's main hyperparameters and owner (``get_subnet_info_v2``)."""

_BOOL = (Bool, "bool")

_HYPERPARAMS_V1 = [
    ("rho", *_C_U16), ("kappa", *_C_U16), ("immunity_period", *_C_U16),
    ("min_allowed_weights", *_C_U16), ("max_weights_limit", *_C_U16), ("tempo", *_C_U16),
    ("min_difficulty", *_C_U64), ("max_difficulty", *_C_U64), ("weights_version", *_C_U64),
    ("weights_rate_limit", *_C_U64), ("adjustment_interval", *_C_U16),
    ("activity_cutoff", *_C_U64), ("registration_allowed", *_BOOL),
    ("target_regs_per_interval", *_C_U16), ("min_burn", *_C_TAO), ("max_burn", *_C_TAO),
    ("bonds_moving_avg", *_C_U64), ("max_regs_per_block", *_C_U16),
    ("serving_rate_limit", *_C_U64), ("max_validators", *_C_U16),
    ("adjustment_alpha", *_C_U64), ("difficulty", *_C_U64), ("commit_reveal_period", *_C_U64),
    ("commit_reveal_weights_enabled", *_BOOL), ("alpha_high", *_C_U16), ("alpha_low", *_C_U16),
    ("liquid_alpha_enabled", *_BOOL),
]

SubnetHyperparams = Struct("SubnetHyperparams", _HYPERPARAMS_V1,
                           path=(*_RPC, "subnet_info", "SubnetHyperparams"))
"""A subnet's hyperparameters, first shape (``get_subnet_hyperparams``)."""

SubnetHyperparamsV2 = Struct("SubnetHyperparamsV2", [
    *_HYPERPARAMS_V1, ("alpha_sigmoid_steepness", I32F32Type, "I32F32"),
    ("yuma_version", *_C_U16), ("subnet_is_active", *_BOOL), ("transfers_enabled", *_BOOL),
    ("bonds_reset_enabled", *_BOOL), ("user_liquidity_enabled", *_BOOL),
], path=(*_RPC, "subnet_info", "SubnetHyperparamsV2"))
"""A subnet's hyperparameters as a fixed struct (``get_subnet_hyperparams_v2``)."""

HyperparamValue = Enum("HyperparamValue", [
    ("Bool", [(None, Bool, "bool")]),
    ("U16", [(None, Compact(U16), "Compact<u16>")]),
    ("U32", [(None, Compact(U32), "Compact<u32>")]),
    ("U64", [(None, Compact(U64), "Compact<u64>")]),
    ("U128", [(None, Compact(U128), "Compact<u128>")]),
    ("TaoBalance", [(None, Compact(TaoBalance), "Compact<TaoBalance>")]),
    ("I32F32", [(None, I32F32Type, "I32F32")]),
    ("U64F64", [(None, U64F64Type, "U64F64")]),
], path=(*_RPC, "subnet_info", "HyperparamValue"))
"""The typed value of one hyperparameter in ``SubnetHyperparamsV3``."""

HyperparamEntry = Struct("HyperparamEntry", [
    ("name", Bytes, "Vec<u8>"), ("value", HyperparamValue, "HyperparamValue"),
], path=(*_RPC, "subnet_info", "HyperparamEntry"))
"""One named hyperparameter (``name`` is its ASCII identifier)."""

SubnetHyperparamsV3 = Vec(HyperparamEntry)
"""``SubnetHyperparamsV3 = Vec<HyperparamEntry>`` (``get_subnet_hyperparams_v3``)."""

DelegateInfo = Struct("DelegateInfo", [
    ("delegate_ss58", *_ACCOUNT_ID), ("take", *_C_U16),
    ("nominators", Vec(Tuple(AccountId32, Vec(Tuple(Compact(NetUid), Compact(U64))))),
     "Vec<(AccountId, Vec<(Compact<NetUid>, Compact<u64>)>)>"),
    ("owner_ss58", *_ACCOUNT_ID),
    ("registrations", Vec(Compact(NetUid)), "Vec<Compact<NetUid>>"),
    ("validator_permits", Vec(Compact(NetUid)), "Vec<Compact<NetUid>>"),
    ("return_per_1000", *_C_U64), ("total_daily_return", *_C_U64),
], path=(*_RPC, "delegate_info", "DelegateInfo"), params=_ACCOUNT)
"""A delegate hotkey: take, nominators' stakes, registrations, permits and returns."""

_VEC_C_U16 = (Vec(Compact(U16)), "Vec<Compact<u16>>")
_VEC_C_U64 = (Vec(Compact(U64)), "Vec<Compact<u64>>")
_VEC_C_ALPHA = (Vec(Compact(AlphaBalance)), "Vec<Compact<AlphaBalance>>")
_VEC_C_TAO = (Vec(Compact(TaoBalance)), "Vec<Compact<TaoBalance>>")
_VEC_BOOL = (Vec(Bool), "Vec<bool>")
_VEC_ACCOUNT = (Vec(AccountId32), "Vec<AccountId>")

SubnetState = Struct("SubnetState", [
    ("netuid", *_C_NETUID), ("hotkeys", *_VEC_ACCOUNT), ("coldkeys", *_VEC_ACCOUNT),
    ("active", *_VEC_BOOL), ("validator_permit", *_VEC_BOOL), ("pruning_score", *_VEC_C_U16),
    ("last_update", *_VEC_C_U64), ("emission", *_VEC_C_ALPHA), ("dividends", *_VEC_C_U16),
    ("incentives", *_VEC_C_U16), ("consensus", *_VEC_C_U16), ("trust", *_VEC_C_U16),
    ("rank", *_VEC_C_U16), ("block_at_registration", *_VEC_C_U64),
    ("alpha_stake", *_VEC_C_ALPHA), ("tao_stake", *_VEC_C_TAO), ("total_stake", *_VEC_C_TAO),
    ("emission_history", Vec(Vec(Compact(AlphaBalance))), "Vec<Vec<Compact<AlphaBalance>>>"),
], path=(*_RPC, "show_subnet", "SubnetState"), params=_ACCOUNT)
"""A subnet's per-uid vectors and stakes (``get_subnet_state``)."""

Metagraph = Struct("Metagraph", [
    ("netuid", *_C_NETUID), ("name", *_NAME), ("symbol", *_NAME),
    ("identity", Option(SubnetIdentityV3), "Option<SubnetIdentityV3>"),
    ("network_registered_at", *_C_U64), ("owner_hotkey", *_ACCOUNT_ID),
    ("owner_coldkey", *_ACCOUNT_ID), ("block", *_C_U64), ("tempo", *_C_U16),
    ("last_step", *_C_U64), ("blocks_since_last_step", *_C_U64),
    ("subnet_emission", *_C_U64), ("alpha_in", *_C_ALPHA), ("alpha_out", *_C_ALPHA),
    ("tao_in", *_C_TAO), ("alpha_out_emission", *_C_ALPHA), ("alpha_in_emission", *_C_ALPHA),
    ("tao_in_emission", *_C_TAO), ("pending_alpha_emission", *_C_ALPHA),
    ("pending_root_emission", *_C_TAO), ("subnet_volume", Compact(U128), "Compact<u128>"),
    ("moving_price", I96F32Type, "I96F32"), ("rho", *_C_U16), ("kappa", *_C_U16),
    ("min_allowed_weights", *_C_U16), ("max_weights_limit", *_C_U16),
    ("weights_version", *_C_U64), ("weights_rate_limit", *_C_U64),
    ("activity_cutoff", *_C_U64), ("max_validators", *_C_U16), ("num_uids", *_C_U16),
    ("max_uids", *_C_U16), ("burn", *_C_TAO), ("difficulty", *_C_U64),
    ("registration_allowed", *_BOOL), ("pow_registration_allowed", *_BOOL),
    ("immunity_period", *_C_U16), ("min_difficulty", *_C_U64), ("max_difficulty", *_C_U64),
    ("min_burn", *_C_TAO), ("max_burn", *_C_TAO), ("adjustment_alpha", *_C_U64),
    ("adjustment_interval", *_C_U16), ("target_regs_per_interval", *_C_U16),
    ("max_regs_per_block", *_C_U16), ("serving_rate_limit", *_C_U64),
    ("commit_reveal_weights_enabled", *_BOOL), ("commit_reveal_period", *_C_U64),
    ("liquid_alpha_enabled", *_BOOL), ("alpha_high", *_C_U16), ("alpha_low", *_C_U16),
    ("bonds_moving_avg", *_C_U64), ("hotkeys", *_VEC_ACCOUNT), ("coldkeys", *_VEC_ACCOUNT),
    ("identities", Vec(Option(ChainIdentityV2)), "Vec<Option<ChainIdentityOfV2>>"),
    ("axons", Vec(AxonInfo), "Vec<AxonInfo>"), ("active", *_VEC_BOOL),
    ("validator_permit", *_VEC_BOOL), ("pruning_score", *_VEC_C_U16),
    ("last_update", *_VEC_C_U64), ("emission", *_VEC_C_ALPHA), ("dividends", *_VEC_C_U16),
    ("incentives", *_VEC_C_U16), ("consensus", *_VEC_C_U16), ("trust", *_VEC_C_U16),
    ("rank", *_VEC_C_U16), ("block_at_registration", *_VEC_C_U64),
    ("alpha_stake", *_VEC_C_ALPHA), ("tao_stake", *_VEC_C_TAO), ("total_stake", *_VEC_C_TAO),
    ("tao_dividends_per_hotkey", Vec(Tuple(AccountId32, Compact(TaoBalance))),
     "Vec<(AccountId, Compact<TaoBalance>)>"),
    ("alpha_dividends_per_hotkey", Vec(Tuple(AccountId32, Compact(AlphaBalance))),
     "Vec<(AccountId, Compact<AlphaBalance>)>"),
], path=(*_RPC, "metagraph", "Metagraph"), params=_ACCOUNT)
"""A subnet's full state (``get_metagraph``, ``get_all_metagraphs``)."""

StakeInfo = Struct("StakeInfo", [
    ("hotkey", *_ACCOUNT_ID), ("coldkey", *_ACCOUNT_ID), ("netuid", *_C_NETUID),
    ("stake", *_C_ALPHA), ("locked", *_C_U64), ("emission", *_C_ALPHA),
    ("tao_emission", *_C_TAO), ("drain", *_C_U64), ("is_registered", *_BOOL),
], path=(*_RPC, "stake_info", "StakeInfo"), params=_ACCOUNT)
"""One stake position of a coldkey on a hotkey and subnet (``StakeInfoRuntimeApi``)."""
