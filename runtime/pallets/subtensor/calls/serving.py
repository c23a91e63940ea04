"""SubtensorModule serving calls: ``serve_axon`` (4), ``serve_prometheus`` (5) and
``serve_axon_tls`` (40), spec/subtensor.md §5.4 and §6.1.

Reference: ``subnets/serving.rs`` (``do_serve_axon``, ``do_serve_prometheus`` and their
validators) and ``macros/dispatches.rs`` (arguments, weights, ``Pays::No``) at subtensor 14bc6f9.
"""

from __future__ import annotations

from typing import Any

from runtime.frame.dispatch import Origin, Pays, ensure_signed
from runtime.frame.system import deposit_event
from runtime.pallets.subtensor import errors, events
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.calls import common
from runtime.pallets.subtensor.calls.weights import db_weight
from runtime.pallets.subtensor.pallet import CALL_INDICES, subtensor
from runtime.pallets.subtensor.types import NetUid
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import U8, U16, U32, U128, Bytes

SERVE_AXON_WEIGHT = db_weight(31_278_000, 4178, 3, 1)
SERVE_PROMETHEUS_WEIGHT = db_weight(29_294_000, 4277, 3, 1)
SERVE_AXON_TLS_WEIGHT = db_weight(30_617_000, 4149, 3, 1)

IPV4_LOCALHOST = 0x7F00_0001
IPV6_LOCALHOST = 1
U32_MAX = (1 << 32) - 1
U128_MAX = (1 << 128) - 1
MAX_CERTIFICATE_LEN = 65
"""A certificate is one algorithm byte and a public key of at most 64 bytes."""

_ENDPOINT_ARGS = [
    ("netuid", NetUid, "NetUid"),
    ("version", U32, "u32"),
    ("ip", U128, "u128"),
    ("port", U16, "u16"),
    ("ip_type", U8, "u8"),
]
_AXON_ARGS = [*_ENDPOINT_ARGS, ("protocol", U8, "u8"), ("placeholder1", U8, "u8"),
              ("placeholder2", U8, "u8")]


def is_valid_ip_type(ip_type: int) -> bool:
    """``is_valid_ip_type``: 4 or 6."""
    return ip_type in (4, 6)


def is_valid_ip_address(ip_type: int, ip: int, allow_zero: bool) -> bool:
    """``is_valid_ip_address``: 0 only when allowed; IPv4 below u32::MAX and not 127.0.0.1;
    IPv6 not all-ones and not ::1."""
    if not allow_zero and ip == 0:
        return False
    if ip_type == 4 and (ip >= U32_MAX or ip == IPV4_LOCALHOST):
        return False
    return not (ip_type == 6 and ip in (U128_MAX, IPV6_LOCALHOST))


def passes_serving_rate_limit(ext: Externalities, netuid: int, last_served: int) -> bool:
    """``axon_passes_rate_limit`` / ``prometheus_passes_rate_limit``: no limit (0), never
    served (block 0), or at least ``ServingRateLimit`` blocks since."""
    limit = int(st.ServingRateLimit.get(ext, netuid))
    now = common.current_block(ext)
    return limit == 0 or last_served == 0 or max(now - last_served, 0) >= limit


def _served_block(info: Any) -> int:
    return 0 if info is None else int(info.block)


def do_serve_axon(ext: Externalities, origin: Origin, args: dict[str, Any],
                  certificate: bytes | None) -> None:
    """``do_serve_axon`` (spec §5.4): validate, then store the axon (and certificate).

    Origin: signed by the hotkey.
    Checks, in order: hotkey registered on ``netuid`` (HotKeyNotRegisteredInNetwork); ip_type
    4 or 6 (InvalidIpType); address valid, 0 allowed (InvalidIpAddress); serving rate limit
    (ServingRateLimitExceeded); port ≠ 0 (InvalidPort).
    Effects: a certificate of 1–65 bytes is stored as ``NeuronCertificates[netuid][hotkey]``
    (algorithm = first byte, public key = the rest; other lengths are ignored);
    ``Axons[netuid][hotkey]`` := AxonInfo with block = now.
    Events: ``AxonServed(netuid, hotkey)``.
    """
    hotkey = ensure_signed(origin)
    netuid = args["netuid"]
    if common.uid_of(ext, netuid, hotkey) is None:
        raise errors.HotKeyNotRegisteredInNetwork()
    if not is_valid_ip_type(args["ip_type"]):
        raise errors.InvalidIpType()
    if not is_valid_ip_address(args["ip_type"], args["ip"], allow_zero=True):
        raise errors.InvalidIpAddress()
    if not passes_serving_rate_limit(ext, netuid, _served_block(st.Axons.get(ext, netuid,
                                                                             hotkey))):
        raise errors.ServingRateLimitExceeded()
    if args["port"] == 0:
        raise errors.InvalidPort()
    if certificate is not None and 1 <= len(certificate) <= MAX_CERTIFICATE_LEN:
        st.NeuronCertificates.insert(ext, netuid, hotkey, {
            "public_key": bytes(certificate[1:]), "algorithm": certificate[0]})
    st.Axons.insert(ext, netuid, hotkey, {
        "block": common.current_block(ext), "version": args["version"], "ip": args["ip"],
        "port": args["port"], "ip_type": args["ip_type"], "protocol": args["protocol"],
        "placeholder1": args["placeholder1"], "placeholder2": args["placeholder2"]})
    deposit_event(ext, events.AxonServed(netuid, hotkey))


