"""The Sudo pallet (index 12): one key account may dispatch calls as root.

Mirrors ``substrate/frame/sudo/src/lib.rs`` (pallet-sudo 41.0.0 of the pinned fork): calls
sudo (0), sudo_unchecked_weight (1), set_key (2), sudo_as (3), remove_key (4); every call is
free for the key (``Pays::No``). Inner calls dispatch through the runtime composition's
dispatcher (:mod:`runtime.pallets.utility.runtime_call`), bypassing the call filter, in their
own transactional layer.
"""

from __future__ import annotations

from typing import Any

from runtime.frame.dispatch import (
    ROOT,
    DispatchInfo,
    Pays,
    Signed,
    Weight,
    ensure_signed,
)
from runtime.frame.pallet import Pallet
from runtime.frame.storage import OPTION_QUERY
from runtime.frame.system import deposit_event
from runtime.pallets.balances.calls import lookup
from runtime.pallets.utility.origins import DispatchResultType, dispatch_result
from runtime.pallets.utility.post_dispatch import PostDispatchInfo
from runtime.pallets.utility.runtime_call import RuntimeCallRef, call_info, dispatch_call
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import Option
from runtime.primitives.scale.common import AccountId32, MultiAddress
from runtime.primitives.scale.common import Weight as WeightType

PALLET_INDEX = 12
ROCKS_DB_READ = 25_000_000
ROCKS_DB_WRITE = 100_000_000

PALLET = sudo_pallet = Pallet("Sudo", PALLET_INDEX, docs=(
    "A single key account that can dispatch calls with the root origin.",))

Key = sudo_pallet.value("Key", AccountId32, query=OPTION_QUERY,
                        docs=("The `AccountId` of the sudo key.",))

Sudid = sudo_pallet.event(0, "Sudid", [("sudo_result", DispatchResultType, "DispatchResult")],
                          "A sudo call just took place.")
KeyChanged = sudo_pallet.event(1, "KeyChanged", [
    ("old", Option(AccountId32), "Option<T::AccountId>"), ("new", AccountId32, "T::AccountId")],
    "The sudo key has been updated.")
KeyRemoved = sudo_pallet.event(2, "KeyRemoved", (), "The key was permanently removed.")
SudoAsDone = sudo_pallet.event(3, "SudoAsDone", [("sudo_result", DispatchResultType,
                                                  "DispatchResult")],
                               "A [sudo_as](Pallet::sudo_as) call just took place.")

RequireSudo = sudo_pallet.error(0, "RequireSudo", "Sender must be the Sudo account.")

# pallet_sudo::weights::SubstrateWeight with RocksDbWeight.
SET_KEY_WEIGHT = Weight(9_663_000 + ROCKS_DB_READ + ROCKS_DB_WRITE, 1517)
SUDO_WEIGHT = Weight(10_729_000 + ROCKS_DB_READ, 1517)
SUDO_AS_WEIGHT = Weight(11_003_000 + ROCKS_DB_READ, 1517)
REMOVE_KEY_WEIGHT = Weight(9_127_000 + ROCKS_DB_READ + ROCKS_DB_WRITE, 1517)

_CALL = ("call", RuntimeCallRef, "Box<<T as Config>::RuntimeCall>")
_FREE = PostDispatchInfo(None, Pays.No)


def ensure_sudo(ext: Externalities, origin: Any) -> None:
    """Root passes; a signed origin must be the key (RequireSudo); others are BadOrigin."""
    if origin == ROOT:
        return
    sender = ensure_signed(origin)
    if Key.get(ext) is None or bytes(Key.get(ext)) != sender:
        raise RequireSudo()


def declared_info(name: str, args: dict[str, Any]) -> DispatchInfo:
    """The declared ``DispatchInfo`` of a Sudo call: the inner call's class for ``sudo``,
    ``sudo_unchecked_weight`` and ``sudo_as`` (a static declaration cannot express it)."""
    definition = next(c for c in sudo_pallet.calls.values() if c.name == name)
    info = definition.dispatch_info(args)
    if "call" in args:
        return DispatchInfo(info.weight, call_info(args["call"]).dispatch_class, info.pays_fee)
    return info


