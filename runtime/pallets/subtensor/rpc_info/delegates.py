"""``DelegateInfoRuntimeApi``: ``get_delegates``, ``get_delegate`` and ``get_delegated``.

Reference (subtensor 14bc6f9): ``rpc_info/delegate_info.rs`` with ``alpha_iter_single_prefix``
(``staking/helpers.rs``) and ``get_registered_networks_for_hotkey`` (``subnets/uids.rs``).

- nominators: every (coldkey, netuid) share of the delegate — legacy ``Alpha`` entries merged
  with ``AlphaV2`` (V2 wins), ordered by coldkey then netuid — skipping zero shares, valued by
  the delegate's share pool found at POSITION ``netuid`` of the ``NetworksAdded`` key list (the
  reference indexes its list of pools by netuid; a netuid past the end is skipped);
- registrations: the ``IsNetworkMember`` netuids set to true; validator_permits: those whose
  uid holds a permit;
- total_daily_return: Σ emission × (7200 / tempo) over registrations with a positive tempo, in
  U64F64; return_per_1000: daily × (1 − take / 65535) / (root stake / 10¹²), 0 without root
  stake; both floored to u64.
"""

from __future__ import annotations

from typing import Any

from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.rpc_info.subnets import all_subnet_netuids
from runtime.pallets.subtensor.share_pool import SafeFloat, value_of_shares
from runtime.pallets.subtensor.staking.shares import stake_of
from runtime.primitives.externalities import Externalities
from runtime.primitives.fixed import U64F64

ROOT_NETUID = 0
BLOCKS_PER_DAY = 7200
TAO_1000_RAO = 1000 * 10**9


def _safe_float(stored: Any) -> SafeFloat:
    """A stored ``SafeFloat`` struct value."""
    if isinstance(stored, SafeFloat):
        return stored
    if isinstance(stored, dict):
        return SafeFloat(int(stored["mantissa"]), int(stored["exponent"]))
    mantissa, exponent = stored
    return SafeFloat(int(mantissa), int(exponent))


def _shares_of_delegate(ext: Externalities, hotkey: bytes) -> list[tuple[bytes, int, SafeFloat]]:
    """``alpha_iter_single_prefix``: (coldkey, netuid, shares), legacy overridden by V2."""
    merged: dict[tuple[bytes, int], SafeFloat] = {}
    for (coldkey, netuid), value in st.Alpha.iter(ext, hotkey):
        legacy = value if isinstance(value, U64F64) else U64F64.from_bits(int(value))
        merged[(bytes(coldkey), int(netuid))] = SafeFloat.from_u64f64(legacy)
    for (coldkey, netuid), value in st.AlphaV2.iter(ext, hotkey):
        merged[(bytes(coldkey), int(netuid))] = _safe_float(value)
    return [(coldkey, netuid, merged[(coldkey, netuid)]) for coldkey, netuid in sorted(merged)]


def _total_shares(ext: Externalities, hotkey: bytes, netuid: int) -> SafeFloat:
    """The pool denominator: ``TotalHotkeySharesV2``, else the legacy ``TotalHotkeyShares``."""
    if st.TotalHotkeySharesV2.contains(ext, hotkey, netuid):
        return _safe_float(st.TotalHotkeySharesV2.get(ext, hotkey, netuid))
    legacy = st.TotalHotkeyShares.get(ext, hotkey, netuid)
    bits = legacy if isinstance(legacy, U64F64) else U64F64.from_bits(int(legacy))
    return SafeFloat.from_u64f64(bits)


def _nominators(ext: Externalities, hotkey: bytes) -> list[tuple[bytes, list[tuple[int, int]]]]:
    """The delegate's nominators and their (netuid, alpha value) stakes."""
    pools = all_subnet_netuids(ext)
    by_coldkey: dict[bytes, list[tuple[int, int]]] = {}
    for coldkey, netuid, shares in _shares_of_delegate(ext, hotkey):
        if shares.is_zero() or netuid >= len(pools):
            continue
        pool = pools[netuid]
        value = value_of_shares(int(st.TotalHotkeyAlpha.get(ext, hotkey, pool)), shares,
                                _total_shares(ext, hotkey, pool))
        by_coldkey.setdefault(coldkey, []).append((netuid, value))
    return sorted(by_coldkey.items())


