"""Block primitives: digest items, ``Digest``, ``Header`` and ``Block`` (substrate.md §4.1-4.2).

``Header = parent_hash[32] ‖ compact(number) ‖ state_root[32] ‖ extrinsics_root[32] ‖ digest`` and
the block hash is ``blake2_256`` of that encoding. ``Block = header ‖ Vec<OpaqueExtrinsic>``; each
extrinsic in ``Block.extrinsics`` is its full encoding INCLUDING its own compact length prefix (the
form ``chain_getBlock`` returns and ``author_submitExtrinsic`` takes), so the body is
``compact(count) ‖ concat(extrinsics)``.

The dataclasses here have hand-written codecs (block import is hot); ``HEADER_TYPE``,
``DIGEST_TYPE`` and ``DIGEST_ITEM_TYPE`` are the equivalent SCALE type objects, with the
``sp_runtime`` paths, for metadata generation. Block numbers are u32 (subtensor's ``BlockNumber``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from runtime.primitives.hashing import blake2_256
from runtime.primitives.scale import (
    U8,
    U32,
    Array,
    Bytes,
    Compact,
    DecodeError,
    Enum,
    ScaleError,
    Struct,
    TypeParam,
    Vec,
    decode_compact,
    encode_compact,
)
from runtime.primitives.scale.base import Buffer
from runtime.primitives.scale.common import H256

MAX_BLOCK_NUMBER = (1 << 32) - 1
# The root of an empty trie: blake2_256 of the empty-node encoding 0x00 (the extrinsics root of a
# block without extrinsics, e.g. genesis).
EMPTY_TRIE_ROOT = blake2_256(b"\x00")
AURA_ENGINE_ID = b"aura"
GRANDPA_ENGINE_ID = b"FRNK"


class BlockError(ScaleError, ValueError):
    """A header, digest item or block built from invalid parts (or from malformed JSON)."""


def _check_bytes(owner: str, name: str, value: Any, length: int | None = None) -> None:
    if not isinstance(value, bytes):
        raise BlockError(f"{owner}.{name} must be bytes, got {type(value).__name__}")
    if length is not None and len(value) != length:
        raise BlockError(f"{owner}.{name} must be {length} bytes, got {len(value)}")


@dataclass(frozen=True, slots=True)
class _EngineItem:
    """Common shape of the engine-tagged digest items."""

    engine: bytes
    data: bytes
    TYPE_BYTE: ClassVar[int] = -1

    def __post_init__(self) -> None:
        _check_bytes(type(self).__name__, "engine", self.engine, 4)
        _check_bytes(type(self).__name__, "data", self.data)

    def encode(self) -> bytes:
        """Type byte ‖ engine id ‖ compact(len) ‖ data."""
        return bytes((self.TYPE_BYTE,)) + self.engine + encode_compact(len(self.data)) + self.data


@dataclass(frozen=True, slots=True)
class PreRuntime(_EngineItem):
    """Consensus engine → runtime (e.g. the Aura slot as u64 LE); type byte 6."""

    TYPE_BYTE: ClassVar[int] = 6


@dataclass(frozen=True, slots=True)
class Consensus(_EngineItem):
    """Runtime → consensus engine (GRANDPA authority changes, Frontier post-log); type byte 4."""

    TYPE_BYTE: ClassVar[int] = 4


@dataclass(frozen=True, slots=True)
class Seal(_EngineItem):
    """The block author's signature; must be the last item; type byte 5."""

    TYPE_BYTE: ClassVar[int] = 5


@dataclass(frozen=True, slots=True)
class Other:
    """Opaque data; type byte 0."""

    data: bytes
    TYPE_BYTE: ClassVar[int] = 0

    def __post_init__(self) -> None:
        _check_bytes("Other", "data", self.data)

    def encode(self) -> bytes:
        """``00`` ‖ compact(len) ‖ data."""
        return b"\x00" + encode_compact(len(self.data)) + self.data


@dataclass(frozen=True, slots=True)
class RuntimeEnvironmentUpdated:
    """Emitted when ``:code`` or ``:heappages`` changed; no payload; type byte 8."""

    TYPE_BYTE: ClassVar[int] = 8

    def encode(self) -> bytes:
        """``08``."""
        return b"\x08"


DigestItem = PreRuntime | Consensus | Seal | Other | RuntimeEnvironmentUpdated
_new_object = object.__new__
_set_field = object.__setattr__
_ENGINE_ITEMS: dict[int, type[_EngineItem]] = {6: PreRuntime, 4: Consensus, 5: Seal}