@sudo_pallet.call(0, [_CALL], weight=lambda call: SUDO_WEIGHT + call_info(call).weight)
def sudo(ext: Externalities, origin: Any, call: Any) -> PostDispatchInfo:
    """Dispatch a call with the root origin.

    Origin: the sudo key (or root). Checks: RequireSudo. Effects: the call runs as Root,
    bypassing the filter, in its own layer. Events: Sudid { sudo_result }. Pays::No.
    Mirrors pallet_sudo::sudo.
    """
    ensure_sudo(ext, origin)
    error, _ = dispatch_call(ext, ROOT, call, bypass_filter=True)
    deposit_event(ext, Sudid(dispatch_result(error)))
    return _FREE


@sudo_pallet.call(1, [_CALL, ("weight", WeightType, "Weight")],
                  weight=lambda call, weight: Weight(weight.ref_time, weight.proof_size))
def sudo_unchecked_weight(ext: Externalities, origin: Any, call: Any,
                          weight: Any) -> PostDispatchInfo:
    """As ``sudo`` with a caller-chosen weight. Origin: the sudo key (or root). Events:
    Sudid. Errors: RequireSudo. Mirrors pallet_sudo::sudo_unchecked_weight.
    """
    ensure_sudo(ext, origin)
    error, _ = dispatch_call(ext, ROOT, call, bypass_filter=True)
    deposit_event(ext, Sudid(dispatch_result(error)))
    return _FREE


@sudo_pallet.call(2, [("new", MultiAddress, "AccountIdLookupOf<T>")], weight=SET_KEY_WEIGHT)
def set_key(ext: Externalities, origin: Any, new: Any) -> PostDispatchInfo:
    """Set the sudo key.

    Origin: the sudo key (or root). Checks: RequireSudo, then ``new`` resolves
    (CannotLookup). Effects: ``Key = new``. Events: KeyChanged { old, new }. Pays::No.
    Mirrors pallet_sudo::set_key.
    """
    ensure_sudo(ext, origin)
    account = lookup(new)
    deposit_event(ext, KeyChanged(Key.get(ext), account))
    Key.insert(ext, account)
    return _FREE


@sudo_pallet.call(3, [("who", MultiAddress, "AccountIdLookupOf<T>"), _CALL],
                  weight=lambda who, call: SUDO_AS_WEIGHT + call_info(call).weight)
def sudo_as(ext: Externalities, origin: Any, who: Any, call: Any) -> PostDispatchInfo:
    """Dispatch a call as a signed account.

    Origin: the sudo key (or root). Checks: RequireSudo, ``who`` resolves. Effects: the call
    runs as Signed(who), bypassing the filter. Events: SudoAsDone { sudo_result }. Pays::No.
    Mirrors pallet_sudo::sudo_as.
    """
    ensure_sudo(ext, origin)
    account = lookup(who)
    error, _ = dispatch_call(ext, Signed(account), call, bypass_filter=True)
    deposit_event(ext, SudoAsDone(dispatch_result(error)))
    return _FREE


@sudo_pallet.call(4, [], weight=REMOVE_KEY_WEIGHT)
def remove_key(ext: Externalities, origin: Any) -> PostDispatchInfo:
    """Permanently remove the sudo key.

    Origin: the sudo key (or root). Checks: RequireSudo. Effects: ``Key`` removed. Events:
    KeyRemoved. Pays::No. Mirrors pallet_sudo::remove_key.
    """
    ensure_sudo(ext, origin)
    deposit_event(ext, KeyRemoved())
    Key.remove(ext)
    return _FREE


def build_genesis(ext: Externalities, key: bytes | None) -> None:
    """Genesis: ``Key = key`` (absent when None)."""
    if key is not None:
        Key.insert(ext, key)


def key(ext: Externalities) -> bytes | None:
    """The current sudo key."""
    value = Key.get(ext)
    return None if value is None else bytes(value)


__all__ = ["Key", "build_genesis", "declared_info", "ensure_sudo", "key",
           "remove_key", "set_key", "sudo", "sudo_as", "sudo_unchecked_weight"]
