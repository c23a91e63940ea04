"""Node encoding of Substrate's base-16 Patricia-Merkle trie (spec/substrate.md §3.2–3.3).

A node is ``header ‖ partial key ‖ body``. Partial keys are handled as *nibble strings*: one
lowercase hex character per nibble (``"a1f"`` is the three nibbles 10, 1, 15), which keeps slicing,
comparing and prefix tests in C. A value is either inline (``compact(len) ‖ bytes``) or, in state
version 1 for values of 33 bytes or more, its 32-byte blake2_256 hash. Branch children are
*references*: the child's encoding itself when shorter than 32 bytes, otherwise its blake2_256 hash.

``decode_node`` is strict: every malformed input raises :class:`TrieNodeDecodeError` with the byte
offset, including trailing bytes, bad padding, a zero child bitmap and non-canonical compacts.
"""

from __future__ import annotations

from typing import NamedTuple

from runtime.primitives.hashing import blake2_256
from storage.trie.errors import TrieError, TrieNodeDecodeError

EMPTY_NODE_ENCODING = b"\x00"
EMPTY_TRIE_ROOT = blake2_256(EMPTY_NODE_ENCODING)
HASH_LENGTH = 32
MAX_INLINE_VALUE = 32  # V1 hashes values longer than this
MAX_PARTIAL_NIBBLES = 0xFFFF
NIBBLE_INDEX = {c: i for i, c in enumerate("0123456789abcdef")}
NIBBLE_CHARS = "0123456789abcdef"

# (variant bits, mask of the length bits) of each node kind
_LEAF = (0x40, 0x3F)
_BRANCH = (0x80, 0x3F)
_BRANCH_VALUE = (0xC0, 0x3F)
_LEAF_HASHED = (0x20, 0x1F)
_BRANCH_HASHED = (0x10, 0x0F)


class HashedValue(NamedTuple):
    """A value known only by its blake2_256 hash (V1 tries only), e.g. a large ``:code``."""

    hash: bytes


class Node(NamedTuple):
    """A decoded trie node (treat as immutable; decoded nodes are shared through caches).

    ``partial`` is the nibble string of the partial key; ``value`` the inline value, or the value's
    32-byte hash when ``value_hashed``; ``children`` the 16 child references of a branch (``None``
    where absent) or ``None`` for a leaf. The empty-trie node has neither value nor children.
    """

    partial: str
    value: bytes | None
    value_hashed: bool
    children: tuple[bytes | None, ...] | None

    @property
    def is_empty(self) -> bool:
        """Whether this is the empty-trie node (encoding ``00``)."""
        return self.children is None and self.value is None


EMPTY_NODE = Node("", None, False, None)
# new_node(Node, (partial, value, value_hashed, children)): a Node without the slower
# keyword-handling constructor (hot paths only).
new_node = tuple.__new__


# ---------------------------------------------------------------------------------------------
# compact integers (SCALE)


def encode_compact(value: int) -> bytes:
    """SCALE compact encoding of a non-negative integer."""
    if value < 0:
        raise TrieError(f"compact integers are non-negative, got {value}")
    if value < 1 << 6:
        return bytes((value << 2,))
    if value < 1 << 14:
        return ((value << 2) | 1).to_bytes(2, "little")
    if value < 1 << 30:
        return ((value << 2) | 2).to_bytes(4, "little")
    size = (value.bit_length() + 7) // 8
    if size > 67:
        raise TrieError(f"integer {value} is too large for a compact encoding")
    return bytes((((size - 4) << 2) | 3,)) + value.to_bytes(size, "little")


def decode_compact(data: bytes, offset: int) -> tuple[int, int]:
    """Decode a canonical compact integer at ``offset``; returns (value, offset after it)."""
    if offset >= len(data):
        raise TrieNodeDecodeError("truncated compact integer", offset)
    mode = data[offset] & 3
    if mode == 0:
        return data[offset] >> 2, offset + 1
    width = 2 if mode == 1 else 4 if mode == 2 else (data[offset] >> 2) + 5
    end = offset + width
    if end > len(data):
        raise TrieNodeDecodeError("truncated compact integer", offset)
    if mode == 3:
        value = int.from_bytes(data[offset + 1:end], "little")
        if value < 1 << 30 or value >> (8 * (width - 2)) == 0:
            raise TrieNodeDecodeError("non-canonical compact integer", offset)
        return value, end
    value = int.from_bytes(data[offset:end], "little") >> 2
    if value < (1 << 6 if mode == 1 else 1 << 14):
        raise TrieNodeDecodeError("non-canonical compact integer", offset)
    return value, end


# ---------------------------------------------------------------------------------------------
# nibbles


def key_to_nibbles(key: bytes) -> str:
    """The nibble string of a byte key (high nibble first)."""
    return key.hex()


