"""Golden check against real subtensor metadata (opt-in, slow; nothing is fetched or stored).

Point ``TENSORCHAIN_REAL_METADATA_V14`` at a hex dump of real V14 metadata (e.g. bittensor's
``tests/helpers/integration_websocket_metadata.txt``) and/or ``TENSORCHAIN_REAL_METADATA_V15`` at a
hex ``Metadata_metadata_at_version(15)`` response (``integration_websocket_at_version.txt``).
The test decodes it with the clients' scalecodec, rebuilds every type as a description-only SCALE
type object and every pallet/extension/API as our descriptor records, re-encodes with
``encode_metadata_v14``/``v15`` and requires the original bytes: this pins the registry's
depth-first id order and every encoding detail to what Rust's scale-info/frame-metadata emit.
"""

from __future__ import annotations

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
    encode_metadata_v14,
    encode_metadata_v15,
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
                 objects: dict[int, DescribedType]) -> None:
        entry = table[type_id]
        super().__init__(f"scale_info::{type_id}", min_size=0, path=tuple(entry["path"]),
                         docs=tuple(entry["docs"]))
        self.type_id, self._entry, self._objects = type_id, entry, objects

    def link(self) -> None:
        """Resolve the generic parameters once every object exists."""
        self.params = tuple(TypeParam(p["name"], None if p["type"] is None
                                      else self._objects[p["type"]]) for p in self._entry["params"])

    def registry_key(self) -> tuple[str, int]:
        """The original id: duplicates in the real registry (e.g. two ``BoundedVec<u8, S>``)
        stay distinct, as Rust's ``TypeId`` keeps them."""
        return ("real", self.type_id)

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


def _rebuild(metadata: dict[str, Any], *, v15: bool) -> RuntimeMetadataInput:
    table = {t["id"]: t["type"] for t in metadata["types"]["types"]}
    ref: dict[int, DescribedType] = {}
    ref.update({i: DescribedType(i, table, ref) for i in table})
    for obj in ref.values():
        obj.link()
    raw_ext = metadata["extrinsic"]
    extensions = tuple(SignedExtensionMetadata(s["identifier"], ref[s["ty"]],
                                               ref[s["additional_signed"]])
                       for s in raw_ext["signed_extensions"])
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
    apis = tuple(RuntimeApiMetadata(a["name"], tuple(
        RuntimeApiMethodMetadata(m["name"], tuple((i["name"], ref[i["ty"]]) for i in m["inputs"]),
                                 ref[m["output"]], tuple(m["docs"])) for m in a["methods"]),
        tuple(a["docs"])) for a in metadata.get("apis", ()))
    return RuntimeMetadataInput(tuple(_pallet(p, ref) for p in metadata["pallets"]), extrinsic,
                                ref[metadata["runtime_type"]], enums, apis)


def _load(variable: str) -> bytes:
    path = os.environ.get(variable)
    if not path:
        pytest.skip(f"set {variable} to a real metadata hex dump to run the golden check")
    return bytes.fromhex(Path(path).read_text().strip().removeprefix("0x"))


def test_real_v14_metadata_reencodes_byte_identically() -> None:
    original = _load("TENSORCHAIN_REAL_METADATA_V14")
    _, decoded = decode_metadata(original)
    assert encode_metadata_v14(_rebuild(body(decoded), v15=False)) == original


def test_real_v15_metadata_reencodes_byte_identically() -> None:
    response = _load("TENSORCHAIN_REAL_METADATA_V15")
    assert response[0] == 1
    length, start = decode_compact(response, 1)
    original = response[start:start + length]
    _, decoded = decode_metadata(original)
    assert encode_metadata_v15(_rebuild(body(decoded), v15=True)) == original
