"""Declaring a pallet once: storage, calls, events, errors, constants and hooks.

A pallet module builds one :class:`Pallet` and declares everything on it::

    balances = Pallet("Balances", index=5)
    Account = balances.map("Account", blake2_128_concat(AccountId32, "T::AccountId"), AccountData,
                           query=VALUE_QUERY, default=ZERO_ACCOUNT_DATA)
    InsufficientBalance = balances.error(2, "InsufficientBalance", "Balance too low.")
    Transfer = balances.event(2, "Transfer", [("from", AccountId32, "T::AccountId"), ...])

    @balances.call(3, [("dest", MultiAddress, "AccountIdLookupOf<T>"),
                       ("value", Compact(U64), "T::Balance")], weight=Weight(...))
    def transfer_keep_alive(ext, origin, dest, value): ...

From that one declaration come the storage keys (``runtime.frame.storage``), the dispatch table
(:meth:`Pallet.decode_call` → :class:`CallDef` → the function), the SCALE types of the pallet's
``Call``, ``Event`` and ``Error`` enums (:meth:`Pallet.call_type` etc.) with the reference's
indices, and through them the metadata. Calls take ``(ext, origin, **args)`` and either return
(success) or raise :class:`~runtime.frame.dispatch.DispatchError`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from runtime.frame.dispatch import DispatchClass, DispatchError, DispatchInfo, Pays, Weight
from runtime.frame.storage import KeyPart, StorageItem
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import (
    DecodeError,
    EnumType,
    Field,
    ScaleType,
    StructType,
    TypeParam,
    Variant,
)

ArgSpec = tuple[str, ScaleType] | tuple[str, ScaleType, str]
CallFunction = Callable[..., None]
WeightRule = Weight | Callable[..., Weight]
InfoRule = Callable[..., DispatchInfo]


class PalletDefinitionError(Exception):
    """A pallet declaration is inconsistent (duplicate index or name, bad argument spec)."""


@dataclass(frozen=True, slots=True)
class CallDef:
    """One dispatchable call: its index, arguments, dispatch rules and implementation."""

    pallet: str
    pallet_index: int
    index: int
    name: str
    args: tuple[Field, ...]
    function: CallFunction
    weight: WeightRule
    dispatch_class: DispatchClass
    pays_fee: Pays
    docs: tuple[str, ...]
    args_type: StructType = field(repr=False)
    info_rule: InfoRule | None = None

    def dispatch_info(self, args: dict[str, Any]) -> DispatchInfo:
        """The declared weight, class and fee payment for these arguments (an ``info`` rule,
        when given, decides all three: ``Sudo.sudo`` and ``Utility.batch`` take them from the
        inner calls)."""
        if self.info_rule is not None:
            return self.info_rule(**args)
        weight = self.weight(**args) if callable(self.weight) else self.weight
        return DispatchInfo(weight, self.dispatch_class, self.pays_fee)

    def encode(self, **args: Any) -> bytes:
        """The call's bytes as they appear in an extrinsic: pallet index, call index, args."""
        return bytes((self.pallet_index, self.index)) + self.args_type.encode(args)


@dataclass(frozen=True, slots=True)
class EventDef:
    """One event of a pallet; calling it with the field values (in order) makes an Event."""

    pallet: str
    pallet_index: int
    index: int
    name: str
    fields: tuple[Field, ...]
    docs: tuple[str, ...]
    fields_type: StructType = field(repr=False)

    def __call__(self, *values: Any) -> Event:
        if len(values) != len(self.fields):
            raise TypeError(f"{self.pallet}.{self.name} takes {len(self.fields)} field(s), "
                            f"got {len(values)}")
        names = [f.name if f.name is not None else str(i) for i, f in enumerate(self.fields)]
        payload = dict(zip(names, values, strict=True))
        body = self.fields_type.encode(payload if self.fields_type.kind == "record"
                                       else _unnamed_payload(values))
        return Event(self, bytes((self.pallet_index, self.index)) + body)


def _unnamed_payload(values: tuple[Any, ...]) -> Any:
    if not values:
        return None
    return values[0] if len(values) == 1 else tuple(values)


@dataclass(frozen=True, slots=True)
class Event:
    """An event ready to deposit: its definition and its ``RuntimeEvent`` encoding."""

    definition: EventDef
    encoded: bytes


@dataclass(frozen=True, slots=True)
class ErrorDef:
    """One error of a pallet; calling it returns the ``DispatchError::Module`` to raise."""

    pallet: str
    pallet_index: int
    index: int
    name: str
    docs: tuple[str, ...]

    def __call__(self) -> DispatchError:
        return DispatchError.module(self.pallet_index, self.index, self.name, self.pallet)

    def matches(self, error: BaseException) -> bool:
        """Whether ``error`` is this pallet error."""
        return isinstance(error, DispatchError) and error == self()


