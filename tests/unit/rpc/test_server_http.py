"""The server over HTTP POST, with aiohttp's client on real loopback sockets."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import aiohttp
import pytest
from structlog.testing import capture_logs

from rpc import errors
from rpc.config import RpcConfig, RpcMethodsMode
from rpc.server import RpcServer
from tests.unit.rpc.helpers import TestApi, leaked_server_tasks, post, request, run, serving


def _post_one(body: Any, config: RpcConfig | None = None, **kwargs: Any) -> tuple[int, Any]:
    async def scenario() -> tuple[int, Any]:
        async with serving(config) as server, aiohttp.ClientSession() as session:
            return await post(session, server, body, **kwargs)
    return run(scenario())


@pytest.mark.parametrize("request_id", ["aB12", 7, None, 1.5, "", 2**70],
                         ids=["string", "int", "null", "float", "empty-string", "bigint"])
def test_http_single_request_echoes_id_verbatim(request_id: Any) -> None:
    status, body = _post_one(request("echo", [1, "two"], id=request_id))
    assert status == 200
    assert body == {"jsonrpc": "2.0", "result": [1, "two"], "id": request_id}


def test_http_named_and_absent_params_are_passed() -> None:
    async def scenario() -> None:
        async with serving() as server, aiohttp.ClientSession() as session:
            _, named = await post(session, server, request("add", {"a": 2, "b": 3}))
            _, absent = await post(session, server, request("echo"))
            _, alias = await post(session, server, request("echo_alias", {"k": 1}))
            assert named["result"] == 5
            assert absent["result"] is None
            assert alias["result"] == {"k": 1}
    run(scenario())


def test_http_batch_answers_in_order_without_notifications() -> None:
    batch = [request("add", [1, 2], id="first"),
             {"jsonrpc": "2.0", "method": "echo", "params": [0]},
             request("nope", id=3),
             request("add", [10], id=4)]
    status, body = _post_one(batch)
    assert status == 200
    assert [item["id"] for item in body] == ["first", 3, 4]
    assert body[0]["result"] == 3
    assert body[1]["error"] == {"code": -32601, "message": "Method not found"}
    assert body[2]["result"] == 10


def test_http_notification_only_gets_empty_body() -> None:
    status, body = _post_one({"jsonrpc": "2.0", "method": "echo", "params": [1]})
    assert (status, body) == (200, None)
    status, body = _post_one([{"jsonrpc": "2.0", "method": "nope"}])
    assert (status, body) == (200, None)


def test_http_parse_error_returns_32700_with_null_id() -> None:
    status, body = _post_one(b'{"jsonrpc": "2.0", "method": ')
    assert status == 200
    assert body == {"jsonrpc": "2.0", "error": {"code": -32700, "message": "Parse error"},
                    "id": None}


def test_http_empty_batch_is_invalid_request() -> None:
    _, body = _post_one([])
    assert body["error"]["code"] == errors.INVALID_REQUEST
    assert body["id"] is None


@pytest.mark.parametrize("bad", [5, '"text"', None, {"method": "echo", "id": 9},
                                 {"jsonrpc": "2.0", "method": "echo", "params": 3, "id": 9}],
                         ids=["number", "string", "null", "no-version", "scalar-params"])
def test_http_invalid_request_shapes_return_32600(bad: Any) -> None:
    _, body = _post_one(bad)
    assert body["error"]["code"] == errors.INVALID_REQUEST
    assert body["error"]["message"] == "Invalid request"
    assert body["id"] == (9 if isinstance(bad, dict) else None)


def test_http_unknown_method_returns_method_not_found() -> None:
    _, body = _post_one(request("chain_nothing", id="z"))
    assert body == {"jsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found"},
                    "id": "z"}


def test_http_invalid_params_names_param_and_reason() -> None:
    _, body = _post_one(request("add", ["one"]))
    assert body["error"]["code"] == errors.INVALID_PARAMS
    assert body["error"]["message"] == ('Invalid params: parameter 0 ("a") must be an integer, '
                                        'got a string')


def test_http_application_error_keeps_code_message_and_data() -> None:
    _, body = _post_one(request("fail"))
    assert body["error"] == {"code": 1010, "message": "Invalid Transaction",
                             "data": "Custom error: 6"}


def test_http_handler_crash_returns_generic_internal_error() -> None:
    with capture_logs() as logs:
        status, body = _post_one(request("crash", id=5))
    failures = [entry for entry in logs if entry["event"] == "rpc.handler_failed"]
    assert failures and failures[0]["method"] == "crash" and failures[0]["exc_info"]
    assert "secret internal detail" not in json.dumps(body)
    assert status == 200
    assert body == {"jsonrpc": "2.0", "error": {"code": -32603, "message": "Internal error"},
                    "id": 5}
    _, body = _post_one(request("not_json", id=6))
    assert body["error"]["code"] == errors.INTERNAL_ERROR
    _, body = _post_one(request("bad_error", id=7))
    assert body["error"]["code"] == errors.INTERNAL_ERROR and body["id"] == 7


def test_http_unsafe_method_refused_in_safe_mode() -> None:
    _, body = _post_one(request("danger_reset", [1]),
                        RpcConfig(port=0, rpc_methods=RpcMethodsMode.SAFE))
    assert body["error"] == {"code": -32601,
                             "message": "RPC call is unsafe to be called externally"}
    _, allowed = _post_one(request("danger_reset", [1]), RpcConfig(port=0))
    assert allowed["result"] == [1]


def test_http_subscription_refused_with_clear_error() -> None:
    _, body = _post_one(request("test_subscribe"))
    assert body["error"]["code"] == errors.INTERNAL_ERROR
    assert "WebSocket" in body["error"]["message"]


def test_http_oversized_request_refused_and_server_still_answers() -> None:
    async def scenario() -> None:
        config = RpcConfig(port=0, max_request_size_mb=1)
        async with serving(config) as server, aiohttp.ClientSession() as session:
            huge = json.dumps(request("echo", ["x" * (1024 * 1024 + 10)]))
            status, body = await post(session, server, huge)
            assert status == 413
            assert body["error"]["code"] == errors.OVERSIZED_REQUEST
            assert body["error"]["message"] == "Request is too big"
            status, body = await post(session, server, request("echo", [1]))
            assert (status, body["result"]) == (200, [1])
    run(scenario())


def test_http_oversized_response_replaced_by_error() -> None:
    config = RpcConfig(port=0, max_response_size_mb=1)
    _, body = _post_one(request("big", [2 * 1024 * 1024], id=8), config)
    assert body["id"] == 8
    assert body["error"]["code"] == errors.OVERSIZED_RESPONSE


def test_http_batch_limits_refuse_long_or_disabled_batches() -> None:
    _, body = _post_one([request("echo", id=i) for i in range(3)],
                        RpcConfig(port=0, max_batch_len=2))
    assert body["error"] == {"code": -32010, "message": "The batch request was too large",
                             "data": "Exceeded max limit of 2"}
    _, body = _post_one([request("echo")], RpcConfig(port=0, batch_requests=False))
    assert body["error"]["code"] == errors.BATCHES_NOT_SUPPORTED


def test_http_wrong_content_type_and_method_refused() -> None:
    status, _ = _post_one(request("echo"), headers={"Content-Type": "text/plain"})
    assert status == 415

    async def scenario() -> None:
        async with serving() as server, aiohttp.ClientSession() as session:
            async with session.put(server.http_url, data=b"{}") as response:
                assert response.status == 405
            async with session.get(server.http_url + "/health") as response:
                assert response.status == 200
                assert (await response.json())["isSyncing"] is False
    run(scenario())


def test_http_cors_allows_local_origins_and_refuses_others() -> None:
    async def scenario() -> None:
        async with serving() as server, aiohttp.ClientSession() as session:
            local = {"Content-Type": "application/json", "Origin": "http://localhost:3000"}
            async with session.post(server.http_url, data=json.dumps(request("echo")),
                                    headers=local) as response:
                assert response.status == 200
                assert response.headers["Access-Control-Allow-Origin"] == "http://localhost:3000"
            evil = {"Content-Type": "application/json", "Origin": "https://evil.example"}
            async with session.post(server.http_url, data=json.dumps(request("echo")),
                                    headers=evil) as response:
                assert response.status == 403
            preflight = {"Origin": "https://polkadot.js.org",
                         "Access-Control-Request-Method": "POST",
                         "Access-Control-Request-Headers": "content-type"}
            async with session.options(server.http_url, headers=preflight) as response:
                assert response.status == 200
                assert "POST" in response.headers["Access-Control-Allow-Methods"]
    run(scenario())


def test_http_cors_all_allows_any_origin() -> None:
    status, _ = _post_one(request("echo"), RpcConfig(port=0, cors=None),
                          headers={"Content-Type": "application/json",
                                   "Origin": "https://anything.example"})
    assert status == 200


def test_http_calls_are_counted_by_observer() -> None:
    api = TestApi()

    async def scenario() -> None:
        async with serving(api=api) as server, aiohttp.ClientSession() as session:
            await post(session, server, [request("echo", id=1), request("fail", id=2),
                                         request("who_knows", id=3)])
            stats = server.observer.snapshot()  # type: ignore[attr-defined]
            assert stats["echo"].calls == 1 and stats["echo"].errors == 0
            assert stats["fail"].errors == 1
            assert stats["<unknown>"].calls == 1
            assert server.observer.sessions_opened["http"] == 1  # type: ignore[attr-defined]
    run(scenario())


def test_http_stop_with_request_in_flight_finishes_within_timeout() -> None:
    api = TestApi()
    config = RpcConfig(port=0, shutdown_timeout_seconds=0.3)

    async def scenario() -> None:
        server = RpcServer(api.registry(), config)
        await server.start()
        async with aiohttp.ClientSession() as session:
            pending = asyncio.create_task(post(session, server, request("slow")))
            for _ in range(200):
                if server.session_count == 1:
                    break
                await asyncio.sleep(0.01)
            started = time.perf_counter()
            await server.stop()
            assert time.perf_counter() - started < 5
            with pytest.raises(aiohttp.ClientError):
                await pending
        assert server.session_count == 0
        assert not leaked_server_tasks()
    run(scenario())
