"""Descriptor records from which metadata V14/V15 is generated (spec/substrate.md §6.2–§6.4).

The pallet framework describes each pallet with these plain frozen records; they reference SCALE
type objects (``runtime.primitives.scale``) and never encoded type ids — ids are assigned by the
portable registry (``runtime.metadata.registry``) when the metadata is encoded.

Conventions the clients rely on (spec/clients.md §4):
- every call/event field carries a ``type_name`` (``Field(name, type, type_name)``);
- a pallet's calls, events and errors are each ONE enum type whose variant index is the
  call/event/error index;
- multi-key storage maps declare ``key_type`` as a ``Tuple`` of the key parts, one hasher per part;
- runtime-API inputs use the Rust parameter names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from runtime.primitives.hashing import StorageHasher
from runtime.primitives.scale import ScaleType, TupleDef, TypeDefinitionError

MODIFIERS = ("Optional", "Default")
"""Storage entry modifiers, in the order of their metadata index (0 Optional, 1 Default)."""

QUERY_KINDS = {"OptionQuery": "Optional", "ValueQuery": "Default"}
"""FRAME query kinds accepted as modifiers (normalised to the metadata names)."""


def _freeze(record: object, name: str) -> None:
    """Turn a list-valued attribute of a frozen record into a tuple (declarations may use lists)."""
    value = getattr(record, name)
    if not isinstance(value, tuple):
        object.__setattr__(record, name, tuple(value))


@dataclass(frozen=True, slots=True)
class StorageEntryMetadata:
    """One storage item: ``Plain`` when ``key_type`` is None, else a ``Map``.

    ``modifier`` is ``"Optional"`` or ``"Default"`` (FRAME's ``"OptionQuery"``/``"ValueQuery"``
    are accepted and normalised). ``default`` is the SCALE encoding returned when the key is
    absent: for ``Default`` entries the encoded default value (required); for ``Optional``
    entries it may be omitted and then is ``b"\\x00"`` (the encoding of ``None``), as FRAME emits.
    """

    name: str
    modifier: str
    hashers: tuple[StorageHasher, ...]
    key_type: ScaleType | None
    value_type: ScaleType
    default: bytes | None = None
    docs: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        """Validate the modifier, the key/hasher agreement and fill the Optional default."""
        _freeze(self, "hashers")
        _freeze(self, "docs")
        object.__setattr__(self, "modifier", QUERY_KINDS.get(self.modifier, self.modifier))
        if self.modifier not in MODIFIERS:
            raise TypeDefinitionError(f"storage {self.name}: modifier must be one of {MODIFIERS}")
        if self.default is None:
            if self.modifier == "Default":
                raise TypeDefinitionError(f"storage {self.name}: a Default entry needs `default`")
            object.__setattr__(self, "default", b"\x00")
        if self.key_type is None:
            if self.hashers:
                raise TypeDefinitionError(f"storage {self.name}: a plain value takes no hashers")
            return
        if not self.hashers:
            raise TypeDefinitionError(f"storage {self.name}: a map needs at least one hasher")
        if len(self.hashers) > 1:
            definition = self.key_type.type_def()
            parts = len(definition.types) if isinstance(definition, TupleDef) else 0
            if parts != len(self.hashers):
                raise TypeDefinitionError(
                    f"storage {self.name}: {len(self.hashers)} hashers need a key tuple of as "
                    f"many parts, got {self.key_type.name}")

    @property
    def is_map(self) -> bool:
        """Whether the entry is a map (has a key)."""
        return self.key_type is not None


@dataclass(frozen=True, slots=True)
class ConstantMetadata:
    """A pallet constant: its type and its SCALE-encoded value."""

    name: str
    type: ScaleType
    value: bytes
    docs: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        """Normalise docs to a tuple."""
        _freeze(self, "docs")


@dataclass(frozen=True, slots=True)
class PalletMetadata:
    """A pallet as ``construct_runtime!`` declares it.

    ``name`` is the instance name used in storage prefixes and outer enums (``SubtensorModule``);
    ``index`` the pallet index (first byte of its calls). ``storage_prefix`` defaults to ``name``
    when the pallet has storage; a pallet with neither entries nor an explicit prefix has no
    storage section. ``call_type``/``event_type``/``error_type`` are enum types (or None).
    """

    name: str
    index: int
    storage_prefix: str | None = None
    storage: tuple[StorageEntryMetadata, ...] = ()
    call_type: ScaleType | None = None
    event_type: ScaleType | None = None
    error_type: ScaleType | None = None
    constants: tuple[ConstantMetadata, ...] = ()
    docs: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        """Validate the index and the uniqueness of entry/constant names."""
        for name in ("storage", "constants", "docs"):
            _freeze(self, name)
        if not isinstance(self.index, int) or not 0 <= self.index <= 255:
            raise TypeDefinitionError(f"pallet {self.name}: index {self.index!r} is not a u8")
        for kind, items in (("storage entry", self.storage), ("constant", self.constants)):
            names = [item.name for item in items]
            if len(set(names)) != len(names):
                raise TypeDefinitionError(f"pallet {self.name}: duplicate {kind} names")

    @property
    def effective_storage_prefix(self) -> str | None:
        """The storage prefix written to metadata, or None when the pallet has no storage."""
        if self.storage_prefix is not None:
            return self.storage_prefix
        return self.name if self.storage else None


@dataclass(frozen=True, slots=True)
class SignedExtensionMetadata:
    """A transaction extension: ``type`` is its explicit part (in the extrinsic),
    ``additional_signed_type`` its implicit part (signing payload only)."""

    identifier: str
    type: ScaleType
    additional_signed_type: ScaleType


@dataclass(frozen=True, slots=True)
class ExtrinsicMetadata:
    """The extrinsic format: version 4, the address/call/signature types, the extensions.

    ``extra_type`` defaults to the tuple of the extensions' explicit types (in order);
    ``type`` (the V14 ``ty``) defaults to the
    ``sp_runtime::generic::unchecked_extrinsic::UncheckedExtrinsic`` type built from the others
    (see ``runtime.metadata.runtime.unchecked_extrinsic_type``).
    """

    address_type: ScaleType
    call_type: ScaleType
    signature_type: ScaleType
    extensions: tuple[SignedExtensionMetadata, ...]
    extra_type: ScaleType | None = None
    version: int = 4
    type: ScaleType | None = None

    def __post_init__(self) -> None:
        """Normalise the extension list and check identifiers are unique."""
        _freeze(self, "extensions")
        identifiers = [ext.identifier for ext in self.extensions]
        if len(set(identifiers)) != len(identifiers):
            raise TypeDefinitionError(f"duplicate signed extension identifiers: {identifiers}")


@dataclass(frozen=True, slots=True)
class RuntimeApiMethodMetadata:
    """One runtime-API method; ``inputs`` are ``(rust_param_name, type)`` pairs in order."""

    name: str
    inputs: tuple[tuple[str, ScaleType], ...]
    output: ScaleType
    docs: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        """Normalise inputs/docs to tuples."""
        object.__setattr__(self, "inputs", tuple(tuple(pair) for pair in self.inputs))
        _freeze(self, "docs")


@dataclass(frozen=True, slots=True)
class RuntimeApiMetadata:
    """A runtime-API trait (``SubnetInfoRuntimeApi``) and its methods; ``state_call`` names are
    ``<name>_<method>``."""

    name: str
    methods: tuple[RuntimeApiMethodMetadata, ...]
    docs: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        """Normalise to tuples and check method names are unique."""
        _freeze(self, "methods")
        _freeze(self, "docs")
        names = [method.name for method in self.methods]
        if len(set(names)) != len(names):
            raise TypeDefinitionError(f"runtime API {self.name}: duplicate method names")


@dataclass(frozen=True, slots=True)
class CustomValueMetadata:
    """A V15 custom metadata value: a type and the SCALE bytes of a value of it."""

    type: ScaleType
    value: bytes


@dataclass(frozen=True, slots=True)
class OuterEnums:
    """The runtime's aggregate enums: ``RuntimeCall``, ``RuntimeEvent``, ``RuntimeError``."""

    call_type: ScaleType
    event_type: ScaleType
    error_type: ScaleType


