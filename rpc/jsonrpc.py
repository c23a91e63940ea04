"""JSON-RPC 2.0 message shapes: request validation, the :class:`Params` helper, encoders.

Wire rules followed here (JSON-RPC 2.0, as Substrate's jsonrpsee applies them):

- a request is an object with ``"jsonrpc": "2.0"``, a string ``method``, optional ``params``
  (array or object; ``null`` counts as absent) and an optional ``id``;
- ``id`` is echoed verbatim and may be a string, a number or ``null``; a request without an
  ``id`` member is a notification and never gets a response;
- responses are ``{"jsonrpc":"2.0","result":…,"id":…}`` or
  ``{"jsonrpc":"2.0","error":{"code":…,"message":…[,"data":…]},"id":…}``;
- subscription notifications are
  ``{"jsonrpc":"2.0","method":<notification>,"params":{"subscription":<id>,"result":…}}``.
"""

from __future__ import annotations

import json
import string
from dataclasses import dataclass
from typing import Any

from rpc.errors import (
    PARSE_ERROR,
    PARSE_ERROR_MSG,
    RpcError,
    invalid_params,
    invalid_request,
)

JSON = Any
"""Any value the standard :mod:`json` module can encode."""

_ENCODER = json.JSONEncoder(separators=(",", ":"), allow_nan=False)
encode = _ENCODER.encode
"""Compact JSON text (ASCII only, so ``len(text)`` is its size in bytes)."""

_NO_ID = object()
_REQUIRED = object()

_JSON_TYPE_NAMES: dict[type, str] = {
    str: "a string", int: "an integer", float: "a number", bool: "a boolean",
    list: "an array", dict: "an object", type(None): "null",
}


@dataclass(frozen=True, slots=True)
class Request:
    """One validated request object. ``is_notification`` when it carried no ``id`` member."""

    method: str
    params: Params
    id: JSON = None
    is_notification: bool = False


def parse_request(obj: JSON) -> Request | RpcError:
    """Validate one decoded request object; return the request or the error to send back."""
    if not isinstance(obj, dict):
        return invalid_request(f"expected a request object, got {describe_type(obj)}")
    if obj.get("jsonrpc") != "2.0":
        return invalid_request('the "jsonrpc" member must be exactly "2.0"')
    request_id = obj.get("id", _NO_ID)
    if request_id is not _NO_ID and not is_valid_id(request_id):
        return invalid_request('the "id" member must be a string, a number or null')
    method = obj.get("method")
    if not isinstance(method, str):
        return invalid_request('the "method" member must be a string')
    raw_params = obj.get("params")
    if raw_params is not None and not isinstance(raw_params, list | dict):
        return invalid_request('the "params" member must be an array or an object')
    notification = request_id is _NO_ID
    return Request(method=method, params=Params(raw_params),
                   id=None if notification else request_id, is_notification=notification)


def id_of(obj: JSON) -> JSON:
    """The id to answer an invalid request with: its own when usable, else ``null``."""
    if isinstance(obj, dict):
        request_id = obj.get("id")
        if is_valid_id(request_id):
            return request_id
    return None


def is_valid_id(value: JSON) -> bool:
    """JSON-RPC ids are strings, numbers (not booleans) or null."""
    return value is None or (isinstance(value, str | int | float) and not isinstance(value, bool))


def describe_type(value: JSON) -> str:
    """The JSON type of ``value`` in words ("an array", "null", …) for error messages."""
    return _JSON_TYPE_NAMES.get(type(value), type(value).__name__)


def result_response(request_id: JSON, result: JSON) -> str:
    """Encode a success response."""
    return encode({"jsonrpc": "2.0", "result": result, "id": request_id})


def error_response(request_id: JSON, error: RpcError) -> str:
    """Encode an error response."""
    return encode({"jsonrpc": "2.0", "error": error.to_json(), "id": request_id})


def notification_message(method: str, subscription_id: str, result: JSON) -> str:
    """Encode a subscription notification in the shape Substrate clients parse."""
    return encode({"jsonrpc": "2.0", "method": method,
                   "params": {"subscription": subscription_id, "result": result}})


