"""Small records of the chain database: block records, pruning mode, chain pointers (meta rows).

* ``K | hash -> u32 BE number ‖ parent hash ‖ state root`` (:class:`BlockRecord`);
* ``M | name -> value`` (:class:`ChainMeta`): ``schema`` (1 byte), ``genesis``, ``best``,
  ``final`` (32-byte hashes), ``pruned_to`` (u32 BE: the lowest height whose canonical state is
  retained), ``journal_floor`` (u32 BE: the lowest height whose journals are kept, so the lowest
  a rewind may reach), ``pruning`` (archive flag byte ‖ u32 BE ``keep``).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Protocol

from storage.errors import ChainDBError, CorruptDatabaseError
from storage.kv import Column, KeyValueStore, WriteBatch

__all__ = ["SCHEMA_VERSION", "BlockRecord", "ChainMeta", "Pruning", "RowReader"]

SCHEMA_VERSION = 1
_NUMBER = struct.Struct(">I")
_RECORD_LENGTH = 4 + 32 + 32


class RowReader(Protocol):
    """Read access to database rows (a store, or a batch's staged view of it)."""

    def get(self, key: bytes) -> bytes | None:
        """The value at ``key``, or None."""
        ...

    def keys(self, start: bytes = b"", prefix: bytes = b"") -> Iterator[bytes]:
        """Keys in byte order from ``start`` within ``prefix``."""
        ...


@dataclass(frozen=True, slots=True)
class Pruning:
    """State pruning: ``archive`` keeps every state, else the last ``keep`` finalized ones.

    Either way the journals of the last ``keep`` finalized blocks are kept, which is how far back
    ``ChainDB.rewind`` can go below the finalized block.
    """

    archive: bool = False
    keep: int = 256

    def __post_init__(self) -> None:
        if not 1 <= self.keep <= 0xFFFFFFFF:
            raise ChainDBError(f"pruning must keep at least one finalized block, got {self.keep}")

    @classmethod
    def archive_mode(cls, keep: int = 256) -> Pruning:
        """Keep every state (and the journals of the last ``keep`` finalized blocks)."""
        return cls(archive=True, keep=keep)

    def encode(self) -> bytes:
        """The meta-row form: archive flag byte ‖ u32 BE ``keep``."""
        return bytes([self.archive]) + _NUMBER.pack(self.keep)

    @classmethod
    def decode(cls, raw: bytes) -> Pruning:
        """The inverse of :meth:`encode`."""
        if len(raw) != 5 or raw[0] > 1:
            raise CorruptDatabaseError(f"pruning meta row 0x{raw.hex()} is not flag ‖ u32")
        return cls(archive=bool(raw[0]), keep=_NUMBER.unpack_from(raw, 1)[0])


@dataclass(frozen=True, slots=True)
class BlockRecord:
    """What the database knows of every stored block besides its header and body."""

    hash: bytes
    number: int
    parent_hash: bytes
    state_root: bytes

    @staticmethod
    def lookup_key(number: int, block_hash: bytes) -> bytes:
        """``u32 BE number ‖ hash``: the key of per-block rows (sorted by height)."""
        if not 0 <= number <= 0xFFFFFFFF:
            raise ChainDBError(f"block number {number} does not fit in u32")
        return _NUMBER.pack(number) + block_hash

    @property
    def lookup(self) -> bytes:
        """This block's lookup key."""
        return _NUMBER.pack(self.number) + self.hash

    def encode(self) -> bytes:
        """The ``K`` row value."""
        return _NUMBER.pack(self.number) + self.parent_hash + self.state_root

    def write(self, batch: WriteBatch) -> None:
        """Stage this record's ``K`` row."""
        batch.put(Column.BLOCKS.key(self.hash), self.encode())

    @classmethod
    def read(cls, rows: RowReader, block_hash: bytes) -> BlockRecord | None:
        """The record of ``block_hash``, or None when unknown."""
        raw = rows.get(Column.BLOCKS.key(block_hash))
        if raw is None:
            return None
        if len(raw) != _RECORD_LENGTH:
            raise CorruptDatabaseError(
                f"block record of 0x{block_hash.hex()} is {len(raw)} bytes, "
                f"expected {_RECORD_LENGTH}")
        return cls(block_hash, _NUMBER.unpack_from(raw)[0], raw[4:36], raw[36:68])


def _hash_row(kv: KeyValueStore, name: bytes) -> bytes | None:
    raw = kv.get(Column.META.key(name))
    if raw is not None and len(raw) != 32:
        raise CorruptDatabaseError(f"meta row '{name.decode()}' is {len(raw)} bytes, expected 32")
    return raw


def _number_row(kv: KeyValueStore, name: bytes) -> int:
    raw = kv.get(Column.META.key(name))
    if raw is None:
        return 0
    if len(raw) != 4:
        raise CorruptDatabaseError(f"meta row '{name.decode()}' is {len(raw)} bytes, expected 4")
    return _NUMBER.unpack(raw)[0]


@dataclass(slots=True)
class ChainMeta:
    """The chain pointers and settings kept in the ``M`` column."""

    pruning: Pruning
    genesis: bytes | None = None
    best: bytes | None = None
    final: bytes | None = None
    pruned_to: int = 0
    journal_floor: int = 0

    @classmethod
    def load(cls, kv: KeyValueStore, pruning: Pruning | None) -> ChainMeta:
        """Read the meta rows; ``pruning`` overrides the stored mode (within the rules)."""
        schema = kv.get(Column.META.key(b"schema"))
        if schema is not None and schema != bytes([SCHEMA_VERSION]):
            raise CorruptDatabaseError(
                f"database schema {schema.hex()} is not the supported version {SCHEMA_VERSION}")
        stored_raw = kv.get(Column.META.key(b"pruning"))
        stored = Pruning.decode(stored_raw) if stored_raw is not None else None
        chosen = pruning or stored or Pruning()
        if stored is not None and stored.archive and not chosen.archive:
            raise ChainDBError(
                "this database was written in archive mode; it cannot switch to pruning "
                "(the journals pruning needs were not kept)")
        return cls(chosen, _hash_row(kv, b"genesis"), _hash_row(kv, b"best"),
                   _hash_row(kv, b"final"), _number_row(kv, b"pruned_to"),
                   _number_row(kv, b"journal_floor"))

    def copy(self) -> ChainMeta:
        """An independent copy to stage changes on."""
        return replace(self)

    def write(self, batch: WriteBatch) -> None:
        """Stage every meta row."""
        meta = Column.META
        batch.put(meta.key(b"schema"), bytes([SCHEMA_VERSION]))
        batch.put(meta.key(b"pruning"), self.pruning.encode())
        batch.put(meta.key(b"pruned_to"), _NUMBER.pack(self.pruned_to))
        batch.put(meta.key(b"journal_floor"), _NUMBER.pack(self.journal_floor))
        for name, value in ((b"genesis", self.genesis), (b"best", self.best),
                            (b"final", self.final)):
            if value is not None:
                batch.put(meta.key(name), value)
