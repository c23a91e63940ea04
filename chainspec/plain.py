"""Plain (human-readable) chain specs: a runtime genesis config that builds the genesis storage.

Accepted shapes of the ``genesis`` field, as Substrate's chain-spec crate writes them:

- modern: ``{"runtimeGenesis": {"patch": {...}}}`` (a patch over the runtime's default config)
  or ``{"runtimeGenesis": {"config": {...}}}`` (the full config), optionally with
  ``"code": "0x…"`` beside it;
- older: ``{"runtime": {...}}`` (the config directly; ``system.code`` may hold the code).

The config itself is parsed by :class:`runtime.genesis_config.GenesisConfig`; errors name the
JSON path of the offending value (:class:`InvalidPlainSpecError`). :meth:`PlainChainSpec.to_raw`
builds the storage with the Python runtime's pallets — the code blob, when present, is stored
under ``:code`` as Substrate does, though this node never executes it.
:func:`load_chain_spec` reads either form from a file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chainspec.dev import DEV_FIELDS
from chainspec.errors import ChainSpecError
from chainspec.raw import RawChainSpec, parse_hex
from runtime.genesis_config import (
    GenesisConfig,
    GenesisConfigParseError,
    build_genesis_config,
    dev_genesis_config,
)
from runtime.node_runtime import NodeRuntime, node_runtime
from runtime.pallets.aura.pallet import AuraError
from runtime.pallets.grandpa.pallet import GrandpaError
from storage.overlay import Overlay
from storage.trie import EMPTY_TRIE_ROOT, MemoryNodeStore, Trie

__all__ = [
    "CODE_KEY",
    "InvalidPlainSpecError",
    "PlainChainSpec",
    "dev_plain_spec",
    "load_chain_spec",
    "parse_chain_spec",
]

CODE_KEY = b":code"


class InvalidPlainSpecError(ChainSpecError):
    """A plain spec whose genesis config is malformed; ``where`` is the JSON path."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where


@dataclass(slots=True)
class PlainChainSpec:
    """A plain chain spec: the typed genesis config, an optional code blob, the other fields."""

    config: GenesisConfig
    code: bytes | None = None
    fields: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, spec: object) -> PlainChainSpec:
        """Validate a parsed plain spec; malformed values raise naming their JSON path."""
        if not isinstance(spec, dict):
            raise ChainSpecError("a chain spec is a JSON object")
        genesis = spec.get("genesis")
        if not isinstance(genesis, dict):
            raise ChainSpecError("chain spec has no 'genesis' object")
        config_json, path, code = _locate_config(genesis)
        try:
            config = GenesisConfig.from_json(config_json, path)
        except GenesisConfigParseError as exc:
            raise InvalidPlainSpecError(exc.path, str(exc)[len(exc.path) + 2:]) from exc
        fields = {name: value for name, value in spec.items() if name != "genesis"}
        return cls(config, code, fields)

    def to_json(self) -> dict[str, Any]:
        """The modern plain form: ``genesis.runtimeGenesis.patch`` (and ``code`` if any)."""
        runtime_genesis: dict[str, Any] = {}
        if self.code is not None:
            runtime_genesis["code"] = "0x" + self.code.hex()
        runtime_genesis["patch"] = self.config.to_json()
        return {**self.fields, "genesis": {"runtimeGenesis": runtime_genesis}}

    def dumps(self) -> str:
        """The plain JSON text (two-space indent, trailing newline)."""
        return json.dumps(self.to_json(), indent=2) + "\n"

    def to_raw(self, node: NodeRuntime | None = None) -> RawChainSpec:
        """The raw spec: the storage the runtime's genesis build writes for this config."""
        node = node or node_runtime()
        overlay = Overlay(Trie(MemoryNodeStore(), EMPTY_TRIE_ROOT, node.version.state_version))
        try:
            build_genesis_config(overlay, self.config, node)
        except (ValueError, AuraError, GrandpaError) as exc:
            raise ChainSpecError(f"cannot build the genesis state: {exc}") from exc
        top = {key: value for key, value in overlay.changes() if value is not None}
        if self.code is not None:
            top[CODE_KEY] = self.code
        return RawChainSpec(top, {}, dict(self.fields))


def _code(value: object, path: str) -> bytes:
    try:
        return parse_hex(value, path)
    except ChainSpecError as exc:
        raise InvalidPlainSpecError(path, str(exc)[len(path) + 2:]) from exc


def _locate_config(genesis: dict[str, Any]) -> tuple[object, str, bytes | None]:
    """The config JSON, its path, and the code, in whichever accepted shape ``genesis`` is."""
    if "raw" in genesis:
        raise ChainSpecError("a raw chain spec is not a plain one (genesis.raw)")
    if "runtimeGenesis" in genesis:
        return _modern(genesis["runtimeGenesis"])
    if "runtime" in genesis:
        config = genesis["runtime"]
        code = None
        system = config.get("system") if isinstance(config, dict) else None
        if isinstance(system, dict) and "code" in system:
            code = _code(system["code"], "genesis.runtime.system.code")
            config = {**config, "system": {k: v for k, v in system.items() if k != "code"}}
        return config, "genesis.runtime", code
    found = ", ".join(sorted(genesis)) or "nothing"
    raise ChainSpecError(f"genesis holds {found}: expected runtimeGenesis, runtime or raw")


def _modern(runtime_genesis: object) -> tuple[object, str, bytes | None]:
    path = "genesis.runtimeGenesis"
    if not isinstance(runtime_genesis, dict):
        raise InvalidPlainSpecError(path, "expected a JSON object")
    unknown = sorted(set(runtime_genesis) - {"code", "patch", "config"})
    if unknown:
        raise InvalidPlainSpecError(f"{path}.{unknown[0]}", "unknown field")
    kinds = [k for k in ("patch", "config") if k in runtime_genesis]
    if len(kinds) != 1:
        raise InvalidPlainSpecError(path, "expected exactly one of 'patch' or 'config'")
    code = runtime_genesis.get("code")
    code_bytes = None if code is None else _code(code, f"{path}.code")
    return runtime_genesis[kinds[0]], f"{path}.{kinds[0]}", code_bytes


def parse_chain_spec(spec: object) -> RawChainSpec | PlainChainSpec:
    """A parsed spec as raw (``genesis.raw``) or plain (any other accepted genesis shape)."""
    if isinstance(spec, dict) and isinstance(spec.get("genesis"), dict) \
            and "raw" in spec["genesis"]:
        return RawChainSpec.from_json(spec)
    return PlainChainSpec.from_json(spec)


def load_chain_spec(path: str | Path) -> RawChainSpec | PlainChainSpec:
    """Read a chain spec file in either form."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ChainSpecError(f"cannot read chain spec {path}: {exc}") from exc
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ChainSpecError(
            f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from exc
    return parse_chain_spec(parsed)


def dev_plain_spec() -> PlainChainSpec:
    """The dev chain as a plain spec: Alice..Ferdie funded, Alice sudo and authority."""
    return PlainChainSpec(dev_genesis_config(), None, dict(DEV_FIELDS))
