"""SubtensorModule's runtime APIs: the trait table and a ``state_call`` handler per method.

Reference (subtensor 14bc6f9): ``pallets/subtensor/runtime-api/src/lib.rs`` (traits, methods,
Rust parameter names, input and output types) and ``runtime/src/lib.rs`` (``impl_runtime_apis!``:
versions, ``SubnetInfoRuntimeApi`` at ``#[api_version(2)]``). Inputs are the SCALE encoding of
the parameters in order and must be consumed exactly; outputs are the SCALE encoding of the
declared output type (clients.md §7). Only the methods listed here are declared, in V15
metadata as in :data:`SUBTENSOR_HANDLERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from runtime.metadata import RuntimeApiMetadata, RuntimeApiMethodMetadata
from runtime.pallets.subtensor.rpc_info import (
    delegates,
    hyperparams,
    metagraph,
    neurons,
    stake_info,
    subnet_state,
    subnets,
)
from runtime.pallets.subtensor.rpc_info import types as rt
from runtime.pallets.subtensor.types import AlphaBalance, MechId, NetUid, TaoBalance
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import (
    U16,
    U64,
    Compact,
    DecodeError,
    Option,
    ScaleType,
    Tuple,
    Vec,
)
from runtime.primitives.scale.common import AccountId32

if TYPE_CHECKING:
    from runtime.node_runtime import NodeRuntime

Handler = Callable[[bytes, Externalities, "NodeRuntime"], bytes]
M = RuntimeApiMethodMetadata

SUBTENSOR_API_VERSIONS = {
    "DelegateInfoRuntimeApi": 1,
    "NeuronInfoRuntimeApi": 1,
    "SubnetInfoRuntimeApi": 2,
    "StakeInfoRuntimeApi": 1,
    "SubnetRegistrationRuntimeApi": 1,
}
"""The reference's version of each SubtensorModule API trait served here."""

_NETUID = (("netuid", NetUid),)
_NETUID_UID = (("netuid", NetUid), ("uid", U16))


def _bad_input(method: str, detail: object) -> Exception:
    """Substrate's error for input that does not decode as the method's parameters."""
    from runtime.apis.calls import RuntimeApiError  # the framework imports this module

    return RuntimeApiError(f"Other: Bad input data provided to {method}: {detail}")


def _decode_inputs(method: str, inputs: tuple[tuple[str, ScaleType], ...], data: bytes
                   ) -> tuple[Any, ...]:
    """The parameters of ``method`` from ``data``, every byte consumed."""
    if not inputs:
        values: tuple[Any, ...] = ()
        if data:
            raise _bad_input(method, f"{len(data)} unexpected byte(s)")
        return values
    try:
        return tuple(Tuple(*(ty for _, ty in inputs)).decode(data))
    except DecodeError as exc:
        raise _bad_input(method, exc) from None


def _handler(api: str, method: M, compute: Callable[..., Any]) -> Handler:
    """A handler decoding ``method``'s inputs, calling ``compute(ext, *inputs)`` and encoding
    the result with the declared output type."""
    name = f"{api}_{method.name}"

    def handle(data: bytes, ext: Externalities, node: NodeRuntime) -> bytes:
        args = _decode_inputs(name, method.inputs, data)
        return method.output.encode(compute(ext, *args))

    handle.__doc__ = f"``{name}``."
    return handle


_DELEGATE_METHODS: tuple[tuple[M, Callable[..., Any]], ...] = (
    (M("get_delegates", (), Vec(rt.DelegateInfo)), delegates.delegates),
    (M("get_delegate", (("delegate_account", AccountId32),), Option(rt.DelegateInfo)),
     delegates.delegate),
    (M("get_delegated", (("delegatee_account", AccountId32),),
       Vec(Tuple(rt.DelegateInfo, Tuple(Compact(NetUid), Compact(AlphaBalance))))),
     delegates.delegated),
)

_NEURON_METHODS: tuple[tuple[M, Callable[..., Any]], ...] = (
    (M("get_neurons", _NETUID, Vec(rt.NeuronInfo)), neurons.neurons),
    (M("get_neuron", _NETUID_UID, Option(rt.NeuronInfo)), neurons.neuron),
    (M("get_neurons_lite", _NETUID, Vec(rt.NeuronInfoLite)), neurons.neurons_lite),
    (M("get_neuron_lite", _NETUID_UID, Option(rt.NeuronInfoLite)), neurons.neuron_lite),
)

