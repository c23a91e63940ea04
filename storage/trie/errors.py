"""Exceptions of the state trie: bad node bytes, absent or corrupt nodes, bad proofs."""

from __future__ import annotations


class TrieError(Exception):
    """Base class of every error raised by ``storage.trie``."""


class TrieNodeDecodeError(TrieError):
    """A node encoding is malformed; ``offset`` is the byte position where decoding failed."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(f"{message} (at byte offset {offset})")
        self.offset = offset


class MissingNodeError(TrieError):
    """A node (or V1 value node) referenced by the trie is absent from the node store."""

    def __init__(self, node_hash: bytes, key_path: str) -> None:
        super().__init__(
            f"trie node 0x{node_hash.hex()} referenced at key path {_describe_path(key_path)} "
            "is missing from the node store")
        self.node_hash = node_hash
        self.key_path = key_path


class CorruptNodeError(TrieError):
    """A stored node does not hash to its key, or its bytes do not decode."""

    def __init__(self, node_hash: bytes, key_path: str, reason: str) -> None:
        super().__init__(
            f"trie node 0x{node_hash.hex()} at key path {_describe_path(key_path)} is corrupt: "
            f"{reason}")
        self.node_hash = node_hash
        self.key_path = key_path
        self.reason = reason


class InvalidProofError(TrieError):
    """A read proof does not lead from the claimed root to the requested keys."""


def _describe_path(key_path: str) -> str:
    """Nibble path as text: hex nibbles after ``0x``, or ``<root>`` for the empty path."""
    return f"0x{key_path} ({len(key_path)} nibbles)" if key_path else "<root>"
