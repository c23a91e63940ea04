"""SubtensorModule.serve_axon / serve_axon_tls / serve_prometheus (spec §5.4)."""

from __future__ import annotations

from typing import Any

import pytest

from runtime.frame.dispatch import UNSIGNED, DispatchError, Pays
from runtime.pallets.subtensor import errors, events
from runtime.pallets.subtensor import storage as st
from tests.unit.subtensor_calls.helpers import (
    NETUID,
    call,
    deposited,
    hotkey,
    set_block,
    snapshot,
    subnet_with_neurons,
)

IP = 0x0A00_0001  # 10.0.0.1
AXON = {"netuid": NETUID, "version": 7, "ip": IP, "port": 8091, "ip_type": 4, "protocol": 0,
        "placeholder1": 0, "placeholder2": 0}
PROMETHEUS = {"netuid": NETUID, "version": 7, "ip": IP, "port": 9090, "ip_type": 4}


def _fails_untouched(ext: Any, error: Any, name: str, who: Any = None, **args: Any) -> None:
    before = snapshot(ext)
    base = PROMETHEUS if name == "serve_prometheus" else AXON
    outcome = call(ext, hotkey(0) if who is None else who, name, **(base | args))
    assert outcome.error == (error if isinstance(error, DispatchError) else error())
    assert snapshot(ext) == before


def test_serve_axon_valid_stores_axon_info() -> None:
    ext = subnet_with_neurons(1)
    outcome = call(ext, hotkey(0), "serve_axon", **AXON)
    assert outcome.ok and outcome.info.pays_fee == Pays.No
    stored = st.Axons.get(ext, NETUID, hotkey(0))
    assert stored._asdict() == {**{k: v for k, v in AXON.items() if k != "netuid"},
                                "block": 1000}
    assert deposited(ext, events.AxonServed(NETUID, hotkey(0)))
    assert st.NeuronCertificates.get(ext, NETUID, hotkey(0)) is None


def test_serve_axon_unsigned_origin_fails() -> None:
    _fails_untouched(subnet_with_neurons(1), DispatchError.bad_origin(), "serve_axon",
                     who=UNSIGNED)


def test_serve_axon_unregistered_hotkey_fails() -> None:
    _fails_untouched(subnet_with_neurons(1), errors.HotKeyNotRegisteredInNetwork, "serve_axon",
                     who=hotkey(5))


def test_serve_axon_bad_ip_type_fails() -> None:
    _fails_untouched(subnet_with_neurons(1), errors.InvalidIpType, "serve_axon", ip_type=5)


@pytest.mark.parametrize("ip_type, ip", [
    (4, 0x7F00_0001),          # 127.0.0.1
    (4, (1 << 32) - 1),        # u32::MAX is out of range
    (4, 1 << 40),
    (6, 1),                    # ::1
    (6, (1 << 128) - 1),       # all ones
])
def test_serve_axon_invalid_ip_address_fails(ip_type: int, ip: int) -> None:
    _fails_untouched(subnet_with_neurons(1), errors.InvalidIpAddress, "serve_axon",
                     ip_type=ip_type, ip=ip)


@pytest.mark.parametrize("ip_type, ip", [(4, 0), (6, 0), (6, 0x2001_0DB8 << 96)])
def test_serve_axon_zero_or_public_ip_succeeds(ip_type: int, ip: int) -> None:
    ext = subnet_with_neurons(1)
    assert call(ext, hotkey(0), "serve_axon", **(AXON | {"ip_type": ip_type, "ip": ip})).ok
    assert st.Axons.get(ext, NETUID, hotkey(0)).ip == ip


def test_serve_axon_rate_limit_exceeded_fails() -> None:
    ext = subnet_with_neurons(1)
    st.ServingRateLimit.insert(ext, NETUID, 50)
    assert call(ext, hotkey(0), "serve_axon", **AXON).ok
    set_block(ext, 1049)
    _fails_untouched(ext, errors.ServingRateLimitExceeded, "serve_axon", port=1)
    set_block(ext, 1050)
    assert call(ext, hotkey(0), "serve_axon", **(AXON | {"port": 1})).ok
    assert st.Axons.get(ext, NETUID, hotkey(0)).block == 1050


