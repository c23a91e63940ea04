"""Subnet registration: ``register_network`` (59), ``register_network_with_identity`` (79) and
``start_call`` (92), spec/subtensor.md §5.1, §4.1, §6.1 and §7.1.

Reference (subtensor 14bc6f9): ``subnets/subnet.rs`` (``do_register_network``,
``init_new_network``, ``do_start_call``), ``utils/identity.rs::is_valid_subnet_identity``,
``utils/misc.rs`` (the setters and their events), ``macros/dispatches.rs`` and ``weights.rs``.
"""

from __future__ import annotations

from typing import Any

from runtime.frame.dispatch import DispatchError, Origin, ensure_signed
from runtime.frame.system import deposit_event
from runtime.pallets.subtensor import errors, events
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.coinbase.scheduler import initial_last_epoch_block
from runtime.pallets.subtensor.hyperparameters import NEW_SUBNET_EXPLICIT, NEW_SUBNET_TEMPO
from runtime.pallets.subtensor.pallet import CALL_INDICES, subtensor
from runtime.pallets.subtensor.registration import accounts, network
from runtime.pallets.subtensor.registration.neurons import db_weight
from runtime.pallets.subtensor.registration.pool import DYNAMIC_MECHANISM
from runtime.pallets.subtensor.registration.symbols import next_available_symbol
from runtime.pallets.subtensor.registration.uids import append_neuron
from runtime.pallets.subtensor.types import NetUid, SubnetIdentityV3
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import Option
from runtime.primitives.scale.common import AccountId32

U16_MAX = 0xFFFF
U64_MAX = (1 << 64) - 1
U128_MAX = (1 << 128) - 1

REGISTER_NETWORK_WEIGHT = db_weight(277_125_000, 9947, 40, 48)
REGISTER_NETWORK_WITH_IDENTITY_WEIGHT = db_weight(275_041_000, 9883, 39, 47)
START_CALL_WEIGHT = db_weight(39_454_000, 4583, 5, 2)

IDENTITY_LIMITS = {"subnet_name": 256, "github_repo": 1024, "subnet_contact": 1024,
                   "subnet_url": 1024, "discord": 256, "description": 1024, "logo_url": 1024,
                   "additional": 1024}
"""``is_valid_subnet_identity``: the longest each field may be, in bytes."""
IDENTITY_TOTAL_LIMIT = 7 * 1024 + 2 * 256
"""The bound on subnet_name + github_repo + subnet_contact (the sum of all field limits)."""

_HOTKEY = ("hotkey", AccountId32, "T::AccountId")


def _field(identity: Any, name: str) -> bytes:
    value = identity[name] if isinstance(identity, dict) else getattr(identity, name)
    return bytes(value)


def is_valid_subnet_identity(identity: Any) -> bool:
    """``is_valid_subnet_identity``: every field within its limit and subnet_name +
    github_repo + subnet_contact within the total."""
    lengths = {name: len(_field(identity, name)) for name in IDENTITY_LIMITS}
    total = lengths["subnet_name"] + lengths["github_repo"] + lengths["subnet_contact"]
    return total <= IDENTITY_TOTAL_LIMIT and all(
        lengths[name] <= limit for name, limit in IDENTITY_LIMITS.items())


def _set_with_event(ext: Externalities, netuid: int, name: str, value: Any) -> None:
    """The ``set_*`` helpers init_new_network uses: write, then emit their event."""
    item, event = {
        "NetworkRegistrationAllowed": (st.NetworkRegistrationAllowed, events.RegistrationAllowed),
        "MaxAllowedUids": (st.MaxAllowedUids, events.MaxAllowedUidsSet),
        "MaxAllowedValidators": (st.MaxAllowedValidators, events.MaxAllowedValidatorsSet),
        "MinAllowedWeights": (st.MinAllowedWeights, events.MinAllowedWeightSet),
        "ImmunityPeriod": (st.ImmunityPeriod, events.ImmunityPeriodSet),
    }[name]
    item.insert(ext, netuid, value)
    deposit_event(ext, event(netuid, value))


def init_new_network(ext: Externalities, netuid: int, tempo: int) -> None:
    """``init_new_network``: an empty subnet marked added with ``tempo``, its LastEpochBlock
    staggered by netuid mod tempo, TotalNetworks + 1, the explicit new-subnet values of spec
    §7.1 (with their events), emission switched on, and Kappa, ActivityCutoff and
    RegistrationsThisInterval written explicitly when absent."""
    st.SubnetworkN.insert(ext, netuid, 0)
    st.NetworksAdded.insert(ext, netuid, True)
    st.Tempo.insert(ext, netuid, tempo)
    st.LastEpochBlock.insert(ext, netuid,
                             initial_last_epoch_block(accounts.current_block(ext), netuid, tempo))
    st.TotalNetworks.mutate(ext, lambda n: min(int(n) + 1, U16_MAX))
    for name in ("NetworkRegistrationAllowed", "MaxAllowedUids", "MaxAllowedValidators",
                 "MinAllowedWeights", "ImmunityPeriod"):
        _set_with_event(ext, netuid, name, NEW_SUBNET_EXPLICIT[name])
    st.Yuma3On.insert(ext, netuid, NEW_SUBNET_EXPLICIT["Yuma3On"])
    st.Burn.insert(ext, netuid, NEW_SUBNET_EXPLICIT["Burn"])
    st.SubnetEmissionEnabled.insert(ext, netuid, NEW_SUBNET_EXPLICIT["SubnetEmissionEnabled"])
    for item in (st.Kappa, st.ActivityCutoff, st.RegistrationsThisInterval):
        if not item.contains(ext, netuid):
            item.insert(ext, netuid, item.get(ext, netuid))


