"""Exceptions raised by the key-value layer, the overlay and the chain database.

Every error names what went wrong and where (which key, block or column). ``storage.trie`` has its
own hierarchy (``storage.trie.errors``); trie errors raised while reading a state pass through
unchanged.
"""

from __future__ import annotations

__all__ = [
    "BlockNotFoundError",
    "ChainDBError",
    "CorruptDatabaseError",
    "DatabaseClosedError",
    "InvalidBlockCommitError",
    "KVError",
    "NoOpenTransactionError",
    "OpenTransactionsError",
    "OverlayError",
    "StatePrunedError",
    "StorageError",
]


class StorageError(Exception):
    """Base class of the errors of ``storage`` outside the trie."""


class KVError(StorageError):
    """A key-value backend refused an operation (bad argument, I/O failure)."""


class DatabaseClosedError(KVError):
    """An operation on a key-value store (or write batch) that was already closed."""


class OverlayError(StorageError):
    """Misuse of an overlay (transactions out of balance, a finished overlay reused)."""


class NoOpenTransactionError(OverlayError):
    """``commit_transaction``/``rollback_transaction`` without an open transactional layer."""


class OpenTransactionsError(OverlayError):
    """The change set was taken while transactional layers were still open."""


class ChainDBError(StorageError):
    """Base class of chain-database errors."""


class BlockNotFoundError(ChainDBError):
    """The block hash is not known to the chain database."""

    def __init__(self, block_hash: bytes, what: str = "block") -> None:
        super().__init__(f"unknown {what} 0x{block_hash.hex()}")
        self.block_hash = block_hash


class StatePrunedError(ChainDBError):
    """The block is known but its state has been pruned (or discarded with its fork)."""

    def __init__(self, block_hash: bytes, number: int, oldest_retained: int) -> None:
        super().__init__(
            f"state of block #{number} 0x{block_hash.hex()} has been pruned "
            f"(oldest retained state: #{oldest_retained})")
        self.block_hash = block_hash
        self.number = number


class InvalidBlockCommitError(ChainDBError):
    """A commit request that contradicts the stored chain (unknown parent, wrong number, ...)."""


class CorruptDatabaseError(ChainDBError):
    """Stored bytes that cannot be what this database wrote (truncated records, bad lengths)."""