class Params:
    """Positional or named parameters of one call, with typed access for handlers.

    ``params.get(0, "hash", str, default=None)`` reads the first positional parameter, or the
    member ``"hash"`` when the client sent named parameters; a missing or ``null`` value gives
    the default, and a missing required value or a value of the wrong JSON type raises a
    -32602 :class:`~rpc.errors.RpcError` naming the parameter and the reason.
    """

    __slots__ = ("_raw",)

    def __init__(self, raw: list[JSON] | dict[str, JSON] | None = None) -> None:
        self._raw = raw

    @property
    def raw(self) -> list[JSON] | dict[str, JSON] | None:
        """The parameters exactly as received (``None`` when absent)."""
        return self._raw

    @property
    def is_named(self) -> bool:
        """True when the client sent an object of named parameters."""
        return isinstance(self._raw, dict)

    def __len__(self) -> int:
        return 0 if self._raw is None else len(self._raw)

    def get(self, index: int, name: str, kind: type | tuple[type, ...] | None = None, *,
            default: JSON = _REQUIRED) -> JSON:
        """The parameter at ``index`` (positional) or ``name`` (named), type-checked."""
        value = self._lookup(index, name)
        if value is _NO_ID or value is None:
            if default is not _REQUIRED:
                return default
            if value is None and kind is not None and _accepts(kind, None):
                return None
            raise invalid_params(f"{self._label(index, name)} is required")
        if kind is not None and not _accepts(kind, value):
            raise invalid_params(f"{self._label(index, name)} must be {_kind_words(kind)}, "
                                 f"got {describe_type(value)}")
        return value

    def hex_bytes(self, index: int, name: str, *, length: int | None = None,
                  default: JSON = _REQUIRED) -> bytes | JSON:
        """A hex-string parameter as bytes; the ``0x`` prefix is optional (as Substrate's
        ``Bytes``/``H256`` accept), ``length`` checks the decoded size in bytes."""
        value = self.get(index, name, str, default=default)
        if value is default and default is not _REQUIRED:
            return default
        digits = value[2:] if value[:2] in ("0x", "0X") else value
        if not _is_hex(digits):
            raise invalid_params(f"{self._label(index, name)} must be a hex string, "
                                 f"got {_preview(value)}")
        if len(digits) % 2 or (length is not None and len(digits) != 2 * length):
            expected = f"{length} bytes" if length is not None else "whole bytes"
            raise invalid_params(f"{self._label(index, name)} must be hex of {expected}, "
                                 f"got {len(digits)} hex digits")
        return bytes.fromhex(digits)

    def number_or_hex(self, index: int, name: str, *, default: JSON = _REQUIRED) -> int | JSON:
        """A non-negative integer given as a JSON number or a ``0x`` hex string (Substrate's
        ``NumberOrHex``)."""
        value = self.get(index, name, (int, str), default=default)
        if value is default and default is not _REQUIRED:
            return default
        if isinstance(value, int):
            if value < 0:
                raise invalid_params(f"{self._label(index, name)} must not be negative")
            return value
        if value[:2] in ("0x", "0X") and len(value) > 2 and _is_hex(value[2:]):
            return int(value[2:], 16)
        raise invalid_params(f"{self._label(index, name)} must be a number or a 0x hex string, "
                             f"got {_preview(value)}")

    def at_most(self, count: int) -> None:
        """Refuse more than ``count`` positional parameters."""
        if isinstance(self._raw, list) and len(self._raw) > count:
            raise invalid_params(f"expected at most {count} parameter(s), got {len(self._raw)}")

    def _lookup(self, index: int, name: str) -> JSON:
        raw = self._raw
        if isinstance(raw, list):
            return raw[index] if index < len(raw) else _NO_ID
        if isinstance(raw, dict):
            return raw.get(name, _NO_ID)
        return _NO_ID

    def _label(self, index: int, name: str) -> str:
        return f'parameter "{name}"' if self.is_named else f'parameter {index} ("{name}")'

    def __repr__(self) -> str:
        return f"Params({self._raw!r})"


_HEX_DIGITS = frozenset(string.hexdigits)


def _is_hex(digits: str) -> bool:
    return _HEX_DIGITS.issuperset(digits)


def _preview(text: str) -> str:
    return repr(text) if len(text) <= 24 else repr(text[:20] + "...")


def _accepts(kind: type | tuple[type, ...], value: JSON) -> bool:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool):
        return bool in kinds
    if value is None:
        return type(None) in kinds
    if isinstance(value, int) and float in kinds:
        return True
    return isinstance(value, kinds)


def _kind_words(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(_JSON_TYPE_NAMES.get(k, k.__name__) for k in kinds)


def parse_text(text: str | bytes) -> JSON | RpcError:
    """Decode a message body; a -32700 error when it is not JSON."""
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        return RpcError(PARSE_ERROR, PARSE_ERROR_MSG)


def _reject_constant(name: str) -> JSON:
    raise ValueError(f"{name} is not valid JSON")