def _check_register_network(ext: Externalities, coldkey: bytes, hotkey: bytes) -> None:
    """Checks 2-7 of :func:`do_register_network`."""
    if accounts.hotkey_account_exists(ext, hotkey) and not accounts.coldkey_owns_hotkey(
            ext, coldkey, hotkey):
        raise errors.NonAssociatedColdKey()
    if accounts.is_subnet_account_id(hotkey):
        raise errors.CannotUseSystemAccount()
    now = accounts.current_block(ext)
    if now < int(st.NetworkRegistrationStartBlock.get(ext)):
        raise errors.SubNetRegistrationDisabled()
    last = network.last_lock_block(ext)
    if last != 0 and max(now - last, 0) < int(st.NetworkRateLimit.get(ext)):
        raise errors.NetworkTxRateLimitExceeded()
    count = sum(1 for netuid in network.added_subnets(ext) if netuid != accounts.ROOT_NETUID)
    if count >= int(st.SubnetLimit.get(ext)):
        raise errors.SubnetLimitReached()


def _initial_pool(ext: Externalities, netuid: int, locked: int, median_bits: int) -> int:
    """The new pool (spec §4.1): SubnetTAO = max(lock, NetworkMinLockCost), SubnetAlphaIn =
    floor(that / median price) (0 if the U64F64 quotient overflows), SubnetAlphaOut = 0,
    SubnetLocked = lock, no volume, nothing recycled. Returns the pool's TAO."""
    pool_tao = max(locked, int(st.NetworkMinLockCost.get(ext)))
    quotient = (pool_tao << 128) // median_bits if median_bits else 0
    pool_alpha = min((quotient if quotient <= U128_MAX else 0) >> 64, U64_MAX)
    st.SubnetTAO.insert(ext, netuid, pool_tao)
    st.SubnetAlphaIn.insert(ext, netuid, pool_alpha)
    st.SubnetLocked.insert(ext, netuid, locked)
    st.SubnetAlphaOut.insert(ext, netuid, 0)
    st.SubnetVolume.insert(ext, netuid, 0)
    st.RAORecycledForRegistration.insert(ext, netuid, max(locked - pool_tao, 0))
    return pool_tao


def _create_subnet(ext: Externalities, coldkey: bytes, hotkey: bytes, netuid: int,
                   lock: int) -> None:
    """Steps 11-23 of :func:`do_register_network` for a netuid that is free."""
    now = accounts.current_block(ext)
    median_bits = network.median_subnet_alpha_price_bits(ext)
    init_new_network(ext, netuid, NEW_SUBNET_TEMPO)
    locked = accounts.transfer_tao_to_subnet(ext, netuid, coldkey, lock)
    st.NetworkLastLockCost.insert(ext, locked)
    st.LastRateLimitedBlock.insert(ext, network.NETWORK_LAST_REGISTERED, now)
    accounts.create_account_if_non_existent(ext, coldkey, hotkey)
    append_neuron(ext, netuid, hotkey, now)
    st.SubnetMechanism.insert(ext, netuid, DYNAMIC_MECHANISM)
    st.NetworkRegisteredAt.insert(ext, netuid, now)
    st.RegisteredSubnetCounter.mutate(ext, netuid, lambda c: min(int(c) + 1, U64_MAX))
    st.TokenSymbol.insert(ext, netuid, next_available_symbol(ext, netuid))
    pool_tao = _initial_pool(ext, netuid, locked, median_bits)
    st.SubnetOwner.insert(ext, netuid, coldkey)
    st.SubnetOwnerHotkey.insert(ext, netuid, hotkey)
    deposit_event(ext, events.SubnetOwnerHotkeySet(netuid, hotkey))
    if pool_tao > 0:
        st.TotalStake.mutate(ext, lambda total: min(int(total) + pool_tao, U64_MAX))


