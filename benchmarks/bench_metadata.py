"""Metadata V14/V15 generation on a subtensor-sized runtime description.

The description is synthetic but shaped like subtensor's (about 26 pallets; ~700 registry types
in total, as the real V15 has): every pallet has calls with named arguments, events, errors,
storage values and maps over several distinct structs, constants, and the runtime has the 13
signed extensions and runtime APIs returning their own structs. Encoding happens once per
runtime (``MetadataProvider`` caches the bytes), so these figures bound the node's start-up cost;
the baseline is what a client spends decoding the same V15 bytes with scalecodec (cyscale).
"""

from __future__ import annotations

from benchmarks.harness import Row, seconds
from runtime.metadata import (
    ConstantMetadata,
    PalletMetadata,
    RuntimeApiMetadata,
    RuntimeApiMethodMetadata,
    StorageEntryMetadata,
    build_metadata_input,
    build_outer_enums,
    encode_metadata_v14,
    encode_metadata_v15,
    registry_v15,
)
from runtime.metadata.model import RuntimeMetadataInput
from runtime.primitives.hashing import StorageHasher
from runtime.primitives.scale import (
    U16,
    U64,
    Compact,
    Enum,
    Field,
    Option,
    ScaleType,
    Struct,
    Tuple,
    TypeParam,
    Variant,
    Vec,
)
from runtime.primitives.scale.common import AccountId32, MultiAddress
from tests.unit.metadata.decoder import decode_metadata
from tests.unit.metadata.sample_runtime import EXTENSIONS

GROUP = "metadata"
PALLETS = 26
_T = (TypeParam("T", None),)


def _structs(crate: str, count: int) -> list[ScaleType]:
    return [Struct(f"Info{i}", [("who", AccountId32, "T::AccountId"), ("amount", U64, "u64"),
                                ("netuid", U16, "NetUid"), ("items", Vec(U16), "Vec<u16>")],
                   path=(crate, "types", f"Info{i}")) for i in range(count)]


def _pallet(index: int) -> PalletMetadata:
    crate = f"pallet_synthetic_{index}"
    structs = _structs(crate, 20)
    calls = Enum("Call", [Variant(f"call_{i}", (
        Field("dest", MultiAddress, "AccountIdLookupOf<T>"),
        Field("value", Compact(U64), "T::Balance"),
        Field("info", structs[i % len(structs)], "Info")), i) for i in range(20)],
        path=(crate, "pallet", "Call"), params=_T)
    events = Enum("Event", [Variant(f"Event{i}", (Field("who", AccountId32, "T::AccountId"),
                                                  Field("amount", U64, "u64")), i)
                            for i in range(20)], path=(crate, "pallet", "Event"), params=_T)
    errors = Enum("Error", [Variant(f"Error{i}", (), i) for i in range(60)],
                  path=(crate, "pallet", "Error"), params=_T)
    storage = tuple(StorageEntryMetadata(
        f"Item{i}", "Default", (StorageHasher.Identity, StorageHasher.Blake2_128Concat),
        Tuple(U16, AccountId32), structs[i % len(structs)], b"\x00" * 8) for i in range(40))
    constants = tuple(ConstantMetadata(f"Const{i}", U64, U64.encode(i)) for i in range(10))
    return PalletMetadata(f"Synthetic{index}", index, storage=storage, call_type=calls,
                          event_type=events, error_type=errors, constants=constants)


def synthetic_runtime() -> RuntimeMetadataInput:
    """A runtime description with about subtensor's registry size."""
    pallets = tuple(_pallet(index) for index in range(PALLETS))
    outputs = _structs("pallet_synthetic_api", 20)
    apis = (RuntimeApiMetadata("SyntheticRuntimeApi", tuple(
        RuntimeApiMethodMetadata(f"get_{i}", (("netuid", U16),), Option(outputs[i]))
        for i in range(len(outputs)))),)
    return build_metadata_input(pallets, EXTENSIONS, apis=apis,
                                outer_enums=build_outer_enums(pallets))


def run() -> list[Row]:
    """Encode V14 and V15 once each; compare with a client decoding V15."""
    metadata = synthetic_runtime()
    v15 = encode_metadata_v15(metadata)
    note = f"{len(registry_v15(metadata))} types, {len(v15) // 1024} KiB"
    return [
        Row(GROUP, "client decode V15 (scalecodec)", seconds(lambda: decode_metadata(v15),
                                                              repeats=3), "s", note=note),
        Row(GROUP, "encode V14 (ours)", seconds(lambda: encode_metadata_v14(metadata)), "s",
            baseline="client decode V15 (scalecodec)"),
        Row(GROUP, "encode V15 (ours)", seconds(lambda: encode_metadata_v15(metadata)), "s",
            baseline="client decode V15 (scalecodec)", note=note),
    ]
