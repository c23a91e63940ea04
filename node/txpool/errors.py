"""Why the pool refuses a transaction, with the JSON-RPC error each reason becomes.

Each class carries the code, message and optional data that Substrate's author RPC
(``sc_rpc_api::author::error``) sends for the matching ``sc_transaction_pool_api::error::Error``;
``to_rpc_error()`` returns them as the JSON-RPC ``error`` object. The RPC layer may not import
``node`` (import-linter), so it should read these three attributes by duck typing.
"""

from __future__ import annotations

from typing import Any

from node.txpool.validity import InvalidTransaction, UnknownTransaction, debug_name, rpc_data

AUTHOR_BASE = 1000
POOL_INVALID_TX = AUTHOR_BASE + 10


class PoolError(Exception):
    """Base of every refusal; ``code``/``message``/``data`` are the JSON-RPC error fields."""

    code: int = AUTHOR_BASE + 40
    message: str = "Transaction pool error"
    data: str | None = None

    def __init__(self, detail: str | None = None) -> None:
        super().__init__(detail or self.message)

    def to_rpc_error(self) -> dict[str, Any]:
        """The JSON-RPC ``error`` object Substrate would send for this refusal."""
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.data is not None:
            error["data"] = self.data
        return error


class InvalidTransactionError(PoolError):
    """The runtime declared the transaction invalid (the hash is now banned)."""

    code = POOL_INVALID_TX
    message = "Invalid Transaction"

    def __init__(self, kind: InvalidTransaction) -> None:
        self.kind = kind
        self.data = rpc_data(kind)
        super().__init__(f"Invalid transaction validity: {debug_name(kind)}")


class UnknownTransactionError(PoolError):
    """The runtime could not determine validity (not banned: it may be valid later)."""

    code = POOL_INVALID_TX + 1
    message = "Unknown Transaction Validity"

    def __init__(self, kind: UnknownTransaction) -> None:
        self.kind = kind
        self.data = rpc_data(kind)
        super().__init__(f"Unknown transaction validity: {debug_name(kind)}")


class TemporarilyBanned(PoolError):
    """The hash was recently invalid, included or dropped; resubmission waits for the ban time."""

    code = POOL_INVALID_TX + 2
    message = "Transaction is temporarily banned"


class AlreadyImported(PoolError):
    """A transaction with the same hash is already in the pool."""

    code = POOL_INVALID_TX + 3
    message = "Transaction Already Imported"
    # Substrate formats the boxed `dyn Any` hash with `{:?}`, which prints exactly this.
    data = "Any { .. }"

    def __init__(self, tx_hash: bytes) -> None:
        self.tx_hash = tx_hash
        super().__init__(f"[0x{tx_hash.hex()}] Already imported")


class TooLowPriority(PoolError):
    """Replacing the transactions that provide the same tags needs strictly higher priority."""

    code = POOL_INVALID_TX + 4
    data = ("The transaction has too low priority to replace another transaction already in the "
            "pool.")

    def __init__(self, old: int, new: int) -> None:
        self.old = old
        self.new = new
        self.message = f"Priority is too low: ({old} vs {new})"
        super().__init__(f"Too low priority ({old} > {new})")


class CycleDetected(PoolError):
    """Importing the transaction would create a dependency cycle."""

    code = POOL_INVALID_TX + 5
    message = "Cycle Detected"


class ImmediatelyDropped(PoolError):
    """The transaction was the worst one when the pool enforced its limits (hash now banned)."""

    code = POOL_INVALID_TX + 6
    message = "Immediately Dropped"
    data = "The transaction couldn't enter the pool because of the limit"


class NoTagsProvided(PoolError):
    """The runtime's validity has no ``provides`` tag, so the pool cannot identify the slot."""

    code = POOL_INVALID_TX + 9
    message = "No tags provided"
    data = "Transaction does not provide any tags, so the pool can't identify it"


class ValidatorContractError(TypeError):
    """The injected validator returned something that is not a transaction validity (a bug)."""
