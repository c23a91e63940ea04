"""Unit tests of the protocol pieces: Params, request validation, config, registry, stats."""

from __future__ import annotations

import asyncio
import json

import pytest

from rpc import errors
from rpc.config import DEFAULT_CORS, RpcConfig, RpcMethodsMode, origin_matches, parse_cors
from rpc.errors import RpcError
from rpc.jsonrpc import Params, Request, parse_request, parse_text
from rpc.metrics import LATENCY_BUCKETS, CallStats
from rpc.registry import EntryKind, RpcRegistry
from rpc.subscriptions import Subscription, SubscriptionIds, SubscriptionTable


def test_params_positional_and_named_access_returns_values() -> None:
    assert Params(["0xab", 5]).get(1, "count", int) == 5
    assert Params({"key": "0xab"}).get(0, "key", str) == "0xab"
    assert Params(None).get(0, "hash", str, default=None) is None
    assert Params([None]).get(0, "hash", str, default="best") == "best"
    assert Params([1.5]).get(0, "x", float) == 1.5
    assert Params([2]).get(0, "x", float) == 2


def test_params_missing_required_raises_invalid_params() -> None:
    with pytest.raises(RpcError) as caught:
        Params([]).get(0, "key", str)
    assert caught.value.code == errors.INVALID_PARAMS
    assert caught.value.message == 'Invalid params: parameter 0 ("key") is required'


def test_params_wrong_type_raises_with_param_and_reason() -> None:
    with pytest.raises(RpcError) as caught:
        Params([12]).get(0, "key", str)
    assert caught.value.code == errors.INVALID_PARAMS
    assert caught.value.message == ('Invalid params: parameter 0 ("key") must be a string, '
                                    'got an integer')
    with pytest.raises(RpcError) as named:
        Params({"count": "ten"}).get(2, "count", int)
    assert 'parameter "count" must be an integer, got a string' in named.value.message


def test_params_bool_is_not_an_integer_fails() -> None:
    with pytest.raises(RpcError):
        Params([True]).get(0, "count", int)
    assert Params([True]).get(0, "flag", bool) is True


def test_params_at_most_too_many_fails() -> None:
    Params([1, 2]).at_most(2)
    with pytest.raises(RpcError) as caught:
        Params([1, 2, 3]).at_most(2)
    assert "at most 2" in caught.value.message


@pytest.mark.parametrize(("obj", "reason"), [
    ([], "request object"),
    ({"method": "x", "id": 1}, '"jsonrpc"'),
    ({"jsonrpc": "1.0", "method": "x", "id": 1}, '"jsonrpc"'),
    ({"jsonrpc": "2.0", "id": 1}, '"method"'),
    ({"jsonrpc": "2.0", "method": 5, "id": 1}, '"method"'),
    ({"jsonrpc": "2.0", "method": "x", "id": {"a": 1}}, '"id"'),
    ({"jsonrpc": "2.0", "method": "x", "id": True}, '"id"'),
    ({"jsonrpc": "2.0", "method": "x", "params": "p", "id": 1}, '"params"'),
], ids=["array", "no-version", "old-version", "no-method", "method-not-string", "object-id",
        "bool-id", "scalar-params"])
def test_parse_request_bad_shape_gives_invalid_request(obj: object, reason: str) -> None:
    result = parse_request(obj)
    assert isinstance(result, RpcError)
    assert result.code == errors.INVALID_REQUEST
    assert reason in result.data


def test_parse_request_notification_and_null_id_are_distinct() -> None:
    notification = parse_request({"jsonrpc": "2.0", "method": "x"})
    null_id = parse_request({"jsonrpc": "2.0", "method": "x", "id": None, "params": None})
    assert isinstance(notification, Request) and notification.is_notification
    assert isinstance(null_id, Request) and not null_id.is_notification
    assert null_id.params.raw is None


def test_parse_text_rejects_nan_and_garbage() -> None:
    for text in ("NaN", "{", b"\xff\xfe", '{"a": Infinity}'):
        result = parse_text(text)
        assert isinstance(result, RpcError) and result.code == errors.PARSE_ERROR


