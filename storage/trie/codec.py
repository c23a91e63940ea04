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
        return bytes((bits | nibble_count,))
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


def encode_leaf(partial: str, value: bytes, value_hashed: bool = False) -> bytes:
    """Encoding of a leaf; ``value`` is the 32-byte value hash when ``value_hashed``."""
    if value_hashed:
        return _header(_LEAF_HASHED, len(partial)) + pack_nibbles(partial) + value
    return _header(_LEAF, len(partial)) + pack_nibbles(partial) + encode_compact(len(value)) + value


def encode_branch(partial: str, value: bytes | None, value_hashed: bool,
                  children: list[bytes | None] | tuple[bytes | None, ...]) -> bytes:
    """Encoding of a branch from its 16 child references (``None`` where absent)."""
    bitmap = 0
    parts: list[bytes] = []
    for index, ref in enumerate(children):
        if ref is not None:
            bitmap |= 1 << index
            parts.append(b"\x80" + ref if len(ref) == HASH_LENGTH
                         else encode_compact(len(ref)) + ref)
    if value is None:
        head = _header(_BRANCH, len(partial)) + pack_nibbles(partial) + bitmap.to_bytes(2, "little")
    elif value_hashed:
        head = (_header(_BRANCH_HASHED, len(partial)) + pack_nibbles(partial)
                + bitmap.to_bytes(2, "little") + value)
    else:
        head = (_header(_BRANCH_VALUE, len(partial)) + pack_nibbles(partial)
                + bitmap.to_bytes(2, "little") + encode_compact(len(value)) + value)
    return head + b"".join(parts)


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
    return encode_branch(node.partial, node.value, node.value_hashed, node.children)


def node_reference(encoding: bytes) -> bytes:
    """How a parent refers to a child: the encoding itself below 32 bytes, else its hash."""
    return encoding if len(encoding) < HASH_LENGTH else blake2_256(encoding)


# ---------------------------------------------------------------------------------------------
# decoding


def _decode_header(data: bytes) -> tuple[int, bool, bool, int, int]:
    """(kind, has_value, value_hashed, nibble count, offset after header); kind 0 leaf, 1 branch."""
    first = data[0]
    if first >> 6 == 1:
        kind, has_value, hashed, mask = 0, True, False, 0x3F
    elif first >> 6 == 2:
        kind, has_value, hashed, mask = 1, False, False, 0x3F
    elif first >> 6 == 3:
        kind, has_value, hashed, mask = 1, True, False, 0x3F
    elif first >> 5 == 1:
        kind, has_value, hashed, mask = 0, True, True, 0x1F
    elif first >> 4 == 1:
        kind, has_value, hashed, mask = 1, True, True, 0x0F
    else:
        raise TrieNodeDecodeError(f"invalid node header byte 0x{first:02x}", 0)
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
    for index in range(16):
        if bitmap >> index & 1:
            length, start = decode_compact(data, offset)
            if length == 0 or length > HASH_LENGTH:
                raise TrieNodeDecodeError(f"child reference of {length} bytes", offset)
            end = start + length
            if end > len(data):
                raise TrieNodeDecodeError("truncated child reference", offset)
            children[index] = data[start:end]
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
    return Node(partial, value, hashed, children)
