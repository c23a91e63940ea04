"""``get_subnet_hyperparams_v2``/``_v3`` decoded through the runtime's V15 metadata."""

from __future__ import annotations

from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.rpc_info.hyperparams import V3_ENTRIES
from tests.unit.subtensor_rpc_info.support import NETUID, query, subnet_state


def _stored(ext: object) -> None:
    st.ActivityCutoffFactorMilli.insert(ext, NETUID, 2500)
    st.AlphaValues.insert(ext, NETUID, (100, 200))
    st.AlphaSigmoidSteepness.insert(ext, NETUID, -7)
    st.Yuma3On.insert(ext, NETUID, True)
    st.SubtokenEnabled.insert(ext, NETUID, True)
    st.MinChildkeyTakePerSubnet.insert(ext, NETUID, 9)


def test_hyperparams_v2_reads_storage_and_derived_values() -> None:
    ext = subnet_state()
    _stored(ext)
    params = query(ext, "SubnetInfoRuntimeApi_get_subnet_hyperparams_v2", netuid=NETUID)
    assert params["kappa"] == 33000 and params["tempo"] == 360
    assert params["activity_cutoff"] == 2500 * 360 // 1000
    assert (params["alpha_low"], params["alpha_high"]) == (100, 200)
    assert params["alpha_sigmoid_steepness"] == {"bits": -7 << 32}
    assert params["yuma_version"] == 3 and params["subnet_is_active"] is True
    assert params["max_weights_limit"] == 65535 and params["user_liquidity_enabled"] is False
    assert params["min_burn"] == int(st.MinBurn.get(ext, NETUID))


def test_hyperparams_v2_activity_cutoff_is_at_least_one() -> None:
    ext = subnet_state()
    st.ActivityCutoffFactorMilli.insert(ext, NETUID, 1)
    st.Tempo.insert(ext, NETUID, 10)
    params = query(ext, "SubnetInfoRuntimeApi_get_subnet_hyperparams_v2", netuid=NETUID)
    assert params["activity_cutoff"] == 1


def test_hyperparams_v3_lists_named_tagged_values_in_reference_order() -> None:
    ext = subnet_state()
    _stored(ext)
    entries = query(ext, "SubnetInfoRuntimeApi_get_subnet_hyperparams_v3", netuid=NETUID)
    assert [e["name"] for e in entries] == [name for name, _ in V3_ENTRIES]
    by_name = {e["name"]: e["value"] for e in entries}
    assert by_name["kappa"] == {"U16": 33000}
    assert by_name["activity_cutoff_factor"] == {"U32": 2500}
    assert by_name["min_burn"] == {"TaoBalance": int(st.MinBurn.get(ext, NETUID))}
    assert by_name["burn_increase_mult"] == {
        "U64F64": {"bits": st.BurnIncreaseMult.get(ext, NETUID).bits}}
    assert by_name["alpha_sigmoid_steepness"] == {"I32F32": {"bits": -7 << 32}}
    assert by_name["min_childkey_take"] == {"U16": 9}
    assert by_name["registration_allowed"] == {"Bool": True}


def test_hyperparams_on_missing_subnet_are_none() -> None:
    ext = subnet_state()
    assert query(ext, "SubnetInfoRuntimeApi_get_subnet_hyperparams_v2", netuid=9) is None
    assert query(ext, "SubnetInfoRuntimeApi_get_subnet_hyperparams_v3", netuid=9) is None


def test_hyperparams_v1_is_the_v2_prefix() -> None:
    ext = subnet_state()
    _stored(ext)
    v1 = query(ext, "SubnetInfoRuntimeApi_get_subnet_hyperparams", netuid=NETUID)
    v2 = query(ext, "SubnetInfoRuntimeApi_get_subnet_hyperparams_v2", netuid=NETUID)
    assert list(v1)[-1] == "liquid_alpha_enabled" and len(v1) == 27
    assert v1 == {name: v2[name] for name in v1}
    assert query(ext, "SubnetInfoRuntimeApi_get_subnet_hyperparams", netuid=9) is None
