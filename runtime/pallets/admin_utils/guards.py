"""Origin, owner rate-limit and freeze-window guards of the AdminUtils setters.

Mirrors ``pallets/subtensor/src/utils/misc.rs`` (``ensure_subnet_owner_or_root``,
``ensure_sn_owner_or_root_with_limits``, ``is_in_admin_freeze_window``,
``ensure_admin_window_open``, ``record_owner_rl``) and ``utils/rate_limiting.rs``
(``TransactionType``) at subtensor 14bc6f9 (spec §6.1, §7.2 ``AdminFreezeWindow``).

A rate-limited operation is either an owner hyperparameter update, keyed in
``LastRateLimitedBlock[OwnerHyperparamUpdate(netuid, hparam)]`` and limited to
``OwnerHyperparamRateLimit`` tempos, or the weights-version-key update, keyed in
``TransactionKeyLastBlock[(owner, netuid, 4)]`` and limited to ``WeightsVersionKeyRateLimit``
tempos. Only the subnet owner is rate-limited; root never is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from runtime.frame import system
from runtime.frame.dispatch import DispatchError, Root, Signed
from runtime.pallets.admin_utils.pallet import SubnetDoesNotExist
from runtime.pallets.subtensor import errors
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.coinbase.scheduler import blocks_until_next_auto_epoch
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import EnumValue

SET_WEIGHTS_VERSION_KEY = "SetWeightsVersionKey"
"""The ``TransactionType::SetWeightsVersionKey`` limit (not an owner hyperparameter)."""
SET_WEIGHTS_VERSION_KEY_TX = 4
"""``u16::from(TransactionType::SetWeightsVersionKey)``."""
U64_MAX = (1 << 64) - 1


def current_block(ext: Externalities) -> int:
    """``get_current_block_as_u64``: ``System.Number``."""
    return int(system.Number.get(ext))


def ensure_subnet_owner_or_root(origin: Any, ext: Externalities, netuid: int) -> bytes | None:
    """Root gives None; the subnet's owner gives its account; any other origin is BadOrigin."""
    if isinstance(origin, Root):
        return None
    if isinstance(origin, Signed) and bytes(st.SubnetOwner.get(ext, netuid)) == origin.who:
        return origin.who
    raise DispatchError.bad_origin()


def _rate_limit(ext: Externalities, netuid: int, limit: str) -> int:
    """``rate_limit_on_subnet``: tempo × the limit's number of tempos (saturating u64)."""
    tempo = int(st.Tempo.get(ext, netuid))
    if limit == SET_WEIGHTS_VERSION_KEY:
        return min(tempo * int(st.WeightsVersionKeyRateLimit.get(ext)), U64_MAX)
    return tempo * int(st.OwnerHyperparamRateLimit.get(ext))


def _hparam_key(netuid: int, hparam: str) -> EnumValue:
    """``RateLimitKey::OwnerHyperparamUpdate(netuid, hparam)``."""
    return EnumValue("OwnerHyperparamUpdate", (netuid, EnumValue(hparam)))


def last_block(ext: Externalities, who: bytes, netuid: int, limit: str) -> int:
    """``last_block_on_subnet`` of an owner-limited operation."""
    if limit == SET_WEIGHTS_VERSION_KEY:
        return int(st.TransactionKeyLastBlock.get(ext, who, netuid, SET_WEIGHTS_VERSION_KEY_TX))
    return int(st.LastRateLimitedBlock.get(ext, _hparam_key(netuid, limit)))


def ensure_sn_owner_or_root_with_limits(origin: Any, ext: Externalities, netuid: int,
                                        limits: Sequence[str]) -> bytes | None:
    """Owner or root (BadOrigin otherwise); an owner must also pass every limit: the first
    call, or ``now − last ≥ limit`` (TxRateLimitExceeded)."""
    owner = ensure_subnet_owner_or_root(origin, ext, netuid)
    if owner is not None:
        now = current_block(ext)
        for limit in limits:
            last = last_block(ext, owner, netuid, limit)
            if last != 0 and max(now - last, 0) < _rate_limit(ext, netuid, limit):
                raise errors.TxRateLimitExceeded()
    return owner


def record_owner_rl(ext: Externalities, owner: bytes | None, netuid: int,
                    limits: Sequence[str]) -> None:
    """When an owner made the change, record the current block for every limit."""
    if owner is None:
        return
    now = current_block(ext)
    for limit in limits:
        if limit == SET_WEIGHTS_VERSION_KEY:
            st.TransactionKeyLastBlock.insert(ext, owner, netuid, SET_WEIGHTS_VERSION_KEY_TX, now)
        else:
            st.LastRateLimitedBlock.insert(ext, _hparam_key(netuid, limit), now)


def is_in_admin_freeze_window(ext: Externalities, netuid: int, now: int) -> bool:
    """Tempo 0 never freezes; a pending triggered epoch freezes until it runs; otherwise the
    last ``AdminFreezeWindow`` blocks before the next automatic epoch are frozen."""
    tempo = int(st.Tempo.get(ext, netuid))
    if tempo == 0:
        return False
    pending = int(st.PendingEpochAt.get(ext, netuid))
    if pending > now:
        return True
    remaining = blocks_until_next_auto_epoch(int(st.LastEpochBlock.get(ext, netuid)), tempo, now)
    return remaining < int(st.AdminFreezeWindow.get(ext))


def ensure_admin_window_open(ext: Externalities, netuid: int) -> None:
    """AdminActionProhibitedDuringWeightsWindow inside the freeze window."""
    if is_in_admin_freeze_window(ext, netuid, current_block(ext)):
        raise errors.AdminActionProhibitedDuringWeightsWindow()


def ensure_subnet_exists(ext: Externalities, netuid: int) -> None:
    """AdminUtils' SubnetDoesNotExist unless ``NetworksAdded[netuid]``."""
    if not st.NetworksAdded.get(ext, netuid):
        raise SubnetDoesNotExist()


__all__ = ["SET_WEIGHTS_VERSION_KEY", "current_block", "ensure_admin_window_open",
           "ensure_sn_owner_or_root_with_limits", "ensure_subnet_exists",
           "ensure_subnet_owner_or_root", "is_in_admin_freeze_window", "last_block",
           "record_owner_rl"]