@dataclass(frozen=True, slots=True)
class ConstantDef:
    """A pallet constant as metadata shows it: type, value and its SCALE bytes."""

    name: str
    type: ScaleType
    value: Any
    docs: tuple[str, ...]

    @property
    def encoded(self) -> bytes:
        """The SCALE encoding of the value."""
        return self.type.encode(self.value)


Hook = Callable[[Externalities, int], None]


class Pallet:
    """A pallet: a name and index in the runtime, and everything declared on it."""

    def __init__(self, name: str, index: int, docs: Sequence[str] = ()) -> None:
        self.name = name
        self.index = index
        self.docs = tuple(docs)
        self.storage: list[StorageItem] = []
        self.calls: dict[int, CallDef] = {}
        self.events: dict[int, EventDef] = {}
        self.errors: dict[int, ErrorDef] = {}
        self.constants: list[ConstantDef] = []
        self.on_initialize: list[Hook] = []
        self.on_finalize: list[Hook] = []
        self._enum_cache: dict[str, EnumType] = {}

    # -- storage ------------------------------------------------------------------------------

    def value(self, name: str, value_type: ScaleType, **options: Any) -> StorageItem:
        """Declare a ``StorageValue``."""
        return self._add_storage(StorageItem(self.name, name, (), value_type, **options))

    def map(self, name: str, key: KeyPart, value_type: ScaleType, **options: Any) -> StorageItem:
        """Declare a ``StorageMap``."""
        return self._add_storage(StorageItem(self.name, name, (key,), value_type, **options))

    def double_map(self, name: str, key1: KeyPart, key2: KeyPart, value_type: ScaleType,
                   **options: Any) -> StorageItem:
        """Declare a ``StorageDoubleMap``."""
        return self._add_storage(StorageItem(self.name, name, (key1, key2), value_type,
                                             **options))

    def nmap(self, name: str, keys: Sequence[KeyPart], value_type: ScaleType,
             **options: Any) -> StorageItem:
        """Declare a ``StorageNMap``."""
        return self._add_storage(StorageItem(self.name, name, tuple(keys), value_type,
                                             **options))

    def _add_storage(self, item: StorageItem) -> StorageItem:
        if any(existing.name == item.name for existing in self.storage):
            raise PalletDefinitionError(f"{self.name}: storage item {item.name} declared twice")
        self.storage.append(item)
        return item

    # -- calls --------------------------------------------------------------------------------

    def call(self, index: int, args: Sequence[ArgSpec], *, weight: WeightRule,
             dispatch_class: DispatchClass = DispatchClass.Normal, pays_fee: Pays = Pays.Yes,
             name: str | None = None, info: InfoRule | None = None
             ) -> Callable[[CallFunction], CallDef]:
        """Decorator declaring a call at ``index`` with named, typed arguments.

        ``weight`` is a ``Weight`` or a function of the arguments; ``info``, a function of the
        arguments returning the whole ``DispatchInfo``, overrides weight, class and pays."""
        fields = tuple(_arg_field(self.name, spec) for spec in args)

        def register(function: CallFunction) -> CallDef:
            call_name = name or function.__name__
            self._check_free(self.calls, index, call_name, "call")
            definition = CallDef(
                self.name, self.index, index, call_name, fields, function, weight,
                dispatch_class, pays_fee, _docs_of(function),
                StructType(f"{self.name}::{call_name}", fields), info)
            self.calls[index] = definition
            self._enum_cache.pop("Call", None)
            return definition

        return register

    def decode_call(self, data: bytes, offset: int) -> tuple[CallDef, dict[str, Any], int]:
        """Decode the call index and arguments at ``offset`` (just after the pallet index)."""
        if offset >= len(data):
            raise DecodeError(f"{self.name}::Call", offset, "missing call index")
        definition = self.calls.get(data[offset])
        if definition is None:
            raise DecodeError(f"{self.name}::Call", offset,
                              f"unknown call index {data[offset]}")
        values, end = definition.args_type.decode_from(data, offset + 1)
        args = values._asdict() if definition.args else {}
        return definition, args, end

    # -- events, errors, constants, hooks -----------------------------------------------------

    def event(self, index: int, name: str, fields: Sequence[ArgSpec] = (),
              docs: str | Sequence[str] = ()) -> EventDef:
        """Declare an event at ``index`` with (optionally named) typed fields."""
        self._check_free(self.events, index, name, "event")
        declared = tuple(_arg_field(self.name, spec) for spec in fields)
        definition = EventDef(self.name, self.index, index, name, declared, _docs(docs),
                              StructType(f"{self.name}::Event::{name}", declared))
        self.events[index] = definition
        self._enum_cache.pop("Event", None)
        return definition

    def error(self, index: int, name: str, docs: str | Sequence[str] = ()) -> ErrorDef:
        """Declare an error at ``index``."""
        self._check_free(self.errors, index, name, "error")
        definition = ErrorDef(self.name, self.index, index, name, _docs(docs))
        self.errors[index] = definition
        self._enum_cache.pop("Error", None)
        return definition

    def constant(self, name: str, type_: ScaleType, value: Any,
                 docs: str | Sequence[str] = ()) -> ConstantDef:
        """Declare a constant (shown in metadata; the value is also usable from Python)."""
        definition = ConstantDef(name, type_, value, _docs(docs))
        self.constants.append(definition)
        return definition

    def hook_on_initialize(self, hook: Hook) -> Hook:
        """Decorator: run ``hook(ext, block_number)`` at the start of every block."""
        self.on_initialize.append(hook)
        return hook

    def hook_on_finalize(self, hook: Hook) -> Hook:
        """Decorator: run ``hook(ext, block_number)`` at the end of every block."""
        self.on_finalize.append(hook)
        return hook

    def _check_free(self, table: dict[int, Any], index: int, name: str, kind: str) -> None:
        if not 0 <= index <= 255:
            raise PalletDefinitionError(f"{self.name}: {kind} index {index} out of range")
        if index in table:
            raise PalletDefinitionError(f"{self.name}: {kind} index {index} already used by "
                                        f"{table[index].name}")
        if any(entry.name == name for entry in table.values()):
            raise PalletDefinitionError(f"{self.name}: {kind} {name} declared twice")

    # -- SCALE enums for metadata and the outer RuntimeCall / RuntimeEvent -------------------

    def call_type(self, runtime_path: str = "node_subtensor_runtime") -> EnumType | None:
        """The pallet's ``Call`` enum (variants = calls, fields = named arguments)."""
        if not self.calls:
            return None
        return self._enum("Call", [Variant(c.name, c.args, c.index, c.docs)
                                   for c in self.calls.values()], runtime_path)

    def event_type(self, runtime_path: str = "node_subtensor_runtime") -> EnumType | None:
        """The pallet's ``Event`` enum."""
        if not self.events:
            return None
        return self._enum("Event", [Variant(e.name, e.fields, e.index, e.docs)
                                    for e in self.events.values()], runtime_path)

    def error_type(self, runtime_path: str = "node_subtensor_runtime") -> EnumType | None:
        """The pallet's ``Error`` enum (unit variants; the index is the module error index)."""
        if not self.errors:
            return None
        return self._enum("Error", [Variant(e.name, (), e.index, e.docs)
                                    for e in self.errors.values()], runtime_path)

    def _enum(self, kind: str, variants: list[Variant], runtime_path: str) -> EnumType:
        cached = self._enum_cache.get(kind)
        if cached is None:
            ordered = sorted(variants, key=lambda v: v.index)
            cached = EnumType(f"{self.name}::{kind}", ordered,
                              path=(_module_path(self.name), "pallet", kind),
                              params=(TypeParam("T", None),))
            self._enum_cache[kind] = cached
        return cached

    def __repr__(self) -> str:
        return f"<pallet {self.name} #{self.index}>"


def _arg_field(pallet: str, spec: ArgSpec | Field) -> Field:
    if isinstance(spec, Field):
        return spec
    if isinstance(spec, tuple) and len(spec) in (2, 3) and isinstance(spec[1], ScaleType):
        return Field(spec[0], spec[1], spec[2] if len(spec) == 3 else spec[1].name)
    raise PalletDefinitionError(f"{pallet}: bad argument declaration {spec!r}")


def _docs(docs: str | Sequence[str]) -> tuple[str, ...]:
    return (docs,) if isinstance(docs, str) else tuple(docs)


def _docs_of(function: CallFunction) -> tuple[str, ...]:
    text = (function.__doc__ or "").strip()
    return tuple(line.strip() for line in text.splitlines()) if text else ()


def _module_path(pallet_name: str) -> str:
    """The Rust crate name of a pallet, as metadata type paths spell it."""
    crate = {"SubtensorModule": "pallet_subtensor", "AdminUtils": "pallet_admin_utils",
             "System": "frame_system", "Swap": "pallet_subtensor_swap"}.get(pallet_name)
    if crate is not None:
        return crate
    snake = "".join(f"_{c.lower()}" if c.isupper() else c for c in pallet_name).lstrip("_")
    return f"pallet_{snake}"
