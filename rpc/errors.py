"""JSON-RPC error codes and the :class:`RpcError` exception that method handlers raise.

Three families of codes live here:

- the JSON-RPC 2.0 standard codes (-32700 … -32603);
- the server-limit codes of jsonrpsee, the library Substrate's RPC server is built on (-32005 …
  -32011), so that a client sees the same code from this node as from a Substrate node;
- Substrate's application codes, one base per RPC module (author 1000, system 2000, chain 3000,
  state 4000, offchain 5000, dev 6000), as numbered in polkadot-sdk
  ``substrate/client/rpc-api/src/{author,system,chain,state}/error.rs``.

Method authors raise ``RpcError(code, message, data)``; the dispatcher turns it into the error
object ``{"code": code, "message": message, "data": data}`` (``data`` omitted when ``None``).
Any other exception escaping a handler is a bug: it is logged with its traceback and the client
receives a generic ``-32603 Internal error``.
"""

from __future__ import annotations

from typing import Any

# --- JSON-RPC 2.0 standard errors -----------------------------------------------------------
PARSE_ERROR = -32700
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
INTERNAL_ERROR = -32603

PARSE_ERROR_MSG = "Parse error"
INVALID_REQUEST_MSG = "Invalid request"
METHOD_NOT_FOUND_MSG = "Method not found"
INVALID_PARAMS_MSG = "Invalid params"
INTERNAL_ERROR_MSG = "Internal error"

# --- server limits (jsonrpsee's codes and messages) ------------------------------------------
BATCHES_NOT_SUPPORTED = -32005
TOO_MANY_SUBSCRIPTIONS = -32006
OVERSIZED_REQUEST = -32007
OVERSIZED_RESPONSE = -32008
SERVER_IS_BUSY = -32009
TOO_BIG_BATCH_REQUEST = -32010
TOO_BIG_BATCH_RESPONSE = -32011

BATCHES_NOT_SUPPORTED_MSG = "Batched requests are not supported by this server"
TOO_MANY_SUBSCRIPTIONS_MSG = "Too many subscriptions on the connection"
OVERSIZED_REQUEST_MSG = "Request is too big"
OVERSIZED_RESPONSE_MSG = "Response is too big"
SERVER_IS_BUSY_MSG = "Server is busy, try again later"
TOO_BIG_BATCH_REQUEST_MSG = "The batch request was too large"
TOO_BIG_BATCH_RESPONSE_MSG = "The batch response was too large"

# Substrate answers a denied unsafe call with the method-not-found code and this message
# (polkadot-sdk ``rpc-api/src/policy.rs``).
UNSAFE_RPC_CALLED_MSG = "RPC call is unsafe to be called externally"

# jsonrpsee answers a subscription attempted over HTTP with the internal-error code; the
# message here says what actually went wrong.
SUBSCRIPTIONS_NEED_WEBSOCKET_MSG = "Subscriptions are not supported over HTTP; use a WebSocket"

# --- Substrate module bases -----------------------------------------------------------------
AUTHOR_BASE = 1000
SYSTEM_BASE = 2000
CHAIN_BASE = 3000
STATE_BASE = 4000
OFFCHAIN_BASE = 5000
DEV_BASE = 6000

# author_* (transaction pool) errors
AUTHOR_BAD_FORMAT = AUTHOR_BASE + 1  # "Extrinsic has invalid format: …"
AUTHOR_VERIFICATION_ERROR = AUTHOR_BASE + 2  # "Verification Error: …"
POOL_INVALID_TX = AUTHOR_BASE + 10  # "Invalid Transaction", data e.g. "Custom error: 6"
POOL_UNKNOWN_VALIDITY = AUTHOR_BASE + 11  # "Unknown Transaction Validity"
POOL_TEMPORARILY_BANNED = AUTHOR_BASE + 12  # "Transaction is temporarily banned"
POOL_ALREADY_IMPORTED = AUTHOR_BASE + 13  # "Transaction Already Imported"
POOL_TOO_LOW_PRIORITY = AUTHOR_BASE + 14  # "Priority is too low: (old vs new)"
POOL_CYCLE_DETECTED = AUTHOR_BASE + 15  # "Cycle Detected"
POOL_IMMEDIATELY_DROPPED = AUTHOR_BASE + 16  # "Immediately Dropped"
POOL_UNACTIONABLE = AUTHOR_BASE + 18  # "Unactionable"
POOL_NO_TAGS = AUTHOR_BASE + 19  # "No tags provided"
POOL_INVALID_BLOCK_ID = AUTHOR_BASE + 20  # "The provided block ID is not valid"
POOL_FUTURE_TX = AUTHOR_BASE + 21  # "The pool is not accepting future transactions"
AUTHOR_OTHER = AUTHOR_BASE + 40  # any other author error, message = its description

# system_* errors
SYSTEM_NOT_HEALTHY = SYSTEM_BASE + 1  # "Node is not fully functional: …"
SYSTEM_MALFORMATTED_PEER_ARG = SYSTEM_BASE + 2

# chain_* errors
CHAIN_OTHER = CHAIN_BASE + 1  # message as given
CHAIN_CLIENT = CHAIN_BASE + 2  # "Client error: …"

# state_* errors
STATE_INVALID_BLOCK_RANGE = STATE_BASE + 1  # "Cannot resolve a block range …"
STATE_INVALID_COUNT = STATE_BASE + 2  # "count exceeds maximum value. value: …, max: …"
STATE_CLIENT = STATE_BASE + 3  # "Client error: …", e.g. state_call execution failures

# Pool-rejection messages that clients match on (bittensor maps these strings).
INVALID_TRANSACTION_MSG = "Invalid Transaction"
UNKNOWN_TRANSACTION_VALIDITY_MSG = "Unknown Transaction Validity"


class RpcError(Exception):
    """An error a handler returns to the client as a JSON-RPC error object.

    ``code`` and ``message`` go to the client verbatim; ``data`` (any JSON value) is included
    when it is not ``None``.
    """

    def __init__(self, code: int, message: str, data: Any = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.data = data

    def to_json(self) -> dict[str, Any]:
        """The JSON-RPC ``error`` member for this error."""
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.data is not None:
            error["data"] = self.data
        return error

    def __repr__(self) -> str:
        return f"RpcError({self.code!r}, {self.message!r}, {self.data!r})"


def invalid_params(detail: str) -> RpcError:
    """A -32602 error whose message says which parameter is wrong and why."""
    return RpcError(INVALID_PARAMS, f"{INVALID_PARAMS_MSG}: {detail}")


def invalid_request(detail: str) -> RpcError:
    """A -32600 error; ``data`` explains what is wrong with the request object."""
    return RpcError(INVALID_REQUEST, INVALID_REQUEST_MSG, detail)


def method_not_found() -> RpcError:
    """The -32601 error for a method this server does not serve."""
    return RpcError(METHOD_NOT_FOUND, METHOD_NOT_FOUND_MSG)


def unsafe_denied() -> RpcError:
    """The error Substrate returns when an unsafe method is called in safe mode."""
    return RpcError(METHOD_NOT_FOUND, UNSAFE_RPC_CALLED_MSG)


def internal_error() -> RpcError:
    """The generic -32603 error; details stay in the server log."""
    return RpcError(INTERNAL_ERROR, INTERNAL_ERROR_MSG)


def limit_exceeded(code: int, message: str, limit: int) -> RpcError:
    """A server-limit error carrying jsonrpsee's ``"Exceeded max limit of N"`` data."""
    return RpcError(code, message, f"Exceeded max limit of {limit}")
