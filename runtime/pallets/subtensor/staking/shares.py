"""A hotkey's alpha share pool on a subnet, read from and written to storage (spec §4.4).

Reference (subtensor 14bc6f9): ``staking/stake_utils.rs`` (``get_alpha_share_pool``,
``HotkeyAlphaSharePoolDataOperations``, ``increase/decrease_stake_for_hotkey_and_coldkey_on_
subnet``) over ``primitives/share-pool``. Shares live in ``AlphaV2`` / ``TotalHotkeySharesV2``
(SafeFloat); a pool not yet migrated is read from the legacy U64F64 ``Alpha`` /
``TotalHotkeyShares`` and written back in the V2 items (the legacy entry is then removed).
"""

from __future__ import annotations

from typing import Any

from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.share_pool import (
    SafeFloat,
    can_update_value_for_one,
    update_value_for_one,
    value_of_shares,
)
from runtime.primitives.externalities import Externalities
from runtime.primitives.fixed import U64F64


def _safe_float(stored: Any) -> SafeFloat:
    """A stored SafeFloat struct as a :class:`SafeFloat`."""
    if isinstance(stored, SafeFloat):
        return stored
    if isinstance(stored, dict):
        return SafeFloat(int(stored["mantissa"]), int(stored["exponent"]))
    mantissa, exponent = stored
    return SafeFloat(int(mantissa), int(exponent))


def _legacy(stored: Any) -> SafeFloat:
    """A legacy U64F64 share as a :class:`SafeFloat`."""
    value = stored if isinstance(stored, U64F64) else U64F64.from_bits(int(stored))
    return SafeFloat.from_u64f64(value)


def _stored(value: SafeFloat) -> dict[str, int]:
    return {"mantissa": value.mantissa, "exponent": value.exponent}


def share_of(ext: Externalities, hotkey: bytes, coldkey: bytes, netuid: int) -> SafeFloat:
    """``AlphaV2[(hotkey, coldkey, netuid)]``, else the legacy ``Alpha`` entry."""
    if st.AlphaV2.contains(ext, hotkey, coldkey, netuid):
        return _safe_float(st.AlphaV2.get(ext, hotkey, coldkey, netuid))
    return _legacy(st.Alpha.get(ext, hotkey, coldkey, netuid))


def total_shares(ext: Externalities, hotkey: bytes, netuid: int) -> SafeFloat:
    """``TotalHotkeySharesV2[hotkey][netuid]``, else the legacy ``TotalHotkeyShares``."""
    if st.TotalHotkeySharesV2.contains(ext, hotkey, netuid):
        return _safe_float(st.TotalHotkeySharesV2.get(ext, hotkey, netuid))
    return _legacy(st.TotalHotkeyShares.get(ext, hotkey, netuid))


def stake_of(ext: Externalities, hotkey: bytes, coldkey: bytes, netuid: int) -> int:
    """``get_stake_for_hotkey_and_coldkey_on_subnet``: floor(total alpha × share / total)."""
    return value_of_shares(int(st.TotalHotkeyAlpha.get(ext, hotkey, netuid)),
                           share_of(ext, hotkey, coldkey, netuid),
                           total_shares(ext, hotkey, netuid))


def can_increase(ext: Externalities, hotkey: bytes, netuid: int, amount: int) -> bool:
    """``try_increase_stake_for_hotkey_and_coldkey_on_subnet``: the pool is precise enough."""
    return can_update_value_for_one(int(st.TotalHotkeyAlpha.get(ext, hotkey, netuid)),
                                    total_shares(ext, hotkey, netuid), amount)


def _update(ext: Externalities, hotkey: bytes, coldkey: bytes, netuid: int, update: int) -> None:
    """``update_value_for_one`` written back to the V2 items (legacy entries dropped)."""
    value, denominator, share = update_value_for_one(
        int(st.TotalHotkeyAlpha.get(ext, hotkey, netuid)), total_shares(ext, hotkey, netuid),
        share_of(ext, hotkey, coldkey, netuid), update)
    st.TotalHotkeyAlpha.insert(ext, hotkey, netuid, value)
    st.TotalHotkeySharesV2.insert(ext, hotkey, netuid, _stored(denominator))
    st.AlphaV2.insert(ext, hotkey, coldkey, netuid, _stored(share))
    st.TotalHotkeyShares.remove(ext, hotkey, netuid)
    st.Alpha.remove(ext, hotkey, coldkey, netuid)


def increase_stake(ext: Externalities, hotkey: bytes, coldkey: bytes, netuid: int,
                   amount: int) -> None:
    """``increase_stake_for_hotkey_and_coldkey_on_subnet``: a non-zero amount adds the hotkey
    to the coldkey's ``StakingHotkeys``; the pool gains ``amount`` for the coldkey."""
    if amount:
        add_staking_hotkey(ext, coldkey, hotkey)
    _update(ext, hotkey, coldkey, netuid, amount)


def decrease_stake(ext: Externalities, hotkey: bytes, coldkey: bytes, netuid: int,
                   amount: int) -> None:
    """``decrease_stake_for_hotkey_and_coldkey_on_subnet``: only when the coldkey holds at
    least ``amount``; otherwise nothing changes."""
    if stake_of(ext, hotkey, coldkey, netuid) >= amount:
        _update(ext, hotkey, coldkey, netuid, -amount)


def add_staking_hotkey(ext: Externalities, coldkey: bytes, hotkey: bytes) -> None:
    """Append ``hotkey`` to ``StakingHotkeys[coldkey]`` if it is not there yet."""
    keys = [bytes(k) for k in st.StakingHotkeys.get(ext, coldkey)]
    if hotkey not in keys:
        st.StakingHotkeys.insert(ext, coldkey, [*keys, hotkey])
