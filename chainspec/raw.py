"""Raw chain specs: the JSON form whose genesis is a key/value map of the initial storage.

Shape (Substrate's ``--raw`` output)::

    {"name": ..., "id": ..., "chainType": ..., "bootNodes": [...], "telemetryEndpoints": ...,
     "protocolId": ..., "properties": {...}, "codeSubstitutes": {...},
     "genesis": {"raw": {"top": {"0x<key>": "0x<value>", ...},
                         "childrenDefault": {"0x<child key>": {"0x<key>": "0x<value>"}}}}}

``childrenDefault`` is keyed by the child trie's own key (without ``:child_storage:default:``).
Keys and values are hex strings, ``0x`` optional as in Substrate's decoder. Loading validates every
entry and names the offending one; :meth:`RawChainSpec.to_json` writes the normalised form:
lowercase ``0x`` hex, keys sorted, every non-genesis field kept as given and in its order.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chainspec.errors import ChainSpecError, InvalidRawSpecError
from storage.trie import CHILD_STORAGE_DEFAULT_PREFIX

__all__ = ["DEFAULT_FIELDS", "RawChainSpec", "parse_hex"]

_HEX = re.compile(r"[0-9a-fA-F]*")
_CHILD_STORAGE_PREFIX = b":child_storage:"

DEFAULT_FIELDS: dict[str, Any] = {
    "name": "tensorchain export",
    "id": "tensorchain_export",
    "chainType": "Live",
    "bootNodes": [],
    "telemetryEndpoints": None,
    "protocolId": None,
    "properties": None,
    "codeSubstitutes": {},
}


def parse_hex(text: object, where: str) -> bytes:
    """The bytes of a hex string (``0x`` optional); anything else raises naming ``where``."""
    if not isinstance(text, str):
        raise InvalidRawSpecError(where, f"expected a hex string, got {type(text).__name__}")
    digits = text[2:] if text[:2] in ("0x", "0X") else text
    if len(digits) % 2:
        raise InvalidRawSpecError(where, f"odd number of hex digits ({len(digits)})")
    if not _HEX.fullmatch(digits):
        bad = next(ch for ch in digits if ch not in "0123456789abcdefABCDEF")
        raise InvalidRawSpecError(where, f"not hex: character {bad!r}")
    return bytes.fromhex(digits)


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "..."


def _parse_map(raw: object, where: str) -> dict[bytes, bytes]:
    if not isinstance(raw, dict):
        raise ChainSpecError(f"{where} must be a JSON object of hex keys to hex values")
    out: dict[bytes, bytes] = {}
    for key_text, value_text in raw.items():
        key = parse_hex(key_text, f"{where} key {_short(key_text)!r}")
        out[key] = parse_hex(value_text, f"{where} value of key {_short(key_text)!r}")
    return out


def _hex(data: bytes) -> str:
    return "0x" + data.hex()


@dataclass(slots=True)
class RawChainSpec:
    """A raw chain spec: genesis storage (top and default child tries) plus its other fields."""

    top: dict[bytes, bytes]
    children_default: dict[bytes, dict[bytes, bytes]] = field(default_factory=dict)
    fields: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_FIELDS))

    @classmethod
    def from_json(cls, spec: object) -> RawChainSpec:
        """Validate a parsed raw spec; malformed entries raise naming the entry."""
        if not isinstance(spec, dict):
            raise ChainSpecError("a chain spec is a JSON object")
        genesis = spec.get("genesis")
        if not isinstance(genesis, dict):
            raise ChainSpecError("chain spec has no 'genesis' object")
        raw = genesis.get("raw")
        if not isinstance(raw, dict):
            found = ", ".join(sorted(genesis)) or "nothing"
            raise ChainSpecError(
                f"not a raw chain spec: 'genesis' holds {found}, not 'raw' (a plain spec needs "
                "its runtime to build the storage; convert it to raw first)")
        top = _parse_map(raw.get("top"), "genesis.raw.top")
        for key in top:
            if key.startswith(_CHILD_STORAGE_PREFIX):
                raise InvalidRawSpecError(
                    f"genesis.raw.top key {_hex(key)!r}",
                    "child-trie keys belong in genesis.raw.childrenDefault")
        children_raw = raw.get("childrenDefault", {})
        if not isinstance(children_raw, dict):
            raise ChainSpecError("genesis.raw.childrenDefault must be a JSON object")
        children = {}
        for child_text, child_map in children_raw.items():
            child_key = parse_hex(child_text, f"genesis.raw.childrenDefault key {child_text!r}")
            children[child_key] = _parse_map(
                child_map, f"genesis.raw.childrenDefault[{_short(child_text)!r}]")
        fields = {name: value for name, value in spec.items() if name != "genesis"}
        return cls(top, children, fields)

    @classmethod
    def loads(cls, text: str, source: str = "<string>") -> RawChainSpec:
        """Parse and validate raw-spec JSON text."""
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ChainSpecError(
                f"{source}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
            ) from exc
        return cls.from_json(parsed)

    @classmethod
    def load(cls, path: str | Path) -> RawChainSpec:
        """Read and validate a raw chain spec file."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ChainSpecError(f"cannot read chain spec {path}: {exc}") from exc
        return cls.loads(text, str(path))

    def to_json(self) -> dict[str, Any]:
        """The normalised JSON object (lowercase 0x hex, sorted keys, other fields kept)."""
        out = dict(self.fields)
        out["genesis"] = {"raw": {
            "top": {_hex(k): _hex(v) for k, v in sorted(self.top.items())},
            "childrenDefault": {
                _hex(child): {_hex(k): _hex(v) for k, v in sorted(items.items())}
                for child, items in sorted(self.children_default.items())},
        }}
        return out

    def dumps(self) -> str:
        """The normalised JSON text (two-space indent, trailing newline)."""
        return json.dumps(self.to_json(), indent=2) + "\n"

    def top_with_child_roots(self, child_roots: Mapping[bytes, bytes]) -> dict[bytes, bytes]:
        """The top storage plus the ``:child_storage:default:`` entries of non-empty children."""
        top = dict(self.top)
        for child_key, root in child_roots.items():
            top[CHILD_STORAGE_DEFAULT_PREFIX + child_key] = root
        return top
