"""``StakeInfoRuntimeApi`` stake positions decoded through the runtime's V15 metadata."""

from __future__ import annotations

from runtime.pallets.subtensor import storage as st
from tests.unit.subtensor_rpc_info.support import (
    COLDKEYS,
    HOTKEYS,
    NETUID,
    query,
    subnet_state,
)

STAKER = COLDKEYS[0]


def _hex(account: bytes) -> str:
    return "0x" + account.hex()


def _staked() -> object:
    ext = subnet_state()
    unregistered = bytes([0x55]) * 32
    st.StakingHotkeys.insert(ext, STAKER, [HOTKEYS[1], unregistered, HOTKEYS[2]])
    for hotkey, shares in ((HOTKEYS[1], 1), (unregistered, 4), (HOTKEYS[2], 0)):
        st.TotalHotkeyAlpha.insert(ext, hotkey, NETUID, 8_000)
        st.TotalHotkeySharesV2.insert(ext, hotkey, NETUID, {"mantissa": 4, "exponent": 0})
        st.AlphaV2.insert(ext, hotkey, STAKER, NETUID, {"mantissa": shares, "exponent": 0})
    st.AlphaDividendsPerSubnet.insert(ext, NETUID, HOTKEYS[1], 12)
    return ext


def test_get_stake_info_for_coldkey_lists_nonzero_positions() -> None:
    ext = _staked()
    infos = query(ext, "StakeInfoRuntimeApi_get_stake_info_for_coldkey",
                  coldkey_account=_hex(STAKER))
    assert [(i["hotkey"], i["stake"]) for i in infos] == [
        (_hex(HOTKEYS[1]), 2_000), (_hex(bytes([0x55]) * 32), 8_000)]
    first, second = infos
    assert first["emission"] == 12 and first["is_registered"] is True
    assert second["is_registered"] is False and second["netuid"] == NETUID
    assert {(i["locked"], i["tao_emission"], i["drain"]) for i in infos} == {(0, 0, 0)}


def test_get_stake_info_for_coldkeys_pairs_each_coldkey() -> None:
    ext = _staked()
    pairs = query(ext, "StakeInfoRuntimeApi_get_stake_info_for_coldkeys",
                  coldkey_accounts=[_hex(STAKER), _hex(COLDKEYS[1])])
    assert [coldkey for coldkey, _ in pairs] == [_hex(STAKER), _hex(COLDKEYS[1])]
    assert len(pairs[0][1]) == 2 and pairs[1][1] == []


def test_get_stake_info_for_hotkey_coldkey_netuid_answers_zero_stake() -> None:
    ext = _staked()
    method = "StakeInfoRuntimeApi_get_stake_info_for_hotkey_coldkey_netuid"
    info = query(ext, method, hotkey_account=_hex(HOTKEYS[2]), coldkey_account=_hex(STAKER),
                 netuid=NETUID)
    assert info["stake"] == 0 and info["is_registered"] is True
    info = query(ext, method, hotkey_account=_hex(HOTKEYS[1]), coldkey_account=_hex(STAKER),
                 netuid=NETUID)
    assert info["stake"] == 2_000 and info["emission"] == 12
