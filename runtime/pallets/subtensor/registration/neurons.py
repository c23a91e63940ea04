"""Neuron registration: ``register`` (6), ``burned_register`` (7) and ``register_limit`` (134),
spec/subtensor.md §5.2 and §6.1.

Reference (subtensor 14bc6f9): ``subnets/registration.rs`` (``do_register``,
``do_register_limit``, ``register_neuron``), ``macros/dispatches.rs`` (arguments, weights) and
``weights.rs``. PoW is gone: all three calls run the same burn-priced path.
"""

from __future__ import annotations

from runtime.frame.dispatch import Origin, Weight, ensure_signed
from runtime.frame.system import deposit_event
from runtime.pallets.subtensor import errors, events
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.coinbase.burn import bumped_burn
from runtime.pallets.subtensor.pallet import CALL_INDICES, subtensor
from runtime.pallets.subtensor.registration import accounts, pool
from runtime.pallets.subtensor.registration.pruning import neuron_to_prune
from runtime.pallets.subtensor.registration.uids import append_neuron, replace_neuron
from runtime.pallets.subtensor.types import NetUid
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import U8, U64, Vec
from runtime.primitives.scale.common import AccountId32

ROCKS_DB_READ = 25_000_000
ROCKS_DB_WRITE = 100_000_000
I64_MAX = (1 << 63) - 1
I64_MIN = -(1 << 63)
U16_MAX = 0xFFFF
U64_MAX = (1 << 64) - 1


def db_weight(ref_time: int, proof_size: int, reads: int, writes: int) -> Weight:
    """A benchmarked weight plus RocksDbWeight reads and writes."""
    return Weight(ref_time + reads * ROCKS_DB_READ + writes * ROCKS_DB_WRITE, proof_size)


REGISTER_WEIGHT = db_weight(349_872_000, 6148, 34, 29)
BURNED_REGISTER_WEIGHT = db_weight(336_815_000, 6148, 34, 29)
REGISTER_LIMIT_WEIGHT = db_weight(354_200_000, 0, 47, 40)

_NETUID = ("netuid", NetUid, "NetUid")
_HOTKEY = ("hotkey", AccountId32, "T::AccountId")


def register_neuron(ext: Externalities, netuid: int, hotkey: bytes) -> int:
    """``register_neuron``: append while SubnetworkN < MaxAllowedUids, else replace the prune
    candidate (``NoNeuronIdAvailable`` without one). Returns the uid."""
    block = accounts.current_block(ext)
    if int(st.SubnetworkN.get(ext, netuid)) < int(st.MaxAllowedUids.get(ext, netuid)):
        return append_neuron(ext, netuid, hotkey, block)
    uid = neuron_to_prune(ext, netuid)
    if uid is None:
        raise errors.NoNeuronIdAvailable()
    replace_neuron(ext, netuid, uid, hotkey, block)
    return uid


def _check_capacity(ext: Externalities, netuid: int) -> None:
    max_n = int(st.MaxAllowedUids.get(ext, netuid))
    if max_n == 0:
        raise errors.NoNeuronIdAvailable()
    if int(st.SubnetworkN.get(ext, netuid)) >= max_n and neuron_to_prune(ext, netuid) is None:
        raise errors.NoNeuronIdAvailable()


def _check_subnet(ext: Externalities, netuid: int) -> None:
    if netuid == accounts.ROOT_NETUID:
        raise errors.RegistrationNotPermittedOnRootSubnet()
    if not accounts.subnet_exists(ext, netuid):
        raise errors.SubnetNotExists()


def _bump_burn(ext: Externalities, netuid: int) -> None:
    """``bump_registration_price_after_registration`` (root never bumps)."""
    if netuid == accounts.ROOT_NETUID:
        return
    st.Burn.insert(ext, netuid, bumped_burn(
        int(st.Burn.get(ext, netuid)), st.BurnIncreaseMult.get(ext, netuid),
        int(st.MinBurn.get(ext, netuid)), int(st.MaxBurn.get(ext, netuid))))


def _record_payment(ext: Externalities, netuid: int, cost: int, paid: int) -> None:
    """Counters after a registration: RegistrationsThisBlock, RAORecycledForRegistration (with
    ``RAORecycledForRegistrationSet``) and the TAO inflow of the subnet (``record_tao_inflow``:
    the amount cast u64 → i64 as Rust's ``as`` does, then added saturating)."""
    st.RegistrationsThisBlock.mutate(ext, netuid, lambda v: min(int(v) + 1, U16_MAX))
    recycled = min(int(st.RAORecycledForRegistration.get(ext, netuid)) + cost, U64_MAX)
    st.RAORecycledForRegistration.insert(ext, netuid, recycled)
    deposit_event(ext, events.RAORecycledForRegistrationSet(netuid, recycled))
    inflow = paid - (1 << 64) if paid > I64_MAX else paid
    st.SubnetTaoFlow.mutate(ext, netuid, lambda v: max(min(int(v) + inflow, I64_MAX), I64_MIN))


