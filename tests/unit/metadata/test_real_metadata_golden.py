"""Golden check against real subtensor metadata (opt-in, slow; nothing is fetched or stored).

Point ``TENSORCHAIN_REAL_METADATA_V14`` at a hex dump of real V14 metadata (e.g. bittensor's
``tests/helpers/integration_websocket_metadata.txt``) and/or ``TENSORCHAIN_REAL_METADATA_V15`` at a
hex ``Metadata_metadata_at_version(15)`` response (``integration_websocket_at_version.txt``).
The test decodes it with the clients' scalecodec, rebuilds every type as a description-only SCALE
type object and every pallet/extension/API as our descriptor records, re-encodes with
``encode_metadata_v14``/``v15`` and requires the original bytes: this pins the registry's
depth-first id order and every encoding detail to what Rust's scale-info/frame-metadata emit.
A third check builds the outer enums, the UncheckedExtrinsic pair and the ``Runtime`` marker with
our own builders around the real pallets and still requires the real V15 bytes.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

import pytest

from runtime.metadata import (
    ConstantMetadata,
    ExtrinsicMetadata,
    OuterEnums,
    PalletMetadata,
    RuntimeApiMetadata,
    RuntimeApiMethodMetadata,
    RuntimeMetadataInput,
    SignedExtensionMetadata,
    StorageEntryMetadata,
    build_metadata_input,
    encode_metadata_v14,
    encode_metadata_v15,
    unchecked_extrinsic_type,
)
from runtime.primitives.hashing import StorageHasher
from runtime.primitives.scale import (
    ArrayDef,
    CompactDef,
    CompositeDef,
    DecodeError,
    EncodeError,
    Field,
    PrimitiveDef,
    ScaleType,
    SequenceDef,
    TupleDef,
    TypeDef,
    TypeParam,
    Variant,
    VariantDef,
    decode_compact,
)
from tests.unit.metadata.decoder import body, decode_metadata

pytestmark = pytest.mark.slow


class DescribedType(ScaleType):
    """A type known only by its registry description (no codec: it exists to be re-registered)."""

    def __init__(self, type_id: int, table: dict[int, dict[str, Any]],
                 objects: dict[int, DescribedType], *, by_path: frozenset[str]) -> None:
        entry = table[type_id]
        super().__init__(f"scale_info::{type_id}", min_size=0, path=tuple(entry["path"]),
                         docs=tuple(entry["docs"]))
        self.type_id, self._entry, self._objects = type_id, entry, objects
        self._by_id = not (self.path and self.path[-1] in by_path)

    def link(self) -> None:
        """Resolve the generic parameters once every object exists."""
        self.params = tuple(TypeParam(p["name"], None if p["type"] is None
                                      else self._objects[p["type"]]) for p in self._entry["params"])

    def registry_key(self) -> Any:
        """The original id: the real registry holds structurally equal types with distinct
        ``TypeId``s (two ``BoundedVec<u8, S>``, a transparent ``NetUid`` next to ``u16``), which
        must stay distinct. Types whose last path segment is in ``by_path`` use the standard
        key instead, so that the objects our builders make for those paths stand for them."""
        if self._by_id:
            return ("real", self.type_id)
        return ScaleType.registry_key(self)

    def encode(self, value: Any) -> bytes:
        """Not encodable: a description only."""
        raise EncodeError(self.name, "description-only type")

    def decode_from(self, data: Any, offset: int = 0) -> tuple[Any, int]:
        """Not decodable: a description only."""
        raise DecodeError(self.name, offset, "description-only type")

    def _fields(self, fields: list[dict[str, Any]]) -> tuple[Field, ...]:
        return tuple(Field(f["name"], self._objects[f["type"]], f["typeName"], tuple(f["docs"]))
                     for f in fields)

    def type_def(self) -> TypeDef:
        """The description's definition with references to the other objects."""
        ((kind, spec),) = self._entry["def"].items()
        ref = self._objects
        builders = {
            "composite": lambda: CompositeDef(self._fields(spec["fields"])),
            "variant": lambda: VariantDef(tuple(
                Variant(v["name"], self._fields(v["fields"]), v["index"], tuple(v["docs"]))
                for v in spec["variants"])),
            "sequence": lambda: SequenceDef(ref[spec["type"]]),
            "array": lambda: ArrayDef(spec["len"], ref[spec["type"]]),
            "tuple": lambda: TupleDef(tuple(ref[i] for i in spec)),
            "primitive": lambda: PrimitiveDef(spec),
            "compact": lambda: CompactDef(ref[spec["type"]]),
        }
        return builders[kind]()


def _bytes(value: str) -> bytes:
    """scalecodec shows ``Vec<u8>`` as text when it is UTF-8, else as ``0x`` hex."""
    if value.startswith("0x"):
        try:
            return bytes.fromhex(value[2:])
        except ValueError:
            pass
    return value.encode("utf-8")


def _entry(raw: dict[str, Any], ref: dict[int, DescribedType]) -> StorageEntryMetadata:
    kind = raw["type"]
    if "Plain" in kind:
        hashers, key, value = (), None, ref[kind["Plain"]]
    else:
        spec = kind["Map"]
        hashers = tuple(StorageHasher[h] for h in spec["hashers"])
        key, value = ref[spec["key"]], ref[spec["value"]]
    return StorageEntryMetadata(raw["name"], raw["modifier"], hashers, key, value,
                                _bytes(raw["default"]), tuple(raw["documentation"]))