def nibbles_to_key(nibbles: str) -> bytes:
    """The byte key of an even-length nibble string."""
    if len(nibbles) % 2:
        raise TrieError(f"a key path of {len(nibbles)} nibbles does not end on a byte boundary")
    return bytes.fromhex(nibbles)


def common_prefix_length(a: str, b: str, start: int) -> int:
    """Index of the first position ≥ ``start`` where nibble strings ``a`` and ``b`` differ."""
    end = min(len(a), len(b))
    if a[start:end] == b[start:end]:
        return end
    diff = int(a[start:end], 16) ^ int(b[start:end], 16)
    return end - (diff.bit_length() + 3) // 4


def pack_nibbles(nibbles: str) -> bytes:
    """Partial-key bytes: nibbles two per byte; an odd count puts the first nibble alone in 0x0N."""
    return bytes.fromhex(nibbles) if len(nibbles) % 2 == 0 else bytes.fromhex("0" + nibbles)


# ---------------------------------------------------------------------------------------------
# encoding


def _header(kind: tuple[int, int], nibble_count: int) -> bytes:
    bits, mask = kind
    if nibble_count < mask:
        return _SHORT_HEADERS[bits | nibble_count]
    if nibble_count > MAX_PARTIAL_NIBBLES:
        raise TrieError(f"partial key of {nibble_count} nibbles exceeds the {MAX_PARTIAL_NIBBLES} "
                        "nibble bound of the node header")
    rest = nibble_count - mask
    out = bytearray((bits | mask,))
    while rest >= 255:
        out.append(255)
        rest -= 255
    out.append(rest)
    return bytes(out)


_SHORT_HEADERS = [bytes((byte,)) for byte in range(256)]
_SMALL_COMPACTS = [bytes((length << 2,)) for length in range(64)]
_HASHED_REF_PREFIX = b"\x80"  # compact(32)


def encode_leaf(partial: str, value: bytes, value_hashed: bool = False) -> bytes:
    """Encoding of a leaf; ``value`` is the 32-byte value hash when ``value_hashed``."""
    packed = bytes.fromhex(partial) if len(partial) % 2 == 0 else bytes.fromhex("0" + partial)
    if value_hashed:
        return _header(_LEAF_HASHED, len(partial)) + packed + value
    size = len(value)
    length = _SMALL_COMPACTS[size] if size < 64 else encode_compact(size)
    return b"".join((_header(_LEAF, len(partial)), packed, length, value))


def encode_branch(partial: str, value: bytes | None, value_hashed: bool,
                  children: list[bytes | None] | tuple[bytes | None, ...]) -> bytes:
    """Encoding of a branch from its 16 child references (``None`` where absent)."""
    bitmap = 0
    bit = 1
    for ref in children:
        if ref is not None:
            bitmap |= bit
        bit <<= 1
    present = list(filter(None, children))
    if sum(map(len, present)) == HASH_LENGTH * len(present):  # only hashed children
        body = _HASHED_REF_PREFIX + _HASHED_REF_PREFIX.join(present)
    else:
        body = b"".join([(_HASHED_REF_PREFIX if len(ref) == HASH_LENGTH
                          else _SMALL_COMPACTS[len(ref)]) + ref for ref in present])
    packed = bytes.fromhex(partial) if len(partial) % 2 == 0 else bytes.fromhex("0" + partial)
    if value is None:
        head = _header(_BRANCH, len(partial))
        value_part = b""
    elif value_hashed:
        head = _header(_BRANCH_HASHED, len(partial))
        value_part = value
    else:
        head = _header(_BRANCH_VALUE, len(partial))
        value_part = encode_compact(len(value)) + value
    return b"".join((head, packed, bitmap.to_bytes(2, "little"), value_part, body))


def encode_node(node: Node) -> bytes:
    """Encoding of a decoded node (the inverse of :func:`decode_node`)."""
    if node.is_empty:
        return EMPTY_NODE_ENCODING
    if node.value_hashed and (node.value is None or len(node.value) != HASH_LENGTH):
        raise TrieError("a hashed value must be a 32-byte hash")
    if node.children is None:
        if node.value is None:
            raise TrieError("a leaf needs a value")
        return encode_leaf(node.partial, node.value, node.value_hashed)
    if len(node.children) != 16:
        raise TrieError(f"a branch has 16 child slots, got {len(node.children)}")
    if not any(ref is not None for ref in node.children):
        raise TrieError("a branch needs at least one child")
    if any(ref is not None and not 0 < len(ref) <= HASH_LENGTH for ref in node.children):
        raise TrieError("a child reference has 1 to 32 bytes")
    return encode_branch(node.partial, node.value, node.value_hashed, node.children)