def test_origin_matching_wildcard_port_allows_any_port() -> None:
    assert origin_matches("http://localhost:*", "http://localhost:3000")
    assert origin_matches("http://localhost:*", "http://localhost")
    assert not origin_matches("http://localhost:*", "http://localhost.evil.com")
    assert not origin_matches("http://localhost:*", "http://localhost:3000/x")
    assert not origin_matches("https://polkadot.js.org", "https://polkadot.js.org.evil")


def test_config_defaults_match_substrate() -> None:
    config = RpcConfig()
    assert (config.host, config.port) == ("127.0.0.1", 9944)
    assert config.max_request_bytes == config.max_response_bytes == 15 * 1024 * 1024
    assert config.max_connections == 100
    assert config.max_subscriptions_per_connection == 1024
    assert config.max_batch_len is None
    assert config.cors == DEFAULT_CORS
    assert config.allows_origin("http://127.0.0.1:8080")
    assert not config.allows_origin("https://example.com")


def test_config_rpc_methods_auto_is_unsafe_only_on_loopback() -> None:
    auto = RpcConfig()
    assert auto.allows_unsafe("127.0.0.1") and auto.allows_unsafe("::1")
    assert not auto.allows_unsafe("0.0.0.0")
    assert not RpcConfig(rpc_methods=RpcMethodsMode.SAFE).allows_unsafe("127.0.0.1")
    assert RpcConfig(rpc_methods=RpcMethodsMode.UNSAFE).allows_unsafe("0.0.0.0")


def test_config_from_flags_follows_substrate_cli() -> None:
    external = RpcConfig.from_flags(rpc_external=True, rpc_port=9945, max_connections=7)
    assert (external.host, external.port, external.max_connections) == ("0.0.0.0", 9945, 7)
    assert external.cors == DEFAULT_CORS
    assert RpcConfig.from_flags(dev=True).cors is None
    assert RpcConfig.from_flags(rpc_cors="all").cors is None
    assert RpcConfig.from_flags(rpc_cors="http://a.com, http://b.com").cors == (
        "http://a.com", "http://b.com")
    assert RpcConfig.from_flags(rpc_methods="Safe").rpc_methods is RpcMethodsMode.SAFE
    with pytest.raises(ValueError, match="safe, unsafe or auto"):
        RpcConfig.from_flags(rpc_methods="sometimes")


def test_config_invalid_limits_fail() -> None:
    with pytest.raises(ValueError):
        RpcConfig(max_connections=0)
    with pytest.raises(ValueError):
        RpcConfig(max_batch_len=0)
    with pytest.raises(ValueError):
        RpcConfig(message_buffer_capacity=64, max_send_queue=64)
    with pytest.raises(ValueError):
        parse_cors(" , ")


def test_registry_duplicate_name_fails() -> None:
    registry = RpcRegistry()

    async def handler(params: Params) -> int:
        return 1

    registry.register("a", handler, aliases=("b",))
    with pytest.raises(ValueError, match="already registered"):
        registry.register("b", handler)
    with pytest.raises(ValueError, match="already registered"):
        registry.register("rpc_methods", handler)


def test_registry_rpc_methods_lists_sorted_names_with_aliases() -> None:
    registry = RpcRegistry()

    async def handler(params: Params) -> int:
        return 1

    async def subscribe(params: Params, sink: object) -> None:
        return None

    registry.register("state_getStorageAt", handler, aliases=("state_getStorage",))
    registry.register("author_rotateKeys", handler, unsafe=True)
    registry.register_subscription("chain_subscribeNewHeads", "chain_newHead",
                                   "chain_unsubscribeNewHeads", subscribe,
                                   subscribe_aliases=("subscribe_newHead",),
                                   unsubscribe_aliases=("unsubscribe_newHead",))
    entry = registry.lookup("rpc_methods")
    assert entry is not None and entry.kind is EntryKind.METHOD
    listing = asyncio.run(entry.handler(Params(None)))  # type: ignore[misc, call-arg]
    assert listing == {"version": 1, "methods": [
        "author_rotateKeys", "chain_subscribeNewHeads", "chain_unsubscribeNewHeads",
        "rpc_methods", "state_getStorage", "state_getStorageAt", "subscribe_newHead",
        "unsubscribe_newHead"]}
    unsubscribe = registry.lookup("unsubscribe_newHead")
    assert unsubscribe is not None and unsubscribe.kind is EntryKind.UNSUBSCRIBE
    assert unsubscribe.notification == "chain_newHead"