def _take(data: Buffer, offset: int, size: int, what: str) -> bytes:
    end = offset + size
    if end > len(data):
        raise DecodeError(what, offset, f"needs {size} bytes, {max(len(data) - offset, 0)} left")
    return bytes(data[offset:end])


def decode_digest_item_from(data: Buffer, offset: int = 0) -> tuple[DigestItem, int]:
    """Decode one digest item at ``offset``; unknown type bytes are a ``DecodeError``."""
    try:
        kind = data[offset]
    except IndexError:
        raise DecodeError("DigestItem", offset, "input ends before the item type") from None
    engine_item = _ENGINE_ITEMS.get(kind)
    if engine_item is not None:
        if offset + 5 > len(data):
            raise DecodeError("DigestItem.engine", offset + 1, "needs 4 bytes for the engine id")
        length, start = decode_compact(data, offset + 5, "DigestItem.data")
        end = start + length
        if end > len(data):
            raise DecodeError("DigestItem.data", offset + 5, f"length prefix {length} exceeds "
                              f"the {len(data) - start} bytes left")
        # Built without re-validation: the decoder guarantees a 4-byte engine and bytes data.
        item = _new_object(engine_item)
        _set_field(item, "engine", bytes(data[offset + 1:offset + 5]))
        _set_field(item, "data", bytes(data[start:end]))
        return item, end
    if kind == 0:
        payload, end = Bytes.decode_from(data, offset + 1)
        return Other(payload), end
    if kind == 8:
        return RuntimeEnvironmentUpdated(), offset + 1
    raise DecodeError("DigestItem", offset, f"unknown digest item type {kind}")


def decode_digest_item(data: Buffer) -> DigestItem:
    """Decode exactly one digest item (the form of each ``digest.logs`` entry in JSON-RPC)."""
    item, end = decode_digest_item_from(data, 0)
    if end != len(data):
        raise DecodeError("DigestItem", end, f"{len(data) - end} trailing byte(s)")
    return item


@dataclass(frozen=True, slots=True)
class Digest:
    """The header's log: a sequence of digest items (a ``Seal``, if any, last)."""

    logs: tuple[DigestItem, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.logs, tuple):
            object.__setattr__(self, "logs", tuple(self.logs))
        for item in self.logs:
            if not isinstance(item, (_EngineItem, Other, RuntimeEnvironmentUpdated)):
                raise BlockError(f"Digest.logs holds a {type(item).__name__}, not a digest item")

    def encode(self) -> bytes:
        """compact(count) ‖ items."""
        return encode_compact(len(self.logs)) + b"".join([item.encode() for item in self.logs])

    @classmethod
    def decode_from(cls, data: Buffer, offset: int = 0) -> tuple[Digest, int]:
        """Decode a digest at ``offset``."""
        count, position = decode_compact(data, offset, "Digest")
        if count > len(data) - position:
            raise DecodeError("Digest", offset, f"{count} items cannot fit in what is left")
        items = []
        for _ in range(count):
            item, position = decode_digest_item_from(data, position)
            items.append(item)
        digest = _new_object(cls)
        _set_field(digest, "logs", tuple(items))
        return digest, position

    def pre_runtime(self, engine: bytes) -> bytes | None:
        """The data of the first ``PreRuntime`` item of ``engine`` (e.g. the Aura slot)."""
        for item in self.logs:
            if type(item) is PreRuntime and item.engine == engine:
                return item.data
        return None

    @property
    def seal(self) -> Seal | None:
        """The trailing ``Seal`` item, if the digest ends with one."""
        return self.logs[-1] if self.logs and type(self.logs[-1]) is Seal else None

    def without_seal(self) -> Digest:
        """This digest minus its trailing ``Seal`` (what the runtime and the author sign see)."""
        return Digest(self.logs[:-1]) if self.seal is not None else self


