"""The per-block burn decay and counter reset (spec §5.2 "Burn price dynamics")."""

from __future__ import annotations

from runtime.frame import system
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.coinbase.burn import decay_factor_q32
from runtime.pallets.subtensor.registration.prices import update_registration_prices_for_networks
from tests.unit.subtensor_registration.helpers import (
    COLD,
    HOT,
    TAO,
    add_dynamic_subnet,
    dispatch,
    new_state,
)


def test_update_registration_prices_decays_burn_and_resets_block_counter() -> None:
    ext = new_state(block=2)
    add_dynamic_subnet(ext)
    assert dispatch(ext, COLD, "burned_register", netuid=1, hotkey=HOT).ok
    burn = st.Burn.get(ext, 1)
    update_registration_prices_for_networks(ext)
    assert st.Burn.get(ext, 1) == burn * decay_factor_q32(360) >> 32
    assert st.RegistrationsThisBlock.get(ext, 1) == 0


def test_update_registration_prices_at_block_one_only_clamps() -> None:
    ext = new_state(block=1)
    add_dynamic_subnet(ext)
    st.MaxBurn.insert(ext, 1, TAO // 2)
    update_registration_prices_for_networks(ext)
    assert st.Burn.get(ext, 1) == TAO // 2


def test_update_registration_prices_never_below_min_burn() -> None:
    ext = new_state(block=5)
    add_dynamic_subnet(ext)
    st.Burn.insert(ext, 1, 500_000)
    update_registration_prices_for_networks(ext)
    assert st.Burn.get(ext, 1) == 500_000


def test_update_registration_prices_resets_root_interval_on_root_epoch() -> None:
    ext = new_state(block=100)
    st.NetworksAdded.insert(ext, 0, True)
    st.Tempo.insert(ext, 0, 100)
    st.RegistrationsThisInterval.insert(ext, 0, 3)
    system.Number.insert(ext, 99)
    update_registration_prices_for_networks(ext)
    assert st.RegistrationsThisInterval.get(ext, 0) == 3
    system.Number.insert(ext, 100)
    update_registration_prices_for_networks(ext)
    assert st.RegistrationsThisInterval.get(ext, 0) == 0
