"""Runtime-level types built from the pallets: outer enums, the UncheckedExtrinsic type, the
``Runtime`` marker, and the assembly of a complete ``RuntimeMetadataInput``.

The outer enums returned here are ordinary SCALE enum types: the runtime uses the very same
objects to encode and decode calls and events (one declaration, one truth)::

    enums = build_outer_enums(pallets)
    enums.call_type.encode(("Balances", ("transfer_keep_alive", {"dest": ..., "value": 5})))

Shapes follow the real subtensor metadata (spec/substrate.md §6.3, spec/clients.md §4): path
``node_subtensor_runtime::RuntimeCall`` etc., one variant per pallet (index = pallet index, in
ascending order) with one unnamed field holding the pallet's own enum; the V14 extrinsic type is
``fp_self_contained::unchecked_extrinsic::UncheckedExtrinsic<Address, Call, Signature,
Extension>`` wrapping ``sp_runtime::generic::unchecked_extrinsic::UncheckedExtrinsic<Address,
Call, Signature, Extra>``, whose content is the opaque ``Vec<u8>`` of the extrinsic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType

from runtime.metadata.model import (
    CustomValueMetadata,
    ExtrinsicMetadata,
    OuterEnums,
    PalletMetadata,
    RuntimeApiMetadata,
    RuntimeMetadataInput,
    SignedExtensionMetadata,
)
from runtime.primitives.scale import (
    Bytes,
    EnumType,
    Field,
    ScaleType,
    Struct,
    StructType,
    Tuple,
    TypeParam,
    Variant,
)
from runtime.primitives.scale.common import MultiAddress, MultiSignature

RUNTIME_CRATE = "node_subtensor_runtime"
"""The crate of subtensor's runtime: the first path segment of the outer enums."""

CALL_TYPE_NAME = ("self::sp_api_hidden_includes_construct_runtime::hidden_include::dispatch\n"
                  "::CallableCallFor<{pallet}, Runtime>")
"""``type_name`` of a ``RuntimeCall`` variant's field, verbatim as the real metadata carries it
(including the line break ``construct_runtime!`` leaves in it)."""


CRATE_ALIASES = {"pallet_subtensor_utility": "pallet_utility",
                 "pallet_subtensor_proxy": "pallet_proxy"}
"""Crates subtensor's runtime imports under another name (``pallet_subtensor_utility as
pallet_utility``); the outer enums' ``type_name`` strings use the alias."""


def _pallet_type_name(scale_type: ScaleType, item: str) -> str:
    """``frame_system::Event<Runtime>`` / ``pallet_grandpa::Event``: the pallet crate (first
    path segment of its enum, or its alias), the item, ``<Runtime>`` when the enum is generic."""
    crate = scale_type.path[0] if scale_type.path else "pallet"
    crate = CRATE_ALIASES.get(crate, crate)
    return f"{crate}::{item}<Runtime>" if scale_type.params else f"{crate}::{item}"


def _outer_enum(name: str, pallets: Iterable[PalletMetadata], crate: str,
                pick: Callable[[PalletMetadata], ScaleType | None],
                type_name: Callable[[PalletMetadata, ScaleType], str]) -> EnumType:
    variants = []
    for pallet in sorted(pallets, key=lambda p: p.index):
        inner = pick(pallet)
        if inner is not None:
            field = Field(None, inner, type_name(pallet, inner))
            variants.append(Variant(pallet.name, (field,), pallet.index))
    return EnumType(name, variants, path=(crate, name))


def runtime_call_type(pallets: Iterable[PalletMetadata], *,
                      crate: str = RUNTIME_CRATE) -> EnumType:
    """``RuntimeCall``: one variant per pallet with calls; ``05 03 …`` = Balances call 3."""
    return _outer_enum("RuntimeCall", pallets, crate, lambda p: p.call_type,
                       lambda p, _t: CALL_TYPE_NAME.format(pallet=p.name))


def runtime_event_type(pallets: Iterable[PalletMetadata], *,
                       crate: str = RUNTIME_CRATE) -> EnumType:
    """``RuntimeEvent``: one variant per pallet with events (``EventRecord.event``)."""
    return _outer_enum("RuntimeEvent", pallets, crate, lambda p: p.event_type,
                       lambda _p, t: _pallet_type_name(t, "Event"))


def runtime_error_type(pallets: Iterable[PalletMetadata], *,
                       crate: str = RUNTIME_CRATE) -> EnumType:
    """``RuntimeError``: one variant per pallet with errors (V15 ``outer_enums.error_enum_ty``)."""
    return _outer_enum("RuntimeError", pallets, crate, lambda p: p.error_type,
                       lambda _p, t: _pallet_type_name(t, "Error"))


def build_outer_enums(pallets: Iterable[PalletMetadata], *,
                      crate: str = RUNTIME_CRATE) -> OuterEnums:
    """``RuntimeCall``, ``RuntimeEvent`` and ``RuntimeError`` for these pallets."""
    pallets = tuple(pallets)
    return OuterEnums(runtime_call_type(pallets, crate=crate),
                      runtime_event_type(pallets, crate=crate),
                      runtime_error_type(pallets, crate=crate))