_SUBNET_METHODS: tuple[tuple[M, Callable[..., Any]], ...] = (
    (M("get_subnet_info", _NETUID, Option(rt.SubnetInfo)), subnets.subnet_info),
    (M("get_subnets_info", (), Vec(Option(rt.SubnetInfo))), subnets.subnets_info),
    (M("get_subnet_info_v2", _NETUID, Option(rt.SubnetInfov2)), subnets.subnet_info_v2),
    (M("get_subnets_info_v2", (), Vec(Option(rt.SubnetInfov2))), subnets.subnets_info_v2),
    (M("get_subnet_hyperparams", _NETUID, Option(rt.SubnetHyperparams)),
     hyperparams.hyperparams_v1),
    (M("get_subnet_hyperparams_v2", _NETUID, Option(rt.SubnetHyperparamsV2)),
     hyperparams.hyperparams_v2),
    (M("get_subnet_hyperparams_v3", _NETUID, Option(rt.SubnetHyperparamsV3)),
     hyperparams.hyperparams_v3),
    (M("get_all_dynamic_info", (), Vec(Option(rt.DynamicInfo))), subnets.all_dynamic_info),
    (M("get_all_metagraphs", (), Vec(Option(rt.Metagraph))), metagraph.all_metagraphs),
    (M("get_metagraph", _NETUID, Option(rt.Metagraph)), metagraph.metagraph),
    (M("get_all_mechagraphs", (), Vec(Option(rt.Metagraph))), metagraph.all_mechagraphs),
    (M("get_mechagraph", (("netuid", NetUid), ("mecid", MechId)), Option(rt.Metagraph)),
     metagraph.mechagraph),
    (M("get_dynamic_info", _NETUID, Option(rt.DynamicInfo)), subnets.dynamic_info),
    (M("get_subnet_state", _NETUID, Option(rt.SubnetState)), subnet_state.subnet_state),
    (M("get_coldkey_auto_stake_hotkey", (("coldkey", AccountId32), ("netuid", NetUid)),
       Option(AccountId32)), subnets.coldkey_auto_stake_hotkey),
    (M("get_subnet_to_prune", (), Option(NetUid)), subnets.subnet_to_prune),
    (M("get_subnet_account_id", _NETUID, Option(AccountId32)), subnets.subnet_account),
    (M("get_next_epoch_start_block", _NETUID, Option(U64)), subnets.next_epoch_start_block),
)

_STAKE_METHODS: tuple[tuple[M, Callable[..., Any]], ...] = (
    (M("get_stake_info_for_coldkey", (("coldkey_account", AccountId32),), Vec(rt.StakeInfo)),
     stake_info.stake_info_for_coldkey),
    (M("get_stake_info_for_coldkeys", (("coldkey_accounts", Vec(AccountId32)),),
       Vec(Tuple(AccountId32, Vec(rt.StakeInfo)))), stake_info.stake_info_for_coldkeys),
    (M("get_stake_info_for_hotkey_coldkey_netuid",
       (("hotkey_account", AccountId32), ("coldkey_account", AccountId32), ("netuid", NetUid)),
       Option(rt.StakeInfo)), stake_info.stake_info_for_hotkey_coldkey_netuid),
)

_REGISTRATION_METHODS: tuple[tuple[M, Callable[..., Any]], ...] = (
    (M("get_network_registration_cost", (), TaoBalance), subnets.network_registration_cost),
)

_TRAITS = (
    ("DelegateInfoRuntimeApi", _DELEGATE_METHODS),
    ("NeuronInfoRuntimeApi", _NEURON_METHODS),
    ("SubnetInfoRuntimeApi", _SUBNET_METHODS),
    ("StakeInfoRuntimeApi", _STAKE_METHODS),
    ("SubnetRegistrationRuntimeApi", _REGISTRATION_METHODS),
)

SUBTENSOR_APIS: tuple[RuntimeApiMetadata, ...] = tuple(
    RuntimeApiMetadata(name, tuple(method for method, _ in methods))
    for name, methods in _TRAITS)
"""The declared traits, in the reference's ``impl_runtime_apis!`` order."""

SUBTENSOR_HANDLERS: dict[str, Handler] = {
    f"{name}_{method.name}": _handler(name, method, compute)
    for name, methods in _TRAITS for method, compute in methods}
"""Every declared method, by its ``state_call`` name."""
