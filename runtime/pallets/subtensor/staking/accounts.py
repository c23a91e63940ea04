"""TAO movements between coldkeys, subnet accounts and the block author (spec §4.1, §4.2).

Reference (subtensor 14bc6f9): ``coinbase/tao.rs`` (``transfer_tao_to_subnet``,
``transfer_tao_from_subnet``, ``transfer_tao``, ``burn_tao``,
``can_remove_balance_from_coldkey_account``) and the runtime's ``AuthorshipProvider`` (the
Aura author of the block being built).
"""

from __future__ import annotations

from runtime.frame import system
from runtime.pallets import balances
from runtime.pallets.aura import pallet as aura
from runtime.pallets.balances import Fortitude, Preservation
from runtime.pallets.subtensor import errors
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.constants import SUBTENSOR_PALLET_ID
from runtime.primitives.block import Digest
from runtime.primitives.externalities import Externalities

ROOT_NETUID = 0
BURN_PALLET_ID = b"burntnsr"
"""The runtime's ``BurnAccountId`` (``PalletId(*b"burntnsr")``)."""


def _pallet_account(pallet_id: bytes, sub: bytes = b"") -> bytes:
    """``into_(sub_)account_truncating``: ``"modl" ++ id ++ sub``, zero-padded to 32 bytes."""
    return (b"modl" + pallet_id + sub).ljust(32, b"\x00")


BURN_ACCOUNT = _pallet_account(BURN_PALLET_ID)


def subnet_account_of(netuid: int) -> bytes:
    """The account holding a subnet's TAO (sub-account ``netuid`` of ``"subtensr"``)."""
    return _pallet_account(SUBTENSOR_PALLET_ID, netuid.to_bytes(2, "little"))


def subnet_account(ext: Externalities, netuid: int) -> bytes:
    """``get_subnet_account_id``: root or an added subnet, else ``SubnetNotExists``."""
    if netuid == ROOT_NETUID or st.NetworksAdded.contains(ext, netuid):
        return subnet_account_of(netuid)
    raise errors.SubnetNotExists()


def coldkey_balance(ext: Externalities, coldkey: bytes) -> int:
    """``get_coldkey_balance``: reducible balance, Expendable and Polite (ED included)."""
    return balances.reducible_balance(ext, coldkey, Preservation.Expendable, Fortitude.Polite)


def can_remove_balance(ext: Externalities, coldkey: bytes, amount: int) -> bool:
    """``can_remove_balance_from_coldkey_account``: amount ≤ the full coldkey balance."""
    return amount <= coldkey_balance(ext, coldkey)


def transfer_tao(ext: Externalities, source: bytes, dest: bytes, amount: int) -> None:
    """``transfer_tao``: at most the full balance (``InsufficientBalance``), may reap; dust
    lost by reaping the source also leaves subtensor's ``TotalIssuance``
    (``transfer_allow_death_update_ti``)."""
    if amount > coldkey_balance(ext, source):
        raise errors.InsufficientBalance()
    before = balances.total_issuance(ext)
    balances.transfer(ext, source, dest, amount, Preservation.Expendable)
    burned = before - balances.total_issuance(ext)
    if burned > 0:
        st.TotalIssuance.mutate(ext, lambda v: max(int(v) - burned, 0))


def transfer_tao_to_subnet(ext: Externalities, netuid: int, coldkey: bytes, amount: int) -> int:
    """``transfer_tao_to_subnet``: move min(amount, balance kept alive) into the subnet
    account; 0 moves nothing; a positive request that can move nothing fails with
    ``InsufficientBalance``. Returns the amount moved."""
    if amount == 0:
        return 0
    account = subnet_account(ext, netuid)
    keep_alive = balances.reducible_balance(ext, coldkey, Preservation.Preserve,
                                            Fortitude.Polite)
    moved = min(amount, keep_alive)
    if moved == 0:
        raise errors.InsufficientBalance()
    balances.transfer(ext, coldkey, account, moved, Preservation.Preserve)
    return moved


def transfer_tao_from_subnet(ext: Externalities, netuid: int, dest: bytes, amount: int) -> None:
    """``transfer_tao_from_subnet``: pay ``amount`` out of the subnet account."""
    transfer_tao(ext, subnet_account(ext, netuid), dest, amount)


def block_author(ext: Externalities) -> bytes | None:
    """The author of the block being built (Aura slot in ``System.Digest``), if any."""
    raw = ext.get(system.Digest.storage_key())
    digest = Digest() if raw is None else Digest.decode_from(raw, 0)[0]
    return aura.author(ext, digest)
