"""The node's configuration: one frozen :class:`NodeConfig`, parsed once from the command line.

Every part of the service reads its options from here and nowhere else (no environment look-ups
deep in the code). :meth:`NodeConfig.for_dev` turns the ``tensorchain dev`` flags into a config,
raising :class:`ConfigError` with the flag's name for a bad value.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from consensus.errors import InvalidSealingPolicy
from consensus.sealing import SealingPolicy
from rpc.config import RpcConfig

DEFAULT_DEV_SEALING = "250"
"""Blocks every 250 ms, like subtensor's fast-runtime localnet: clients that wait for blocks or
epochs (and readiness checks looking for ``Imported #1``) work without extra flags; ``instant``
and ``manual`` are one flag away."""


class ConfigError(ValueError):
    """A command-line value the node cannot run with; the message names the flag."""


class LogFormat(Enum):
    """How log lines are rendered: ``pretty`` (colours on a TTY) or one JSON object a line."""

    PRETTY = "pretty"
    JSON = "json"
    AUTO = "auto"


@dataclass(frozen=True, slots=True)
class NodeConfig:
    """Everything a node service needs to start.

    ``base_path=None`` keeps the chain in memory (a fresh chain every run); a directory keeps it
    in LevelDB under ``<base_path>/chains/<chain_id>/db``. ``fast_blocks`` selects subtensor's fast
    runtime timings (250 ms slots), ``False`` the production ones, ``None`` leaves the process's
    setting alone; ``prometheus_port=None`` disables the exporter.
    """

    rpc: RpcConfig
    sealing: SealingPolicy
    base_path: Path | None = None
    config_out: Path | None = None
    prometheus_port: int | None = None
    log_format: LogFormat = LogFormat.AUTO
    log_level: str = "info"
    fast_blocks: bool | None = True
    chain_name: str = "Development"
    node_name: str = "tensorchain-dev"
    chain_id: str = "dev"

    @property
    def db_path(self) -> Path | None:
        """The LevelDB directory, or None for an in-memory chain."""
        if self.base_path is None:
            return None
        return self.base_path / "chains" / self.chain_id / "db"

    @classmethod
    def for_dev(cls, *, rpc_port: int = 9944, sealing: str = DEFAULT_DEV_SEALING,
                base_path: str | None = None, config_out: str | None = None,
                rpc_external: bool = False, rpc_cors: str | None = None,
                rpc_methods: str = "auto", prometheus_port: int | None = None,
                log_format: str = "auto", log_level: str = "info") -> NodeConfig:
        """The config of ``tensorchain dev`` from its flags (Substrate's ``--dev`` defaults:
        every CORS origin allowed unless ``--rpc-cors`` says otherwise)."""
        try:
            rpc = RpcConfig.from_flags(rpc_port=rpc_port, rpc_external=rpc_external,
                                       rpc_cors=rpc_cors, rpc_methods=rpc_methods, dev=True)
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
        try:
            policy = SealingPolicy.parse(sealing)
        except InvalidSealingPolicy as exc:
            raise ConfigError(str(exc)) from None
        try:
            fmt = LogFormat(log_format.lower())
        except ValueError:
            raise ConfigError(f"--log-format must be pretty, json or auto, "
                              f"got {log_format!r}") from None
        if prometheus_port is not None and not 0 <= prometheus_port <= 65535:
            raise ConfigError(f"--prometheus-port must be in 0..65535, got {prometheus_port}")
        return cls(rpc=rpc, sealing=policy,
                   base_path=None if base_path is None else Path(base_path),
                   config_out=None if config_out is None else Path(config_out),
                   prometheus_port=prometheus_port, log_format=fmt, log_level=log_level)