@dataclass(frozen=True, slots=True)
class Header:
    """A block header; ``number`` is encoded compact; ``hash()`` is the block hash."""

    parent_hash: bytes
    number: int
    state_root: bytes
    extrinsics_root: bytes
    digest: Digest = Digest()
    _hash: bytes | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in ("parent_hash", "state_root", "extrinsics_root"):
            _check_bytes("Header", name, getattr(self, name), 32)
        if not isinstance(self.number, int) or not 0 <= self.number <= MAX_BLOCK_NUMBER:
            raise BlockError(f"Header.number must be an int in 0..{MAX_BLOCK_NUMBER}, "
                             f"got {self.number!r}")
        if not isinstance(self.digest, Digest):
            raise BlockError(f"Header.digest must be a Digest, got {type(self.digest).__name__}")

    def encode(self) -> bytes:
        """The SCALE encoding (what is hashed)."""
        return b"".join((self.parent_hash, encode_compact(self.number), self.state_root,
                         self.extrinsics_root, self.digest.encode()))

    def hash(self) -> bytes:
        """The block hash: ``blake2_256(encode())`` (computed once, then cached)."""
        cached = self._hash
        if cached is None:
            cached = blake2_256(self.encode())
            _set_field(self, "_hash", cached)
        return cached

    def without_seal(self) -> Header:
        """The header minus its trailing ``Seal`` item (the pre-seal header)."""
        digest = self.digest.without_seal()
        if digest is self.digest:
            return self
        return Header(self.parent_hash, self.number, self.state_root, self.extrinsics_root, digest)

    def pre_seal_hash(self) -> bytes:
        """``blake2_256`` of the header without its seal: what the Aura author signs."""
        return self.without_seal().hash()

    @classmethod
    def decode_from(cls, data: Buffer, offset: int = 0) -> tuple[Header, int]:
        """Decode a header at ``offset``."""
        parent_hash = _take(data, offset, 32, "Header.parent_hash")
        number, position = decode_compact(data, offset + 32, "Header.number")
        if number > MAX_BLOCK_NUMBER:
            raise DecodeError("Header.number", offset + 32, f"{number} exceeds u32")
        roots = _take(data, position, 64, "Header.state_root/extrinsics_root")
        digest, end = Digest.decode_from(data, position + 64)
        # Built without re-validation: every field was just checked by the decoder.
        header = _new_object(cls)
        _set_field(header, "parent_hash", parent_hash)
        _set_field(header, "number", number)
        _set_field(header, "state_root", roots[:32])
        _set_field(header, "extrinsics_root", roots[32:])
        _set_field(header, "digest", digest)
        _set_field(header, "_hash", None)
        return header, end

    @classmethod
    def decode(cls, data: Buffer) -> Header:
        """Decode exactly one header; trailing bytes are a ``DecodeError``."""
        header, end = cls.decode_from(data, 0)
        if end != len(data):
            raise DecodeError("Header", end, f"{len(data) - end} trailing byte(s)")
        return header

    def to_json(self) -> dict[str, Any]:
        """The JSON-RPC form (``chain_getHeader``)."""
        return {
            "parentHash": "0x" + self.parent_hash.hex(),
            "number": hex(self.number),
            "stateRoot": "0x" + self.state_root.hex(),
            "extrinsicsRoot": "0x" + self.extrinsics_root.hex(),
            "digest": {"logs": ["0x" + item.encode().hex() for item in self.digest.logs]},
        }

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Header:
        """Parse the JSON-RPC form; malformed input is a ``BlockError``."""
        try:
            logs = obj["digest"]["logs"]
            items = tuple(decode_digest_item(_from_hex(log, "digest log")) for log in logs)
            return cls(_from_hex(obj["parentHash"], "parentHash"),
                       _hex_int(obj["number"]),
                       _from_hex(obj["stateRoot"], "stateRoot"),
                       _from_hex(obj["extrinsicsRoot"], "extrinsicsRoot"), Digest(items))
        except (KeyError, TypeError) as exc:
            raise BlockError(f"malformed JSON header: {exc!r}") from None
        except DecodeError as exc:
            raise BlockError(f"malformed JSON header digest: {exc}") from None


def genesis_header(state_root: bytes, extrinsics_root: bytes = EMPTY_TRIE_ROOT) -> Header:
    """The genesis header: zero parent hash, number 0, the genesis state root, the empty-trie
    extrinsics root and an empty digest."""
    return Header(bytes(32), 0, state_root, extrinsics_root, Digest())


def _from_hex(value: Any, what: str) -> bytes:
    if not isinstance(value, str) or not value.startswith("0x"):
        raise BlockError(f"{what} must be a 0x-prefixed hex string, got {value!r}")
    try:
        return bytes.fromhex(value[2:])
    except ValueError:
        raise BlockError(f"{what} is not valid hex: {value!r}") from None


def _hex_int(value: Any) -> int:
    if not isinstance(value, str) or not value.startswith("0x") or len(value) < 3:
        raise BlockError(f"number must be a 0x-prefixed hex integer, got {value!r}")
    try:
        return int(value[2:], 16)
    except ValueError:
        raise BlockError(f"number is not a hex integer: {value!r}") from None