def do_register_network(ext: Externalities, origin: Origin, hotkey: bytes,
                        identity: Any | None) -> None:
    """``do_register_network`` with the dynamic mechanism (the only one the calls pass).

    Origin: signed by the owner coldkey. Checks in order: hotkey new or owned by the caller
    (NonAssociatedColdKey); hotkey not a subnet account (CannotUseSystemAccount); block ≥
    NetworkRegistrationStartBlock (SubNetRegistrationDisabled); NetworkRateLimit blocks since
    the last registration (NetworkTxRateLimitExceeded); fewer than SubnetLimit non-root
    subnets (SubnetLimitReached, see below); coldkey balance ≥ lock cost
    (CannotAffordLockCost).

    Effects: the lowest free netuid ≥ 1; init_new_network; the lock moves to the subnet
    account keeping the coldkey alive (InsufficientBalance) and becomes the last lock (cost
    and block); the hotkey is created for the coldkey and appended as uid 0; mechanism 1;
    registration block and counter; token symbol; pool initialised (:func:`_initial_pool`);
    owner and owner hotkey; TotalStake + pool TAO; the identity, if given, must be valid
    (InvalidIdentity) and is stored; TAO emission off.

    Not done here: (1) at SubnetLimit the reference dissolves the
    :func:`~.network.network_to_prune` candidate and reuses its netuid (SubnetLimitReached
    only without one); without ``dissolve_network`` this refuses with SubnetLimitReached
    whenever the limit is reached; (2) scheduling root validators as parents of the owner
    hotkey (``do_set_root_validators_for_subnet``, a children operation whose failures the
    reference only logs).

    Events: RegistrationAllowed, MaxAllowedUidsSet, MaxAllowedValidatorsSet,
    MinAllowedWeightSet, ImmunityPeriodSet, SubnetOwnerHotkeySet, SubnetIdentitySet (with an
    identity), NetworkAdded(netuid, 1).
    """
    coldkey = ensure_signed(origin)
    _check_register_network(ext, coldkey, hotkey)
    lock = network.network_lock_cost(ext)
    if lock > accounts.coldkey_balance(ext, coldkey):
        raise errors.CannotAffordLockCost()
    netuid = network.next_netuid(ext)
    _create_subnet(ext, coldkey, hotkey, netuid, lock)
    if identity is not None:
        if not is_valid_subnet_identity(identity):
            raise errors.InvalidIdentity()
        st.SubnetIdentitiesV3.insert(ext, netuid, identity)
        deposit_event(ext, events.SubnetIdentitySet(netuid))
    deposit_event(ext, events.NetworkAdded(netuid, DYNAMIC_MECHANISM))
    st.SubnetEmissionEnabled.insert(ext, netuid, False)


@subtensor.call(CALL_INDICES["register_network"], [_HOTKEY], weight=REGISTER_NETWORK_WEIGHT)
def register_network(ext: Externalities, origin: Origin, hotkey: bytes) -> None:
    """Register a new dynamic subnet owned by the caller, with ``hotkey`` as uid 0.

    Spec §5.1. Origin: signed. Checks, effects, events and errors: those of
    :func:`do_register_network` without an identity.
    """
    do_register_network(ext, origin, hotkey, None)


@subtensor.call(CALL_INDICES["register_network_with_identity"],
                [_HOTKEY, ("identity", Option(SubnetIdentityV3), "Option<SubnetIdentityOfV3>")],
                weight=REGISTER_NETWORK_WITH_IDENTITY_WEIGHT)
def register_network_with_identity(ext: Externalities, origin: Origin, hotkey: bytes,
                                   identity: Any | None) -> None:
    """``register_network`` that also stores the subnet's identity when one is given.

    Spec §5.1. Origin: signed. Checks, effects, events and errors: those of
    :func:`do_register_network` (InvalidIdentity for a field over its limit).
    """
    do_register_network(ext, origin, hotkey, identity)


@subtensor.call(CALL_INDICES["start_call"], [("netuid", NetUid, "NetUid")],
                weight=START_CALL_WEIGHT)
def start_call(ext: Externalities, origin: Origin, netuid: int) -> None:
    """The subnet owner starts emission and staking on the subnet.

    Spec §5.1. Origin: signed by ``SubnetOwner[netuid]``. Checks in order: subnet exists
    (SubnetNotExists); signed (BadOrigin) by the owner (BadOrigin); FirstEmissionBlockNumber
    not set (FirstEmissionBlockNumberAlreadySet); now ≥ NetworkRegisteredAt + StartCallDelay
    (NeedWaitingMoreBlocksToStarCall). Effects: FirstEmissionBlockNumber = now + 1,
    SubtokenEnabled = true. Events: FirstEmissionBlockNumberSet(netuid, now + 1).
    """
    if not accounts.subnet_exists(ext, netuid):
        raise errors.SubnetNotExists()
    if ensure_signed(origin) != bytes(st.SubnetOwner.get(ext, netuid)):
        raise DispatchError.bad_origin()
    if st.FirstEmissionBlockNumber.get(ext, netuid) is not None:
        raise errors.FirstEmissionBlockNumberAlreadySet()
    now = accounts.current_block(ext)
    start = min(int(st.NetworkRegisteredAt.get(ext, netuid)) + int(st.StartCallDelay.get(ext)),
                U64_MAX)
    if now < start:
        raise errors.NeedWaitingMoreBlocksToStarCall()
    st.FirstEmissionBlockNumber.insert(ext, netuid, min(now + 1, U64_MAX))
    st.SubtokenEnabled.insert(ext, netuid, True)
    deposit_event(ext, events.FirstEmissionBlockNumberSet(netuid, min(now + 1, U64_MAX)))
