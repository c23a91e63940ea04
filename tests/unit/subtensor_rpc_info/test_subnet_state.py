"""``SubnetInfoRuntimeApi.get_subnet_state`` decoded through the runtime's V15 metadata."""

from __future__ import annotations

from runtime.pallets.subtensor import storage as st
from tests.unit.subtensor_rpc_info.support import (
    COLDKEYS,
    HOTKEYS,
    NETUID,
    query,
    subnet_state,
)

U64_MAX = (1 << 64) - 1


def _hex(account: bytes) -> str:
    return "0x" + account.hex()


def test_get_subnet_state_lists_vectors_and_stakes() -> None:
    ext = subnet_state()
    tao_weight = U64_MAX // 5  # 0.2
    st.TaoWeight.insert(ext, tao_weight)
    st.TotalHotkeyAlpha.insert(ext, HOTKEYS[1], 0, 10**9)
    st.BlockAtRegistration.insert(ext, NETUID, 2, 77)
    st.LastHotkeyEmissionOnNetuid.insert(ext, HOTKEYS[2], NETUID, 5)
    state = query(ext, "SubnetInfoRuntimeApi_get_subnet_state", netuid=NETUID)
    assert state["hotkeys"] == [_hex(h) for h in HOTKEYS]
    assert state["coldkeys"] == [_hex(c) for c in COLDKEYS]
    assert state["active"] == [True, False] and state["emission"] == [500, 0, 9]
    assert state["incentives"] == [0, 65535, 10] and state["last_update"] == [100, 101, 102]
    assert state["pruning_score"] == state["trust"] == state["rank"] == []
    assert state["block_at_registration"] == [0, 0, 77]
    assert state["alpha_stake"] == [1000, 2000, 3000]
    assert state["tao_stake"] == [0, 10**9, 0]
    weight_bits = ((tao_weight << 32) // U64_MAX) << 32
    assert state["total_stake"] == [1000, 2000 + (10**9 * weight_bits >> 64), 3000]
    assert 2000 + 199_999_999 <= state["total_stake"][1] <= 2000 + 200_000_000
    assert state["emission_history"] == [[0, 0, 5]]


def test_get_subnet_state_missing_hotkey_has_zero_account_and_stake() -> None:
    ext = subnet_state()
    st.Keys.remove(ext, NETUID, 1)
    state = query(ext, "SubnetInfoRuntimeApi_get_subnet_state", netuid=NETUID)
    assert state["hotkeys"][1] == _hex(bytes(32)) and state["alpha_stake"][1] == 0
    assert query(ext, "SubnetInfoRuntimeApi_get_subnet_state", netuid=8) is None