def do_register(ext: Externalities, origin: Origin, netuid: int, hotkey: bytes) -> None:
    """``do_register``, the path shared by register, burned_register and register_limit.

    Origin: signed by the coldkey that pays. Checks in order: not root
    (RegistrationNotPermittedOnRootSubnet); subnet exists (SubnetNotExists);
    NetworkRegistrationAllowed (SubNetRegistrationDisabled); hotkey not on the subnet
    (HotKeyAlreadyRegisteredInSubNet); coldkey balance ≥ Burn (NotEnoughBalanceToStake);
    hotkey not a subnet account (CannotUseSystemAccount), created for the coldkey if new, and
    owned by it (NonAssociatedColdKey); MaxAllowedUids ≠ 0 and, when full, a prune candidate
    (NoNeuronIdAvailable). Effects: Burn moved to the subnet account keeping the coldkey alive
    (InsufficientBalance if nothing can move) and swapped for alpha, which is burned from
    SubnetAlphaOut (Swap errors pass through); uid appended or replaced; Burn bumped;
    counters. Events: RAORecycledForRegistrationSet, NeuronRegistered(netuid, uid, hotkey).
    """
    coldkey = ensure_signed(origin)
    _check_subnet(ext, netuid)
    if not st.NetworkRegistrationAllowed.get(ext, netuid):
        raise errors.SubNetRegistrationDisabled()
    if st.Uids.contains(ext, netuid, hotkey):
        raise errors.HotKeyAlreadyRegisteredInSubNet()
    cost = int(st.Burn.get(ext, netuid))
    if cost > accounts.coldkey_balance(ext, coldkey):
        raise errors.NotEnoughBalanceToStake()
    accounts.create_account_if_non_existent(ext, coldkey, hotkey)
    if not accounts.coldkey_owns_hotkey(ext, coldkey, hotkey):
        raise errors.NonAssociatedColdKey()
    _check_capacity(ext, netuid)
    paid = accounts.transfer_tao_to_subnet(ext, netuid, coldkey, cost)
    burned_alpha = pool.swap_tao_for_alpha(ext, netuid, paid).amount_paid_out
    st.SubnetAlphaOut.mutate(ext, netuid, lambda v: max(int(v) - burned_alpha, 0))
    uid = register_neuron(ext, netuid, hotkey)
    _bump_burn(ext, netuid)
    _record_payment(ext, netuid, cost, paid)
    deposit_event(ext, events.NeuronRegistered(netuid, uid, hotkey))


@subtensor.call(CALL_INDICES["register"], [
    _NETUID, ("block_number", U64, "u64"), ("nonce", U64, "u64"), ("work", Vec(U8), "Vec<u8>"),
    _HOTKEY, ("coldkey", AccountId32, "T::AccountId")], weight=REGISTER_WEIGHT)
def register(ext: Externalities, origin: Origin, netuid: int, block_number: int, nonce: int,
             work: bytes, hotkey: bytes, coldkey: bytes) -> None:
    """Register a neuron by paying the burn price; the PoW arguments are ignored.

    Spec §5.2. Origin: signed (the paying coldkey; the ``coldkey`` argument is ignored).
    Checks, effects, events and errors: those of :func:`do_register`.
    """
    do_register(ext, origin, netuid, hotkey)


@subtensor.call(CALL_INDICES["burned_register"], [_NETUID, _HOTKEY],
                weight=BURNED_REGISTER_WEIGHT)
def burned_register(ext: Externalities, origin: Origin, netuid: int, hotkey: bytes) -> None:
    """Register ``hotkey`` on ``netuid`` by paying ``Burn[netuid]``.

    Spec §5.2. Origin: signed (the paying coldkey). Checks, effects, events and errors: those
    of :func:`do_register`.
    """
    do_register(ext, origin, netuid, hotkey)


@subtensor.call(CALL_INDICES["register_limit"], [_NETUID, _HOTKEY,
                                                 ("limit_price", U64, "u64")],
                weight=REGISTER_LIMIT_WEIGHT)
def register_limit(ext: Externalities, origin: Origin, netuid: int, hotkey: bytes,
                   limit_price: int) -> None:
    """``burned_register`` only while the burn price is at most ``limit_price`` (rao).

    Spec §5.2, §6.1. Origin: signed. Checks in order: signed (BadOrigin); not root
    (RegistrationNotPermittedOnRootSubnet); subnet exists (SubnetNotExists); Burn ≤
    limit_price (RegistrationPriceLimitExceeded); then everything :func:`do_register` checks.
    Effects, events: those of :func:`do_register`.
    """
    ensure_signed(origin)
    _check_subnet(ext, netuid)
    if int(st.Burn.get(ext, netuid)) > limit_price:
        raise errors.RegistrationPriceLimitExceeded()
    do_register(ext, origin, netuid, hotkey)