def _returns(ext: Externalities, hotkey: bytes, registrations: list[int], take: int
             ) -> tuple[list[int], int, int]:
    """(validator permits, return per 1000 TAO, total daily return)."""
    permits: list[int] = []
    daily = U64F64.ZERO
    for netuid in registrations:
        uid = st.Uids.get(ext, netuid, hotkey)
        if uid is None:
            continue
        uid = int(uid)
        permit = st.ValidatorPermit.get(ext, netuid)
        if uid < len(permit) and permit[uid]:
            permits.append(netuid)
        emissions = st.Emission.get(ext, netuid)
        emission = U64F64.from_num(int(emissions[uid]) if uid < len(emissions) else 0)
        tempo = U64F64.from_num(int(st.Tempo.get(ext, netuid)))
        if tempo.bits > 0:
            per_day = U64F64.from_num(BLOCKS_PER_DAY).safe_div(tempo)
            daily = daily.saturating_add(emission.saturating_mul(per_day))
    root_stake = U64F64.from_num(int(st.TotalHotkeyAlpha.get(ext, hotkey, ROOT_NETUID)))
    without_take = U64F64.from_num(1).saturating_sub(
        U64F64.from_num(take).safe_div(U64F64.from_num(0xFFFF)))
    per_1000 = U64F64.ZERO
    if root_stake.bits > 0:
        per_1000 = daily.saturating_mul(without_take).safe_div(
            root_stake.safe_div(U64F64.from_num(TAO_1000_RAO)))
    return permits, per_1000.saturating_to_u64(), daily.saturating_to_u64()


def delegate_info(ext: Externalities, hotkey: bytes, skip_nominators: bool = False
                  ) -> dict[str, Any]:
    """``get_delegate_by_existing_account``: nominators are left empty when skipped."""
    registrations = [int(netuid) for (netuid,), member in st.IsNetworkMember.iter(ext, hotkey)
                     if member]
    take = int(st.Delegates.get(ext, hotkey))
    permits, per_1000, daily = _returns(ext, hotkey, registrations, take)
    return {
        "delegate_ss58": hotkey, "take": take,
        "nominators": [] if skip_nominators else _nominators(ext, hotkey),
        "owner_ss58": bytes(st.Owner.get(ext, hotkey)), "registrations": registrations,
        "validator_permits": permits, "return_per_1000": per_1000, "total_daily_return": daily,
    }


def delegate(ext: Externalities, hotkey: bytes) -> dict[str, Any] | None:
    """``get_delegate``: None unless the hotkey has a ``Delegates`` entry."""
    if not st.Delegates.contains(ext, hotkey):
        return None
    return delegate_info(ext, hotkey)


def delegates(ext: Externalities) -> list[dict[str, Any]]:
    """``get_delegates``: every ``Delegates`` key, in storage-key order."""
    return [delegate_info(ext, bytes(hotkey)) for (hotkey,) in st.Delegates.iter_keys(ext)]


def _staked_netuids(ext: Externalities, hotkey: bytes, coldkey: bytes) -> list[int]:
    """``alpha_iter_prefix((hotkey, coldkey))``: netuids with non-zero shares (V2 over legacy),
    ascending."""
    merged: dict[int, SafeFloat] = {}
    for (netuid,), value in st.Alpha.iter(ext, hotkey, coldkey):
        legacy = value if isinstance(value, U64F64) else U64F64.from_bits(int(value))
        merged[int(netuid)] = SafeFloat.from_u64f64(legacy)
    for (netuid,), value in st.AlphaV2.iter(ext, hotkey, coldkey):
        merged[int(netuid)] = _safe_float(value)
    return sorted(netuid for netuid, shares in merged.items() if not shares.is_zero())


def delegated(ext: Externalities, delegatee_account: bytes
              ) -> list[tuple[dict[str, Any], tuple[int, int]]]:
    """``get_delegated``: for every delegate (``Delegates`` key order) and every subnet where
    ``delegatee_account`` holds shares of it, the delegate (nominators skipped) with
    ``(netuid, the coldkey's alpha stake)``."""
    coldkey = bytes(delegatee_account)
    result = []
    for (hotkey,) in st.Delegates.iter_keys(ext):
        hotkey = bytes(hotkey)
        for netuid in _staked_netuids(ext, hotkey, coldkey):
            result.append((delegate_info(ext, hotkey, skip_nominators=True),
                           (netuid, stake_of(ext, hotkey, coldkey, netuid))))
    return result
