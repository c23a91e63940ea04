"""Accounts and TAO movements used by registration (spec/subtensor.md §5.1, §5.2).

Reference (subtensor 14bc6f9): ``subnets/subnet.rs`` (``get_subnet_account_id``,
``is_subnet_account_id``), ``staking/helpers.rs`` (``create_account_if_non_existent``,
``coldkey_owns_hotkey``) and ``coinbase/tao.rs`` (``transfer_tao_to_subnet``,
``get_coldkey_balance``).
"""

from __future__ import annotations

from runtime.frame import system
from runtime.pallets import balances
from runtime.pallets.balances import Fortitude, Preservation
from runtime.pallets.subtensor import errors
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.constants import SUBTENSOR_PALLET_ID
from runtime.primitives.externalities import Externalities

ROOT_NETUID = 0
_MODULE_PREFIX = b"modl" + SUBTENSOR_PALLET_ID
"""``PalletId`` accounts: ``"modl" ++ id ++ SCALE(sub)`` padded with zeros to 32 bytes."""


def current_block(ext: Externalities) -> int:
    """``get_current_block_as_u64``: ``System.Number``."""
    return int(system.Number.get(ext))


def subnet_exists(ext: Externalities, netuid: int) -> bool:
    """``if_subnet_exist``: ``NetworksAdded[netuid]``."""
    return bool(st.NetworksAdded.get(ext, netuid))


def subnet_account_of(netuid: int) -> bytes:
    """The account holding a subnet's TAO (``into_sub_account_truncating(netuid)``)."""
    return (_MODULE_PREFIX + netuid.to_bytes(2, "little")).ljust(32, b"\x00")


def subnet_account_id(ext: Externalities, netuid: int) -> bytes | None:
    """``get_subnet_account_id``: the account of an existing subnet (or root), else None."""
    if netuid == ROOT_NETUID or st.NetworksAdded.contains(ext, netuid):
        return subnet_account_of(netuid)
    return None


def is_subnet_account_id(account: bytes) -> bool:
    """``is_subnet_account_id``: whether ``account`` is some subnet's derived account."""
    return (len(account) == 32 and account.startswith(_MODULE_PREFIX)
            and account[len(_MODULE_PREFIX) + 2:] == bytes(32 - len(_MODULE_PREFIX) - 2))


def hotkey_account_exists(ext: Externalities, hotkey: bytes) -> bool:
    """``hotkey_account_exists``: ``Owner[hotkey]`` is stored."""
    return st.Owner.contains(ext, hotkey)


def coldkey_owns_hotkey(ext: Externalities, coldkey: bytes, hotkey: bytes) -> bool:
    """``coldkey_owns_hotkey``: the hotkey exists and ``Owner[hotkey] == coldkey``."""
    return hotkey_account_exists(ext, hotkey) and bytes(st.Owner.get(ext, hotkey)) == coldkey


def create_account_if_non_existent(ext: Externalities, coldkey: bytes, hotkey: bytes) -> None:
    """``create_account_if_non_existent``: refuse subnet accounts (``CannotUseSystemAccount``);
    a new hotkey gets ``Owner = coldkey`` and joins the coldkey's OwnedHotkeys and
    StakingHotkeys."""
    if is_subnet_account_id(hotkey):
        raise errors.CannotUseSystemAccount()
    if hotkey_account_exists(ext, hotkey):
        return
    st.Owner.insert(ext, hotkey, coldkey)
    for item in (st.OwnedHotkeys, st.StakingHotkeys):
        keys = [bytes(k) for k in item.get(ext, coldkey)]
        if hotkey not in keys:
            item.insert(ext, coldkey, [*keys, hotkey])


def coldkey_balance(ext: Externalities, coldkey: bytes) -> int:
    """``get_coldkey_balance``: reducible balance, Expendable and Polite (ED included)."""
    return balances.reducible_balance(ext, coldkey, Preservation.Expendable, Fortitude.Polite)


def transfer_tao_to_subnet(ext: Externalities, netuid: int, coldkey: bytes, amount: int) -> int:
    """``transfer_tao_to_subnet``: move up to ``amount`` to the subnet account keeping the
    coldkey alive; returns the amount moved. ``SubnetNotExists`` without a subnet account,
    ``InsufficientBalance`` when nothing can move."""
    if amount == 0:
        return 0
    account = subnet_account_id(ext, netuid)
    if account is None:
        raise errors.SubnetNotExists()
    keep_alive = balances.reducible_balance(ext, coldkey, Preservation.Preserve,
                                            Fortitude.Polite)
    moved = min(amount, keep_alive)
    if moved == 0:
        raise errors.InsufficientBalance()
    balances.transfer(ext, coldkey, account, moved, Preservation.Preserve)
    return moved
