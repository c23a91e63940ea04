"""Metadata records from pallet declarations: the one declaration gives the metadata too.

:func:`pallet_metadata` turns a :class:`~runtime.frame.pallet.Pallet` into the
:class:`~runtime.metadata.model.PalletMetadata` record the V14/V15 encoders take — storage entries
(modifier from the query kind, one hasher per key part, the key type, the SCALE default), the
``Call``/``Event``/``Error`` enums with their declared indices, constants as SCALE bytes, docs.
"""

from __future__ import annotations

from collections.abc import Mapping

from runtime.frame.pallet import Pallet
from runtime.frame.storage import StorageItem
from runtime.metadata.model import ConstantMetadata, PalletMetadata, StorageEntryMetadata
from runtime.primitives.scale import ScaleType


def storage_entry_metadata(item: StorageItem, value_type: ScaleType | None = None
                           ) -> StorageEntryMetadata:
    """The metadata record of one storage item (``value_type`` overrides the declared one)."""
    return StorageEntryMetadata(item.name, item.query, tuple(k.hasher for k in item.keys),
                                item.key_type, value_type or item.value_type,
                                item.default_bytes, item.docs)


def pallet_metadata(pallet: Pallet, value_types: Mapping[str, ScaleType] | None = None
                    ) -> PalletMetadata:
    """The metadata record of ``pallet`` (storage prefix = the pallet's runtime name).

    ``value_types`` replaces the value type of named storage items: the composed runtime passes
    ``System.Events`` as ``Vec<EventRecord<RuntimeEvent, H256>>`` with its own event enum.
    """
    overrides = value_types or {}
    unknown = set(overrides) - {item.name for item in pallet.storage}
    if unknown:
        raise KeyError(f"{pallet.name} has no storage item(s) {sorted(unknown)}")
    storage = tuple(storage_entry_metadata(item, overrides.get(item.name))
                    for item in pallet.storage)
    constants = tuple(ConstantMetadata(c.name, c.type, c.encoded, c.docs)
                      for c in pallet.constants)
    return PalletMetadata(
        name=pallet.name, index=pallet.index,
        storage_prefix=pallet.name if storage else None, storage=storage,
        call_type=pallet.call_type(), event_type=pallet.event_type(),
        error_type=pallet.error_type(), constants=constants, docs=pallet.docs)
