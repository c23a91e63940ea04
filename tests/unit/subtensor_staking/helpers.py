"""Fixtures for the staking call tests: a runtime of System, Balances and SubtensorModule, and
subnets, hotkeys, balances and the block author written straight into storage."""

from __future__ import annotations

from typing import Any

from runtime.composition import DispatchOutcome, Runtime
from runtime.frame import system
from runtime.frame.dispatch import Signed
from runtime.frame.pallet import Event
from runtime.pallets import balances
from runtime.pallets.aura import pallet as aura
from runtime.pallets.subtensor import CALL_INDICES, subtensor
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.staking import accounts, shares
from runtime.primitives.block import AURA_ENGINE_ID, PreRuntime
from runtime.primitives.scale import U64
from storage.overlay import Overlay
from tests.unit.frame.helpers import empty_state

RUNTIME = Runtime([system.system, balances.balances, subtensor])
NETUID = 1
OTHER_NETUID = 2
TAO = 1_000_000_000
COLDKEY = b"\x11" * 32
OTHER_COLDKEY = b"\x12" * 32
HOTKEY = b"\x21" * 32
OTHER_HOTKEY = b"\x22" * 32
AUTHOR = b"\xaa" * 32


def new_state(*, author: bool = True) -> Overlay:
    """Block 1000, an Aura author for the block when ``author``, nothing else."""
    ext = empty_state()
    system.Number.insert(ext, 1000)
    if author:
        aura.Authorities.insert(ext, [AUTHOR])
        system.deposit_log(ext, PreRuntime(AURA_ENGINE_ID, U64.encode(7)))
    return ext


def fund(ext: Overlay, who: bytes, amount: int) -> None:
    """Mint ``amount`` rao into ``who`` (issuance up)."""
    balances.mint_into(ext, who, amount)


def add_subnet(ext: Overlay, netuid: int = NETUID, *, tao: int = 1000 * TAO,
               alpha: int = 1000 * TAO, dynamic: bool = True, enabled: bool = True) -> None:
    """A subnet with a pool of ``tao`` / ``alpha`` (price tao/alpha); its account holds the
    pool's TAO. Netuid 0 is root (stable)."""
    st.NetworksAdded.insert(ext, netuid, True)
    st.SubtokenEnabled.insert(ext, netuid, enabled)
    st.SubnetMechanism.insert(ext, netuid, 1 if dynamic and netuid else 0)
    st.SubnetTAO.insert(ext, netuid, tao)
    st.SubnetAlphaIn.insert(ext, netuid, alpha)
    if tao:
        fund(ext, accounts.subnet_account_of(netuid), tao)


def add_hotkey(ext: Overlay, hotkey: bytes = HOTKEY, owner: bytes = COLDKEY) -> None:
    """``Owner[hotkey] = owner``."""
    st.Owner.insert(ext, hotkey, owner)


def staking_world(*, author: bool = True, balance: int = 100 * TAO) -> Overlay:
    """Root, subnets 1 and 2 (dynamic, price 1), two hotkeys, a funded coldkey."""
    ext = new_state(author=author)
    add_subnet(ext, 0, tao=0, alpha=0, dynamic=False)
    add_subnet(ext, NETUID)
    add_subnet(ext, OTHER_NETUID, tao=2000 * TAO)
    add_hotkey(ext)
    add_hotkey(ext, OTHER_HOTKEY, OTHER_COLDKEY)
    fund(ext, COLDKEY, balance)
    return ext


def call(ext: Overlay, who: bytes, name: str, **args: Any) -> DispatchOutcome:
    """Encode, decode and dispatch ``SubtensorModule.name(args)`` signed by ``who``."""
    encoded = subtensor.calls[CALL_INDICES[name]].encode(**args)
    return RUNTIME.dispatch(ext, Signed(who), RUNTIME.decode_call(encoded))


def stake(ext: Overlay, hotkey: bytes = HOTKEY, coldkey: bytes = COLDKEY,
          netuid: int = NETUID) -> int:
    """Alpha of (hotkey, coldkey) on ``netuid``."""
    return shares.stake_of(ext, hotkey, coldkey, netuid)


def free(ext: Overlay, who: bytes) -> int:
    """Free balance of ``who``."""
    return balances.free_balance(ext, who)


def deposited(ext: Overlay, event: Event) -> bool:
    """Whether ``event`` is among the block's events."""
    raw = ext.get(system.Events.storage_key())
    return raw is not None and event.encoded in raw


def snapshot(ext: Overlay) -> list[tuple[bytes, bytes | None]]:
    """Every pending change of the state, to check that a failed call left it untouched."""
    return list(ext.changes())