def split_extrinsic(data: Buffer, offset: int = 0) -> tuple[bytes, int]:
    """One length-prefixed extrinsic at ``offset``, returned WITH its prefix, and the end offset."""
    length, start = decode_compact(data, offset, "Extrinsic")
    end = start + length
    if end > len(data):
        raise DecodeError("Extrinsic", offset, f"length {length} exceeds the input left")
    return bytes(data[offset:end]), end


@dataclass(frozen=True, slots=True)
class Block:
    """A header and its extrinsics (each one's full encoding, with its compact length prefix)."""

    header: Header
    extrinsics: tuple[bytes, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.header, Header):
            raise BlockError(f"Block.header must be a Header, got {type(self.header).__name__}")
        if not isinstance(self.extrinsics, tuple):
            object.__setattr__(self, "extrinsics", tuple(self.extrinsics))
        for index, extrinsic in enumerate(self.extrinsics):
            if not isinstance(extrinsic, bytes):
                raise BlockError(f"extrinsic {index} must be bytes")
            try:
                _, end = split_extrinsic(extrinsic)
            except DecodeError as exc:
                raise BlockError(f"extrinsic {index} is not length-prefixed: {exc}") from None
            if end != len(extrinsic):
                raise BlockError(f"extrinsic {index} has {len(extrinsic) - end} bytes beyond "
                                 "its length prefix")

    def encode(self) -> bytes:
        """header ‖ compact(count) ‖ extrinsics."""
        return (self.header.encode() + encode_compact(len(self.extrinsics))
                + b"".join(self.extrinsics))

    def hash(self) -> bytes:
        """The block hash (the header's hash)."""
        return self.header.hash()

    @classmethod
    def decode(cls, data: Buffer) -> Block:
        """Decode a whole block; trailing bytes are a ``DecodeError``."""
        header, position = Header.decode_from(data, 0)
        count, position = decode_compact(data, position, "Block.extrinsics")
        if count > len(data) - position:
            raise DecodeError("Block.extrinsics", position, f"{count} extrinsics cannot fit")
        extrinsics = []
        for _ in range(count):
            extrinsic, position = split_extrinsic(data, position)
            extrinsics.append(extrinsic)
        if position != len(data):
            raise DecodeError("Block", position, f"{len(data) - position} trailing byte(s)")
        return cls(header, tuple(extrinsics))

    def to_json(self) -> dict[str, Any]:
        """The JSON-RPC form of the block inside ``chain_getBlock``'s ``block`` field."""
        return {"header": self.header.to_json(),
                "extrinsics": ["0x" + extrinsic.hex() for extrinsic in self.extrinsics]}

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Block:
        """Parse the JSON-RPC form."""
        try:
            extrinsics = tuple(_from_hex(x, "extrinsic") for x in obj["extrinsics"])
            return cls(Header.from_json(obj["header"]), extrinsics)
        except (KeyError, TypeError) as exc:
            raise BlockError(f"malformed JSON block: {exc!r}") from None


# ---- SCALE type objects with the sp_runtime paths (metadata) ---------------------------------

ConsensusEngineId = Array(U8, 4)
BLAKE_TWO_256_TYPE = Struct("BlakeTwo256", [], path=("sp_runtime", "traits", "BlakeTwo256"))
_ENGINE_FIELDS = [(None, ConsensusEngineId, "ConsensusEngineId"), (None, Bytes, "Vec<u8>")]
DIGEST_ITEM_TYPE = Enum("DigestItem", [
    ("PreRuntime", _ENGINE_FIELDS, 6),
    ("Consensus", _ENGINE_FIELDS, 4),
    ("Seal", _ENGINE_FIELDS, 5),
    ("Other", [(None, Bytes, "Vec<u8>")], 0),
    ("RuntimeEnvironmentUpdated", None, 8),
], path=("sp_runtime", "generic", "digest", "DigestItem"))
DIGEST_TYPE = Struct("Digest", [("logs", Vec(DIGEST_ITEM_TYPE), "Vec<DigestItem>")],
                     path=("sp_runtime", "generic", "digest", "Digest"))
HEADER_TYPE = Struct("Header", [
    ("parent_hash", H256, "Hash::Output"),
    ("number", Compact(U32), "Number"),
    ("state_root", H256, "Hash::Output"),
    ("extrinsics_root", H256, "Hash::Output"),
    ("digest", DIGEST_TYPE, "Digest"),
], path=("sp_runtime", "generic", "header", "Header"),
    params=(TypeParam("Number", U32), TypeParam("Hash", BLAKE_TWO_256_TYPE)))