def test_serve_axon_rate_limit_zero_allows_same_block_succeeds() -> None:
    ext = subnet_with_neurons(1)
    st.ServingRateLimit.insert(ext, NETUID, 0)
    assert call(ext, hotkey(0), "serve_axon", **AXON).ok
    assert call(ext, hotkey(0), "serve_axon", **(AXON | {"port": 2})).ok


def test_serve_axon_port_zero_fails() -> None:
    _fails_untouched(subnet_with_neurons(1), errors.InvalidPort, "serve_axon", port=0)


def test_serve_axon_tls_stores_certificate() -> None:
    ext = subnet_with_neurons(1)
    certificate = bytes([1]) + b"k" * 64
    assert call(ext, hotkey(0), "serve_axon_tls", **AXON, certificate=certificate).ok
    stored = st.NeuronCertificates.get(ext, NETUID, hotkey(0))
    assert (stored.algorithm, stored.public_key) == (1, b"k" * 64)
    assert st.Axons.get(ext, NETUID, hotkey(0)) is not None


@pytest.mark.parametrize("certificate", [b"", bytes([1]) + b"k" * 65])
def test_serve_axon_tls_bad_certificate_is_ignored_axon_served(certificate: bytes) -> None:
    ext = subnet_with_neurons(1)
    assert call(ext, hotkey(0), "serve_axon_tls", **AXON, certificate=certificate).ok
    assert st.NeuronCertificates.get(ext, NETUID, hotkey(0)) is None
    assert st.Axons.get(ext, NETUID, hotkey(0)) is not None


def test_serve_axon_tls_port_zero_fails() -> None:
    ext = subnet_with_neurons(1)
    before = snapshot(ext)
    outcome = call(ext, hotkey(0), "serve_axon_tls", **(AXON | {"port": 0}), certificate=b"\x01k")
    assert outcome.error == errors.InvalidPort()
    assert snapshot(ext) == before


def test_serve_prometheus_valid_stores_info() -> None:
    ext = subnet_with_neurons(1)
    assert call(ext, hotkey(0), "serve_prometheus", **PROMETHEUS).ok
    stored = st.Prometheus.get(ext, NETUID, hotkey(0))
    assert (stored.block, stored.ip, stored.port, stored.ip_type) == (1000, IP, 9090, 4)
    assert deposited(ext, events.PrometheusServed(NETUID, hotkey(0)))


def test_serve_prometheus_bad_ip_type_checked_before_registration_fails() -> None:
    _fails_untouched(subnet_with_neurons(1), errors.InvalidIpType, "serve_prometheus",
                     who=hotkey(5), ip_type=0)


def test_serve_prometheus_zero_ip_fails() -> None:
    _fails_untouched(subnet_with_neurons(1), errors.InvalidIpAddress, "serve_prometheus", ip=0)


def test_serve_prometheus_unregistered_hotkey_fails() -> None:
    _fails_untouched(subnet_with_neurons(1), errors.HotKeyNotRegisteredInNetwork,
                     "serve_prometheus", who=hotkey(5))


def test_serve_prometheus_rate_limit_exceeded_fails() -> None:
    ext = subnet_with_neurons(1)
    st.ServingRateLimit.insert(ext, NETUID, 50)
    assert call(ext, hotkey(0), "serve_prometheus", **PROMETHEUS).ok
    set_block(ext, 1010)
    _fails_untouched(ext, errors.ServingRateLimitExceeded, "serve_prometheus")


def test_serve_prometheus_port_zero_fails() -> None:
    _fails_untouched(subnet_with_neurons(1), errors.InvalidPort, "serve_prometheus", port=0)
