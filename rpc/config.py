"""Operator options of the RPC server, with Substrate's flag names, semantics and defaults.

=============================================  ===============================================
Substrate flag                                 :class:`RpcConfig` field (default)
=============================================  ===============================================
``--rpc-port``                                 ``port`` (9944)
``--rpc-external`` / ``--unsafe-rpc-external``  ``host`` ("127.0.0.1"; external: "0.0.0.0")
``--rpc-max-request-size`` (MB)                ``max_request_size_mb`` (15)
``--rpc-max-response-size`` (MB)               ``max_response_size_mb`` (15)
``--rpc-max-connections``                      ``max_connections`` (100)
``--rpc-max-subscriptions-per-connection``     ``max_subscriptions_per_connection`` (1024)
``--rpc-message-buffer-capacity-per-connection``  ``message_buffer_capacity`` (64)
``--rpc-max-batch-request-len``                ``max_batch_len`` (None: unlimited)
``--rpc-disable-batch-requests``               ``batch_requests`` (True)
``--rpc-methods safe|unsafe|auto``             ``rpc_methods`` (auto)
``--rpc-cors all|<origin>,<origin>``           ``cors`` (local origins; all with ``--dev``)
=============================================  ===============================================

``rpc_methods=auto`` allows unsafe methods only when the server is bound to a loopback address,
as Substrate's ``deny_unsafe`` does. A megabyte is 1024 * 1024 bytes, as in Substrate.
"""

from __future__ import annotations

import enum
import ipaddress
from dataclasses import dataclass

MEGABYTE = 1024 * 1024

# Substrate's CORS allow-list when ``--rpc-cors`` is not given on a non-dev chain.
DEFAULT_CORS: tuple[str, ...] = (
    "http://localhost:*",
    "http://127.0.0.1:*",
    "http://[::1]:*",
    "https://localhost:*",
    "https://127.0.0.1:*",
    "https://[::1]:*",
    "https://polkadot.js.org",
)


class RpcMethodsMode(enum.Enum):
    """Which methods are callable: Substrate's ``--rpc-methods`` values."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    AUTO = "auto"


@dataclass(frozen=True, slots=True)
class RpcConfig:
    """Limits and exposure of one RPC server. ``cors=None`` means every origin is allowed."""

    host: str = "127.0.0.1"
    port: int = 9944
    max_request_size_mb: int = 15
    max_response_size_mb: int = 15
    max_connections: int = 100
    max_subscriptions_per_connection: int = 1024
    message_buffer_capacity: int = 64
    max_send_queue: int = 1024
    max_batch_len: int | None = None
    batch_requests: bool = True
    rpc_methods: RpcMethodsMode = RpcMethodsMode.AUTO
    cors: tuple[str, ...] | None = DEFAULT_CORS
    ws_heartbeat_seconds: float | None = 30.0
    shutdown_timeout_seconds: float = 2.0

    def __post_init__(self) -> None:
        positive = ("max_request_size_mb", "max_response_size_mb", "max_connections",
                    "max_subscriptions_per_connection", "message_buffer_capacity")
        for name in positive:
            if getattr(self, name) < 1:
                raise ValueError(f"RpcConfig.{name} must be at least 1")
        if not 0 <= self.port <= 65535:
            raise ValueError(f"RpcConfig.port must be in 0..65535, got {self.port}")
        if self.max_batch_len is not None and self.max_batch_len < 1:
            raise ValueError("RpcConfig.max_batch_len must be at least 1 (or None)")
        if self.max_send_queue <= self.message_buffer_capacity:
            raise ValueError("RpcConfig.max_send_queue must exceed message_buffer_capacity")

    @property
    def max_request_bytes(self) -> int:
        """The request body limit in bytes."""
        return self.max_request_size_mb * MEGABYTE

    @property
    def max_response_bytes(self) -> int:
        """The response limit in bytes (per response, and per batch response)."""
        return self.max_response_size_mb * MEGABYTE

    def allows_unsafe(self, bound_host: str | None = None) -> bool:
        """Whether unsafe methods may be called on a server bound to ``bound_host``."""
        if self.rpc_methods is RpcMethodsMode.UNSAFE:
            return True
        if self.rpc_methods is RpcMethodsMode.SAFE:
            return False
        return is_loopback(bound_host if bound_host is not None else self.host)

    def allows_origin(self, origin: str) -> bool:
        """Whether a browser request from ``origin`` may be served."""
        if self.cors is None:
            return True
        return any(origin_matches(pattern, origin) for pattern in self.cors)

    @classmethod
    def from_flags(cls, *, rpc_port: int | None = None, rpc_external: bool = False,
                   rpc_cors: str | None = None, rpc_methods: str = "auto", dev: bool = False,
                   **limits: int | bool | None) -> RpcConfig:
        """Build a config the way Substrate's CLI does from its ``--rpc-*`` flags.

        ``rpc_cors`` is ``"all"``/``"*"`` or a comma-separated origin list; when absent, dev
        chains allow every origin and other chains the local ones. ``limits`` are other fields
        (``max_connections=…``) passed through unchanged.
        """
        default_cors = None if dev else DEFAULT_CORS
        cors = parse_cors(rpc_cors) if rpc_cors is not None else default_cors
        try:
            mode = RpcMethodsMode(rpc_methods.lower())
        except ValueError:
            message = f"--rpc-methods must be safe, unsafe or auto, got {rpc_methods!r}"
            raise ValueError(message) from None
        return cls(host="0.0.0.0" if rpc_external else "127.0.0.1",
                   port=9944 if rpc_port is None else rpc_port,
                   rpc_methods=mode, cors=cors, **limits)  # type: ignore[arg-type]


def parse_cors(value: str) -> tuple[str, ...] | None:
    """Parse a ``--rpc-cors`` value: ``all`` or ``*`` gives ``None`` (any origin)."""
    origins = tuple(part.strip() for part in value.split(",") if part.strip())
    if not origins:
        raise ValueError("--rpc-cors needs 'all' or at least one origin")
    if any(origin.lower() in ("all", "*") for origin in origins):
        return None
    return origins


def origin_matches(pattern: str, origin: str) -> bool:
    """Match an Origin header against an allow-list entry; ``host:*`` allows any port."""
    if pattern == "*" or pattern == origin:
        return True
    if pattern.endswith(":*"):
        stem = pattern[:-2]
        if origin == stem:
            return True
        if origin.startswith(stem + ":"):
            return origin[len(stem) + 1:].isdigit()
    return False


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
