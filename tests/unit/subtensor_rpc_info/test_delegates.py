"""``DelegateInfoRuntimeApi`` over a delegate with nominators, decoded through V15 metadata."""

from __future__ import annotations

from runtime.pallets.subtensor import storage as st
from runtime.primitives.fixed import U64F64
from tests.unit.subtensor_rpc_info.support import (
    COLDKEYS,
    HOTKEYS,
    NETUID,
    query,
    subnet_state,
)

DELEGATE = HOTKEYS[0]
TAKE = 11_796


def _hex(account: bytes) -> str:
    return "0x" + account.hex()


def _delegate_state() -> object:
    ext = subnet_state()
    for netuid in (0, 1):  # pools are found by position in the NetworksAdded key list
        st.NetworksAdded.insert(ext, netuid, True)
    st.Delegates.insert(ext, DELEGATE, TAKE)
    st.IsNetworkMember.insert(ext, DELEGATE, NETUID, True)
    st.IsNetworkMember.insert(ext, DELEGATE, 5, False)
    st.TotalHotkeyAlpha.insert(ext, DELEGATE, NETUID, 9_000)
    st.TotalHotkeySharesV2.insert(ext, DELEGATE, NETUID, {"mantissa": 3, "exponent": 0})
    st.AlphaV2.insert(ext, DELEGATE, COLDKEYS[2], NETUID, {"mantissa": 2, "exponent": 0})
    st.AlphaV2.insert(ext, DELEGATE, COLDKEYS[1], NETUID, {"mantissa": 1, "exponent": 0})
    st.AlphaV2.insert(ext, DELEGATE, COLDKEYS[0], NETUID, {"mantissa": 0, "exponent": 0})
    st.Alpha.insert(ext, DELEGATE, COLDKEYS[1], NETUID, U64F64.from_num(7))  # V2 wins
    st.TotalHotkeyAlpha.insert(ext, DELEGATE, 0, 2 * 10**12)
    return ext


def test_get_delegate_lists_nominators_permits_and_returns() -> None:
    ext = _delegate_state()
    info = query(ext, "DelegateInfoRuntimeApi_get_delegate", delegate_account=_hex(DELEGATE))
    assert info["delegate_ss58"] == _hex(DELEGATE) and info["take"] == TAKE
    assert info["owner_ss58"] == _hex(COLDKEYS[0])
    assert info["nominators"] == [(_hex(COLDKEYS[1]), [(NETUID, 3_000)]),
                                  (_hex(COLDKEYS[2]), [(NETUID, 6_000)])]
    assert info["registrations"] == [NETUID] and info["validator_permits"] == [NETUID]
    daily = U64F64.from_num(500).saturating_mul(U64F64.from_num(7200).safe_div(
        U64F64.from_num(360)))
    assert info["total_daily_return"] == daily.saturating_to_u64() == 10_000
    keep = U64F64.from_num(1).saturating_sub(
        U64F64.from_num(TAKE).safe_div(U64F64.from_num(65535)))
    expected = daily.saturating_mul(keep).safe_div(U64F64.from_num(2))
    assert info["return_per_1000"] == expected.saturating_to_u64()
    assert info["return_per_1000"] == 4_100  # 10 000 × (1 − 0.18) / 2


def test_get_delegates_lists_every_delegate_and_get_delegate_needs_entry() -> None:
    ext = _delegate_state()
    everyone = query(ext, "DelegateInfoRuntimeApi_get_delegates")
    assert [d["delegate_ss58"] for d in everyone] == [_hex(DELEGATE)]
    missing = query(ext, "DelegateInfoRuntimeApi_get_delegate",
                    delegate_account=_hex(HOTKEYS[1]))
    assert missing is None


def test_get_delegate_without_root_stake_has_zero_return_per_1000() -> None:
    ext = _delegate_state()
    st.TotalHotkeyAlpha.remove(ext, DELEGATE, 0)
    info = query(ext, "DelegateInfoRuntimeApi_get_delegate", delegate_account=_hex(DELEGATE))
    assert info["return_per_1000"] == 0 and info["total_daily_return"] == 10_000


def test_get_delegated_lists_delegates_a_coldkey_holds_shares_of() -> None:
    ext = _delegate_state()
    pairs = query(ext, "DelegateInfoRuntimeApi_get_delegated",
                  delegatee_account=_hex(COLDKEYS[2]))
    assert len(pairs) == 1
    info, (netuid, stake) = pairs[0]
    assert info["delegate_ss58"] == _hex(DELEGATE) and info["nominators"] == []
    assert (netuid, stake) == (NETUID, 6_000)
    none = query(ext, "DelegateInfoRuntimeApi_get_delegated",
                 delegatee_account=_hex(COLDKEYS[0]))
    assert none == []  # zero shares are skipped