def _pallet(raw: dict[str, Any], ref: dict[int, DescribedType]) -> PalletMetadata:
    storage = raw["storage"]
    return PalletMetadata(
        raw["name"], raw["index"], storage_prefix=storage["prefix"] if storage else None,
        storage=tuple(_entry(e, ref) for e in storage["entries"]) if storage else (),
        call_type=ref[raw["calls"]["ty"]] if raw["calls"] else None,
        event_type=ref[raw["event"]["ty"]] if raw["event"] else None,
        error_type=ref[raw["error"]["ty"]] if raw["error"] else None,
        constants=tuple(ConstantMetadata(c["name"], ref[c["type"]], _bytes(c["value"]),
                                         tuple(c["documentation"])) for c in raw["constants"]),
        docs=tuple(raw.get("docs", ())))


OUR_BUILDERS = frozenset(("RuntimeCall", "RuntimeEvent", "RuntimeError", "UncheckedExtrinsic",
                          "Runtime"))


def _described(metadata: dict[str, Any], by_path: frozenset[str]) -> dict[int, DescribedType]:
    table = {t["id"]: t["type"] for t in metadata["types"]["types"]}
    ref: dict[int, DescribedType] = {}
    ref.update({i: DescribedType(i, table, ref, by_path=by_path) for i in table})
    for obj in ref.values():
        obj.link()
    return ref


def _extensions(raw_ext: dict[str, Any],
                ref: dict[int, DescribedType]) -> tuple[SignedExtensionMetadata, ...]:
    return tuple(SignedExtensionMetadata(s["identifier"], ref[s["ty"]],
                                         ref[s["additional_signed"]])
                 for s in raw_ext["signed_extensions"])


def _apis(metadata: dict[str, Any],
          ref: dict[int, DescribedType]) -> tuple[RuntimeApiMetadata, ...]:
    return tuple(RuntimeApiMetadata(a["name"], tuple(
        RuntimeApiMethodMetadata(m["name"], tuple((i["name"], ref[i["ty"]]) for i in m["inputs"]),
                                 ref[m["output"]], tuple(m["docs"])) for m in a["methods"]),
        tuple(a["docs"])) for a in metadata.get("apis", ()))


def _rebuild(metadata: dict[str, Any], *, v15: bool) -> RuntimeMetadataInput:
    ref = _described(metadata, frozenset())
    raw_ext = metadata["extrinsic"]
    extensions = _extensions(raw_ext, ref)
    uxt = next(o for o in ref.values()
               if o.path == ("fp_self_contained", "unchecked_extrinsic", "UncheckedExtrinsic"))
    parts = {p.name: p.type for p in uxt.params}
    extrinsic = ExtrinsicMetadata(
        address_type=parts["Address"], call_type=parts["Call"], signature_type=parts["Signature"],
        extensions=extensions, extra_type=parts["Extension"], version=raw_ext["version"],
        type=uxt)
    if v15:
        outer = metadata["outer_enums"]
        enums = OuterEnums(ref[outer["call_enum_ty"]], ref[outer["event_enum_ty"]],
                           ref[outer["error_enum_ty"]])
    else:
        event = next(o for o in ref.values() if o.path[-1:] == ("RuntimeEvent",))
        enums = OuterEnums(parts["Call"], event, event)
    apis = _apis(metadata, ref)
    return RuntimeMetadataInput(tuple(_pallet(p, ref) for p in metadata["pallets"]), extrinsic,
                                ref[metadata["runtime_type"]], enums, apis)


def _rebuild_with_our_builders(metadata: dict[str, Any]) -> RuntimeMetadataInput:
    """Real pallets, extensions and APIs; outer enums, UncheckedExtrinsic and the Runtime
    marker from ``runtime.metadata.runtime``."""
    ref = _described(metadata, OUR_BUILDERS)
    raw_ext = metadata["extrinsic"]
    extensions = _extensions(raw_ext, ref)
    pallets = tuple(_pallet(p, ref) for p in metadata["pallets"])
    apis = _apis(metadata, ref)
    built = build_metadata_input(pallets, extensions, apis=apis,
                                 address_type=ref[raw_ext["address_ty"]],
                                 signature_type=ref[raw_ext["signature_ty"]])
    # The extension tuple is anonymous, so the real one (by id) stands in for ours.
    extra = ref[raw_ext["extra_ty"]]
    extrinsic = built.extrinsic
    uxt = unchecked_extrinsic_type(extrinsic.address_type, extrinsic.call_type,
                                   extrinsic.signature_type, extra)
    return dataclasses.replace(built, extrinsic=dataclasses.replace(extrinsic, extra_type=extra,
                                                                    type=uxt))


def _load(variable: str) -> bytes:
    path = os.environ.get(variable)
    if not path:
        pytest.skip(f"set {variable} to a real metadata hex dump to run the golden check")
    return bytes.fromhex(Path(path).read_text().strip().removeprefix("0x"))


def test_real_v14_metadata_reencodes_byte_identically() -> None:
    original = _load("TENSORCHAIN_REAL_METADATA_V14")
    _, decoded = decode_metadata(original)
    assert encode_metadata_v14(_rebuild(body(decoded), v15=False)) == original


def _real_v15() -> tuple[bytes, dict[str, Any]]:
    response = _load("TENSORCHAIN_REAL_METADATA_V15")
    assert response[0] == 1
    length, start = decode_compact(response, 1)
    original = response[start:start + length]
    return original, body(decode_metadata(original)[1])


def test_real_v15_metadata_reencodes_byte_identically() -> None:
    original, decoded = _real_v15()
    assert encode_metadata_v15(_rebuild(decoded, v15=True)) == original


def test_real_v15_outer_types_from_our_builders_are_byte_identical() -> None:
    original, decoded = _real_v15()
    assert encode_metadata_v15(_rebuild_with_our_builders(decoded)) == original