@subtensor.call(CALL_INDICES["serve_axon"], _AXON_ARGS, weight=SERVE_AXON_WEIGHT,
                pays_fee=Pays.No)
def serve_axon(ext: Externalities, origin: Origin, netuid: int, version: int, ip: int,
               port: int, ip_type: int, protocol: int, placeholder1: int,
               placeholder2: int) -> None:
    """Publish the caller's axon endpoint on ``netuid`` (spec §5.4, §6.1).

    Origin: signed by the hotkey.
    Checks, effects and events: :func:`do_serve_axon` without a certificate.
    Errors: HotKeyNotRegisteredInNetwork, InvalidIpType, InvalidIpAddress,
    ServingRateLimitExceeded, InvalidPort; BadOrigin for unsigned origins.
    """
    do_serve_axon(ext, origin, {
        "netuid": netuid, "version": version, "ip": ip, "port": port, "ip_type": ip_type,
        "protocol": protocol, "placeholder1": placeholder1, "placeholder2": placeholder2}, None)


@subtensor.call(CALL_INDICES["serve_axon_tls"], [*_AXON_ARGS, ("certificate", Bytes, "Vec<u8>")],
                weight=SERVE_AXON_TLS_WEIGHT, pays_fee=Pays.No)
def serve_axon_tls(ext: Externalities, origin: Origin, netuid: int, version: int, ip: int,
                   port: int, ip_type: int, protocol: int, placeholder1: int,
                   placeholder2: int, certificate: bytes) -> None:
    """Publish the caller's axon endpoint and TLS certificate on ``netuid`` (spec §5.4).

    Origin: signed by the hotkey.
    Checks, effects and events: :func:`do_serve_axon` with the certificate (stored only when
    it is 1–65 bytes long; the axon is served either way).
    Errors: those of :func:`serve_axon`.
    """
    do_serve_axon(ext, origin, {
        "netuid": netuid, "version": version, "ip": ip, "port": port, "ip_type": ip_type,
        "protocol": protocol, "placeholder1": placeholder1, "placeholder2": placeholder2},
        bytes(certificate))


@subtensor.call(CALL_INDICES["serve_prometheus"], _ENDPOINT_ARGS,
                weight=SERVE_PROMETHEUS_WEIGHT, pays_fee=Pays.No)
def serve_prometheus(ext: Externalities, origin: Origin, netuid: int, version: int, ip: int,
                     port: int, ip_type: int) -> None:
    """Publish the caller's Prometheus endpoint on ``netuid`` (spec §5.4, §6.1).

    Origin: signed by the hotkey.
    Checks, in order: ip_type 4 or 6 (InvalidIpType); address valid and ≠ 0
    (InvalidIpAddress); hotkey registered (HotKeyNotRegisteredInNetwork); serving rate limit
    (ServingRateLimitExceeded); port ≠ 0 (InvalidPort).
    Effects: ``Prometheus[netuid][hotkey]`` := PrometheusInfo with block = now.
    Events: ``PrometheusServed(netuid, hotkey)``.
    Errors: the above; BadOrigin for unsigned origins.
    """
    hotkey = ensure_signed(origin)
    if not is_valid_ip_type(ip_type):
        raise errors.InvalidIpType()
    if not is_valid_ip_address(ip_type, ip, allow_zero=False):
        raise errors.InvalidIpAddress()
    if common.uid_of(ext, netuid, hotkey) is None:
        raise errors.HotKeyNotRegisteredInNetwork()
    previous = st.Prometheus.get(ext, netuid, hotkey)
    if not passes_serving_rate_limit(ext, netuid, _served_block(previous)):
        raise errors.ServingRateLimitExceeded()
    if port == 0:
        raise errors.InvalidPort()
    st.Prometheus.insert(ext, netuid, hotkey, {
        "block": common.current_block(ext), "version": version, "ip": ip, "port": port,
        "ip_type": ip_type})
    deposit_event(ext, events.PrometheusServed(netuid, hotkey))