def test_call_stats_counts_calls_errors_and_buckets() -> None:
    stats = CallStats()
    stats.on_call("chain_getHead", "ws", 0.0002, False)
    stats.on_call("chain_getHead", "http", 0.003, True)
    stats.on_session_opened("ws")
    stats.on_session_closed("ws")
    head = stats.snapshot()["chain_getHead"]
    assert (head.calls, head.errors) == (2, 1)
    assert head.max_seconds == 0.003
    assert head.mean_seconds == pytest.approx(0.0016)
    assert sum(head.buckets) == 2 and len(head.buckets) == len(LATENCY_BUCKETS) + 1
    assert stats.sessions_opened["ws"] == stats.sessions_closed["ws"] == 1


def test_params_hex_bytes_accepts_optional_prefix_and_checks_length() -> None:
    assert Params(["0x0a0b"]).hex_bytes(0, "data") == b"\x0a\x0b"
    assert Params(["0300"]).hex_bytes(0, "data") == b"\x03\x00"
    assert Params(["0x"]).hex_bytes(0, "data") == b""
    assert Params([None]).hex_bytes(0, "hash", length=32, default=None) is None
    assert Params(["0x" + "11" * 32]).hex_bytes(0, "hash", length=32) == b"\x11" * 32
    for bad, reason in (("0xzz", "must be a hex string"), ("0x0a 0b", "must be a hex string"),
                        ("0xabc", "whole bytes"), ("0x00", "32 bytes")):
        with pytest.raises(RpcError) as caught:
            Params([bad]).hex_bytes(0, "hash", length=32 if reason == "32 bytes" else None)
        assert reason in caught.value.message and "parameter 0" in caught.value.message


def test_params_number_or_hex_accepts_both_forms() -> None:
    assert Params([12]).number_or_hex(0, "block") == 12
    assert Params(["0x10"]).number_or_hex(0, "block") == 16
    assert Params([]).number_or_hex(0, "block", default=None) is None
    for bad in ("0x-1", "12", "0x", -1, "0x1_0"):
        with pytest.raises(RpcError) as caught:
            Params([bad]).number_or_hex(0, "block")
        assert caught.value.code == errors.INVALID_PARAMS


def test_subscription_send_to_gone_connection_defers_close_callbacks() -> None:
    async def scenario() -> None:
        ids = SubscriptionIds()
        table = SubscriptionTable(ids, lambda text: False, limit=10, max_message_bytes=1000)
        listeners: set[Subscription] = set()
        for _ in range(3):
            sink = table.open("test_notification", "test_unsubscribe")
            sink.activate()
            listeners.add(sink)
            sink.on_close(lambda sink=sink: listeners.discard(sink))
        for sink in listeners:  # a producer iterating its own listener set
            assert sink.send({"n": 1}) is False
            assert sink.closed
        await asyncio.sleep(0)
        assert not listeners and len(table) == 0 and len(ids) == 0

    asyncio.run(scenario())


def test_subscription_holds_notifications_until_activated() -> None:
    async def scenario() -> None:
        sent: list[str] = []
        table = SubscriptionTable(SubscriptionIds(), lambda text: sent.append(text) or True,
                                  limit=1, max_message_bytes=200)
        sink = table.open("test_notification", "test_unsubscribe")
        assert sink.send("early") and sent == []
        assert sink.send("x" * 500) is False  # over the size limit: dropped, stays open
        sink.activate()
        assert [json.loads(text)["params"]["result"] for text in sent] == ["early"]
        with pytest.raises(RpcError) as caught:
            table.open("test_notification", "test_unsubscribe")
        assert caught.value.code == errors.TOO_MANY_SUBSCRIPTIONS
        assert table.cancel(sink.id, "other_unsubscribe") is False
        assert table.cancel(sink.id, "test_unsubscribe") is True and sink.closed

    asyncio.run(scenario())