@dataclass(frozen=True, slots=True)
class RuntimeMetadataInput:
    """Everything metadata V14/V15 is generated from.

    ``runtime_type`` is the ``node_subtensor_runtime::Runtime`` marker type; ``outer_enums`` the
    enums the runtime also uses to encode/decode (build them with
    ``runtime.metadata.runtime.build_outer_enums``); ``apis`` and ``custom`` appear only in V15.
    Pallets are emitted in ascending index order.
    """

    pallets: tuple[PalletMetadata, ...]
    extrinsic: ExtrinsicMetadata
    runtime_type: ScaleType
    outer_enums: OuterEnums
    apis: tuple[RuntimeApiMetadata, ...] = ()
    custom: Mapping[str, CustomValueMetadata] = field(
        default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        """Sort pallets by index, check names/indices are unique and APIs are unique."""
        pallets = tuple(sorted(self.pallets, key=lambda pallet: pallet.index))
        object.__setattr__(self, "pallets", pallets)
        _freeze(self, "apis")
        for label, values in (("pallet indices", [p.index for p in pallets]),
                              ("pallet names", [p.name for p in pallets]),
                              ("runtime API names", [a.name for a in self.apis])):
            if len(set(values)) != len(values):
                raise TypeDefinitionError(f"duplicate {label}: {values}")

    def pallet(self, name: str) -> PalletMetadata:
        """The pallet called ``name``."""
        for pallet in self.pallets:
            if pallet.name == name:
                return pallet
        raise KeyError(f"no pallet named {name!r}")