def runtime_marker_type(crate: str = RUNTIME_CRATE) -> StructType:
    """The field-less ``node_subtensor_runtime::Runtime`` struct (metadata ``runtime_type``)."""
    return Struct("Runtime", [], path=(crate, "Runtime"))


def extra_type(extensions: Sequence[SignedExtensionMetadata]) -> ScaleType:
    """The tuple of the extensions' explicit types, in order (``Extra`` / ``Extension``)."""
    return Tuple(*(ext.type for ext in extensions))


def sp_unchecked_extrinsic_type(address: ScaleType, call: ScaleType, signature: ScaleType,
                                extra: ScaleType) -> StructType:
    """``sp_runtime::generic::unchecked_extrinsic::UncheckedExtrinsic<Address, Call, Signature,
    Extra>``: one unnamed ``Vec<u8>`` field (the opaque, length-prefixed extrinsic; value bytes).
    cyscale finds the address and signature types through these named params."""
    params = (TypeParam("Address", address), TypeParam("Call", call),
              TypeParam("Signature", signature), TypeParam("Extra", extra))
    return Struct("UncheckedExtrinsic", [Field(None, Bytes)],
                  path=("sp_runtime", "generic", "unchecked_extrinsic", "UncheckedExtrinsic"),
                  params=params)


def unchecked_extrinsic_type(address: ScaleType, call: ScaleType, signature: ScaleType,
                             extra: ScaleType) -> StructType:
    """The runtime's ``UncheckedExtrinsic`` as subtensor declares it (Frontier's
    ``fp_self_contained`` wrapper around the ``sp_runtime`` one); value = the opaque bytes."""
    inner = sp_unchecked_extrinsic_type(address, call, signature, extra)
    params = (TypeParam("Address", address), TypeParam("Call", call),
              TypeParam("Signature", signature), TypeParam("Extension", extra))
    type_name = "generic::UncheckedExtrinsic<Address, Call, Signature, Extension>"
    return Struct("UncheckedExtrinsic", [Field(None, inner, type_name)],
                  path=("fp_self_contained", "unchecked_extrinsic", "UncheckedExtrinsic"),
                  params=params)


def extrinsic_metadata(call_type: ScaleType, extensions: Sequence[SignedExtensionMetadata], *,
                       address_type: ScaleType = MultiAddress,
                       signature_type: ScaleType = MultiSignature) -> ExtrinsicMetadata:
    """A version-4 ``ExtrinsicMetadata`` with the derived extra tuple and UncheckedExtrinsic."""
    extra = extra_type(extensions)
    return ExtrinsicMetadata(
        address_type=address_type, call_type=call_type, signature_type=signature_type,
        extensions=tuple(extensions), extra_type=extra,
        type=unchecked_extrinsic_type(address_type, call_type, signature_type, extra))


def resolved_extrinsic_type(extrinsic: ExtrinsicMetadata) -> ScaleType:
    """``extrinsic.type``, or the UncheckedExtrinsic built from the extrinsic's parts."""
    if extrinsic.type is not None:
        return extrinsic.type
    return unchecked_extrinsic_type(extrinsic.address_type, extrinsic.call_type,
                                    extrinsic.signature_type, resolved_extra_type(extrinsic))


def resolved_extra_type(extrinsic: ExtrinsicMetadata) -> ScaleType:
    """``extrinsic.extra_type``, or the tuple of the extensions' explicit types."""
    if extrinsic.extra_type is not None:
        return extrinsic.extra_type
    return extra_type(extrinsic.extensions)


def build_metadata_input(pallets: Sequence[PalletMetadata],
                         extensions: Sequence[SignedExtensionMetadata], *,
                         apis: Sequence[RuntimeApiMetadata] = (),
                         outer_enums: OuterEnums | None = None,
                         address_type: ScaleType = MultiAddress,
                         signature_type: ScaleType = MultiSignature,
                         runtime_type: ScaleType | None = None,
                         custom: Mapping[str, CustomValueMetadata] | None = None,
                         crate: str = RUNTIME_CRATE) -> RuntimeMetadataInput:
    """Assemble a complete ``RuntimeMetadataInput`` from pallets, extensions and runtime APIs.

    Pass the ``outer_enums`` the runtime already uses (so that metadata and codec share the same
    objects); they are built from ``pallets`` when omitted.
    """
    enums = outer_enums if outer_enums is not None else build_outer_enums(pallets, crate=crate)
    extrinsic = extrinsic_metadata(enums.call_type, extensions, address_type=address_type,
                                   signature_type=signature_type)
    return RuntimeMetadataInput(
        pallets=tuple(pallets), extrinsic=extrinsic,
        runtime_type=runtime_type if runtime_type is not None else runtime_marker_type(crate),
        outer_enums=enums, apis=tuple(apis),
        custom=MappingProxyType(dict(custom or {})))