def node_reference(encoding: bytes) -> bytes:
    """How a parent refers to a child: the encoding itself below 32 bytes, else its hash."""
    return encoding if len(encoding) < HASH_LENGTH else blake2_256(encoding)


# ---------------------------------------------------------------------------------------------
# decoding


def _header_kind(first: int) -> tuple[int, bool, bool, int] | None:
    """(kind, has_value, value_hashed, length mask) of a header byte; kind 0 leaf, 1 branch."""
    if first >> 6 == 1:
        return 0, True, False, 0x3F
    if first >> 6 == 2:
        return 1, False, False, 0x3F
    if first >> 6 == 3:
        return 1, True, False, 0x3F
    if first >> 5 == 1:
        return 0, True, True, 0x1F
    if first >> 4 == 1:
        return 1, True, True, 0x0F
    return None


_HEADER_KINDS = [_header_kind(first) for first in range(256)]


def _decode_header(data: bytes) -> tuple[int, bool, bool, int, int]:
    """(kind, has_value, value_hashed, nibble count, offset after header)."""
    first = data[0]
    header_kind = _HEADER_KINDS[first]
    if header_kind is None:
        raise TrieNodeDecodeError(f"invalid node header byte 0x{first:02x}", 0)
    kind, has_value, hashed, mask = header_kind
    count = first & mask
    offset = 1
    if count == mask:
        while True:
            if offset >= len(data):
                raise TrieNodeDecodeError("truncated partial-key length", offset)
            step = data[offset]
            offset += 1
            count += step
            if count > MAX_PARTIAL_NIBBLES:
                raise TrieNodeDecodeError("partial-key length exceeds 65535 nibbles", offset - 1)
            if step < 255:
                break
    return kind, has_value, hashed, count, offset


def _decode_value(data: bytes, offset: int, hashed: bool) -> tuple[bytes, int]:
    if hashed:
        end = offset + HASH_LENGTH
        if end > len(data):
            raise TrieNodeDecodeError("truncated value hash", offset)
        return data[offset:end], end
    length, start = decode_compact(data, offset)
    end = start + length
    if end > len(data):
        raise TrieNodeDecodeError(f"inline value of {length} bytes overruns the node", offset)
    return data[start:end], end


def _decode_children(data: bytes, offset: int, bitmap: int) -> tuple[tuple[bytes | None, ...], int]:
    children: list[bytes | None] = [None] * 16
    size = len(data)
    while bitmap:
        lowest = bitmap & -bitmap
        bitmap ^= lowest
        if offset >= size:
            raise TrieNodeDecodeError("truncated child reference", offset)
        prefix = data[offset]
        length = HASH_LENGTH if prefix == 0x80 else prefix >> 2  # 0x80: compact(32), a hash
        if prefix & 3 or length == 0 or length > HASH_LENGTH:
            raise TrieNodeDecodeError(
                f"child reference of {decode_compact(data, offset)[0]} bytes", offset)
        end = offset + 1 + length
        if end > size:
            raise TrieNodeDecodeError("truncated child reference", offset)
        children[lowest.bit_length() - 1] = data[offset + 1:end]
        offset = end
    return tuple(children), offset


def decode_node(data: bytes) -> Node:
    """Decode one node encoding strictly; raises :class:`TrieNodeDecodeError` on any defect."""
    if not data:
        raise TrieNodeDecodeError("empty node encoding", 0)
    if data[0] == 0:
        if len(data) != 1:
            raise TrieNodeDecodeError("bytes after the empty-trie node", 1)
        return EMPTY_NODE
    kind, has_value, hashed, count, offset = _decode_header(data)
    size = (count + 1) // 2
    if offset + size > len(data):
        raise TrieNodeDecodeError(f"partial key of {count} nibbles overruns the node", offset)
    if count % 2 and data[offset] >> 4:
        raise TrieNodeDecodeError("non-zero padding nibble in an odd partial key", offset)
    partial = data[offset:offset + size].hex()[count % 2:]
    offset += size
    value: bytes | None = None
    children: tuple[bytes | None, ...] | None = None
    if kind == 0:
        value, offset = _decode_value(data, offset, hashed)
    else:
        if offset + 2 > len(data):
            raise TrieNodeDecodeError("truncated child bitmap", offset)
        bitmap = int.from_bytes(data[offset:offset + 2], "little")
        if bitmap == 0:
            raise TrieNodeDecodeError("branch without children (zero bitmap)", offset)
        offset += 2
        if has_value:
            value, offset = _decode_value(data, offset, hashed)
        children, offset = _decode_children(data, offset, bitmap)
    if offset != len(data):
        raise TrieNodeDecodeError(f"{len(data) - offset} trailing bytes after the node", offset)
    return new_node(Node, (partial, value, hashed, children))
