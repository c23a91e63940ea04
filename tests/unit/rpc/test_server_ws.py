"""The server over WebSocket, with the `websockets` client on real loopback sockets."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp
import pytest
import uvloop
import websockets
from websockets.exceptions import ConnectionClosed, InvalidStatus

from rpc import errors
from rpc.config import RpcConfig
from rpc.registry import RpcRegistry
from rpc.server import RpcServer
from tests.unit.rpc.helpers import TEST_TIMEOUT, TestApi, request, run, serving, ws_call


async def _recv(ws: Any) -> Any:
    return json.loads(await asyncio.wait_for(ws.recv(), TEST_TIMEOUT))


def test_ws_single_requests_echo_ids_verbatim() -> None:
    async def scenario() -> None:
        async with serving() as server, websockets.connect(server.ws_url) as ws:
            for request_id in ("aB12", 41, None):
                answer = await ws_call(ws, request("echo", {"x": 1}, id=request_id))
                assert answer == {"jsonrpc": "2.0", "result": {"x": 1}, "id": request_id}
    run(scenario())


def test_ws_batch_and_errors_answer_in_shape() -> None:
    async def scenario() -> None:
        async with serving() as server, websockets.connect(server.ws_url) as ws:
            batch = await ws_call(ws, [request("add", [1, 1], id=1),
                                       {"jsonrpc": "2.0", "method": "echo"},
                                       request("add", ["x"], id=2)])
            assert [item["id"] for item in batch] == [1, 2]
            assert batch[0]["result"] == 2
            assert batch[1]["error"]["code"] == errors.INVALID_PARAMS
            parse = await ws_call(ws, "{not json")
            assert parse["error"]["code"] == errors.PARSE_ERROR and parse["id"] is None
            missing = await ws_call(ws, request("nope", id="q"))
            assert missing["error"] == {"code": -32601, "message": "Method not found"}
            binary = await ws_call(ws, json.dumps(request("echo", [2], id=3)).encode())
            assert binary["result"] == [2]
    run(scenario())


def test_ws_subscription_notifications_have_exact_shape() -> None:
    api = TestApi()

    async def scenario() -> None:
        async with serving(api=api) as server, websockets.connect(server.ws_url) as ws:
            answer = await ws_call(ws, request("test_subscribe", [{"first": True}], id=5))
            subscription_id = answer["result"]
            assert isinstance(subscription_id, str) and len(subscription_id) == 16
            first = await _recv(ws)
            assert first == {"jsonrpc": "2.0", "method": "test_notification",
                             "params": {"subscription": subscription_id,
                                        "result": {"first": True}}}
            assert api.sinks[0].send({"number": "0x01"})
            second = await _recv(ws)
            assert second["params"] == {"subscription": subscription_id,
                                        "result": {"number": "0x01"}}
            assert "id" not in second
    run(scenario())


def test_ws_unsubscribe_returns_true_then_false() -> None:
    api = TestApi()

    async def scenario() -> None:
        async with serving(api=api) as server, websockets.connect(server.ws_url) as ws:
            subscription_id = (await ws_call(ws, request("test_subscribe", id=1)))["result"]
            wrong_kind = await ws_call(ws, request("other_unsubscribe", [subscription_id], id=2))
            assert wrong_kind["result"] is False
            done = await ws_call(ws, request("test_unsubscribe", [subscription_id], id=3))
            assert done["result"] is True
            again = await ws_call(ws, request("test_unsubscribe", [subscription_id], id=4))
            assert again["result"] is False
            assert api.closed_sinks == [subscription_id]
            assert api.sinks[0].send("late") is False
            assert server.subscription_count == 0
    run(scenario())


def test_ws_subscription_ids_are_unique_and_limited_per_connection() -> None:
    config = RpcConfig(port=0, max_subscriptions_per_connection=3)

    async def scenario() -> None:
        async with serving(config) as server, websockets.connect(server.ws_url) as ws:
            ids = [(await ws_call(ws, request("test_subscribe", id=i)))["result"]
                   for i in range(3)]
            assert len(set(ids)) == 3
            refused = await ws_call(ws, request("test_subscribe", id=9))
            assert refused["error"] == {"code": -32006,
                                        "message": "Too many subscriptions on the connection",
                                        "data": "Exceeded max limit of 3"}
    run(scenario())


def test_ws_subscribe_handler_error_returns_it_and_opens_nothing() -> None:
    async def scenario() -> None:
        async with serving() as server, websockets.connect(server.ws_url) as ws:
            answer = await ws_call(ws, request("refuse_subscribe", id=1))
            assert answer["error"] == {"code": 4003, "message": "Client error: refused"}
            assert server.subscription_count == 0
    run(scenario())


def test_ws_oversized_request_refused_and_connection_still_usable() -> None:
    config = RpcConfig(port=0, max_request_size_mb=1)

    async def scenario() -> None:
        async with serving(config) as server, \
                websockets.connect(server.ws_url, max_size=None) as ws:
            huge = json.dumps(request("echo", ["y" * (1024 * 1024 + 1)], id=1))
            refused = await ws_call(ws, huge)
            assert refused["error"]["code"] == errors.OVERSIZED_REQUEST
            assert refused["id"] is None
            assert (await ws_call(ws, request("echo", [1], id=2)))["result"] == [1]
    run(scenario())


def test_ws_max_connections_refuses_extra_cleanly() -> None:
    config = RpcConfig(port=0, max_connections=2)

    async def scenario() -> None:
        async with serving(config) as server:
            first = await websockets.connect(server.ws_url)
            second = await websockets.connect(server.ws_url)
            with pytest.raises(InvalidStatus) as refused:
                await websockets.connect(server.ws_url)
            assert refused.value.response.status_code == 429
            async with aiohttp.ClientSession() as session, \
                    session.post(server.http_url, json=request("echo")) as response:
                assert response.status == 429
            assert (await ws_call(first, request("echo", [1])))["result"] == [1]
            await second.close()
            for _ in range(100):
                if server.session_count < 2:
                    break
                await asyncio.sleep(0.01)
            async with websockets.connect(server.ws_url) as third:
                assert (await ws_call(third, request("echo", [3])))["result"] == [3]
            await first.close()
    run(scenario())


def test_ws_responses_may_overtake_slow_calls() -> None:
    api = TestApi()

    async def scenario() -> None:
        async with serving(api=api) as server, websockets.connect(server.ws_url) as ws:
            await ws.send(json.dumps(request("slow", id="slow")))
            fast = await ws_call(ws, request("echo", [1], id="fast"))
            assert fast["id"] == "fast"
            api.release_slow.set()
            assert (await _recv(ws))["result"] == "slow done"
    run(scenario())


def test_ws_stop_closes_open_connections_and_subscriptions() -> None:
    api = TestApi()

    async def scenario() -> None:
        server = RpcServer(api.registry(), RpcConfig(port=0))
        _, port = await server.start()
        clients = [await websockets.connect(server.ws_url) for _ in range(3)]
        for index, ws in enumerate(clients):
            await ws_call(ws, request("test_subscribe", id=index))
        await ws_call(clients[0], request("echo", id=9))
        await clients[1].send(json.dumps(request("slow", id=10)))  # left in flight
        await asyncio.sleep(0.05)
        await asyncio.wait_for(server.stop(), TEST_TIMEOUT)
        for ws in clients:
            with pytest.raises(ConnectionClosed) as closed:
                await asyncio.wait_for(ws.recv(), TEST_TIMEOUT)
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 1001
        assert len(api.closed_sinks) == 3
        assert server.subscription_count == 0 and server.session_count == 0
        with pytest.raises(OSError):
            await websockets.connect(f"ws://127.0.0.1:{port}", open_timeout=2)
    run(scenario())


def test_ws_slow_consumer_is_disconnected_while_others_are_served() -> None:
    api = TestApi()
    config = RpcConfig(port=0, message_buffer_capacity=4, max_send_queue=16)
    payload = "z" * 65536

    async def flood(sink: Any) -> None:
        while sink.send(payload):
            await asyncio.sleep(0.001)

    async def scenario() -> None:
        async with serving(config, api) as server:
            lazy = await websockets.connect(server.ws_url, max_queue=1, max_size=None,
                                            close_timeout=0.2)
            await ws_call(lazy, request("test_subscribe", id=1))
            pump = asyncio.create_task(flood(api.sinks[0]))
            async with websockets.connect(server.ws_url) as healthy:
                await asyncio.wait_for(pump, TEST_TIMEOUT)  # ends when the sink is closed
                assert api.closed_sinks == [api.sinks[0].id]
                assert (await ws_call(healthy, request("echo", [7])))["result"] == [7]
            await lazy.close()
    run(scenario())


def test_ws_server_runs_on_uvloop() -> None:
    async def scenario() -> None:
        assert isinstance(asyncio.get_running_loop(), uvloop.Loop)
        async with serving() as server, websockets.connect(server.ws_url) as ws:
            subscription_id = (await ws_call(ws, request("test_subscribe", [1], id=1)))["result"]
            note = await _recv(ws)
            assert note["params"] == {"subscription": subscription_id, "result": 1}
            assert (await ws_call(ws, request("rpc_methods", id=2)))["result"]["version"] == 1

    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        runner.run(asyncio.wait_for(scenario(), TEST_TIMEOUT))


def test_ws_port_zero_reports_real_port_and_double_start_fails() -> None:
    async def scenario() -> None:
        server = RpcServer(RpcRegistry(), RpcConfig(port=0))
        host, port = await server.start()
        try:
            assert host == "127.0.0.1" and port > 0
            assert server.ws_url == f"ws://127.0.0.1:{port}"
            with pytest.raises(RuntimeError):
                await server.start()
        finally:
            await server.stop()
        await server.stop()  # idempotent
    run(scenario())


def test_ws_client_disconnect_closes_its_subscriptions() -> None:
    api = TestApi()

    async def scenario() -> None:
        async with serving(api=api) as server:
            async with websockets.connect(server.ws_url) as ws:
                await ws_call(ws, request("test_subscribe", id=1))
                await ws_call(ws, request("other_subscribe", id=2))
                assert server.subscription_count == 2
            for _ in range(200):
                if len(api.closed_sinks) == 2:
                    break
                await asyncio.sleep(0.01)
            assert sorted(api.closed_sinks) == sorted(sink.id for sink in api.sinks)
            assert server.subscription_count == 0
    run(scenario())


def test_ws_send_threadsafe_delivers_from_another_thread() -> None:
    api = TestApi()

    async def scenario() -> None:
        async with serving(api=api) as server, websockets.connect(server.ws_url) as ws:
            subscription_id = (await ws_call(ws, request("test_subscribe", id=1)))["result"]
            await asyncio.to_thread(api.sinks[0].send_threadsafe, {"from": "thread"})
            note = await _recv(ws)
            assert note["params"] == {"subscription": subscription_id,
                                      "result": {"from": "thread"}}
    run(scenario())


def test_ws_subscribe_inside_batch_returns_id_before_notifications() -> None:
    async def scenario() -> None:
        async with serving() as server, websockets.connect(server.ws_url) as ws:
            batch = await ws_call(ws, [request("test_subscribe", ["hello"], id="s"),
                                       request("echo", [1], id="e")])
            subscription_id = batch[0]["result"]
            note = await _recv(ws)
            assert note["params"] == {"subscription": subscription_id, "result": "hello"}
    run(scenario())


def test_ws_upgrade_from_foreign_origin_refused() -> None:
    async def scenario() -> None:
        async with serving() as server:
            with pytest.raises(InvalidStatus) as refused:
                await websockets.connect(server.ws_url, origin="https://evil.example")
            assert refused.value.response.status_code == 403
            async with websockets.connect(server.ws_url, origin="http://127.0.0.1:8000") as ws:
                assert (await ws_call(ws, request("echo", [1])))["result"] == [1]
    run(scenario())


def test_ws_ipv6_loopback_bind_serves_and_allows_unsafe() -> None:
    async def scenario() -> None:
        try:
            server = RpcServer(TestApi().registry(), RpcConfig(host="::1", port=0))
            host, port = await server.start()
        except OSError as error:
            pytest.skip(f"no IPv6 loopback here: {error}")
        try:
            assert host == "::1" and server.ws_url == f"ws://[::1]:{port}"
            async with websockets.connect(server.ws_url) as ws:
                assert (await ws_call(ws, request("danger_reset", [1])))["result"] == [1]
        finally:
            await server.stop()
    run(scenario())


def test_ws_message_over_twice_the_limit_closes_with_1009() -> None:
    config = RpcConfig(port=0, max_request_size_mb=1)

    async def scenario() -> None:
        async with serving(config) as server, \
                websockets.connect(server.ws_url, max_size=None) as ws:
            await ws.send(json.dumps(request("echo", ["w" * (2 * 1024 * 1024 + 1)])))
            with pytest.raises(ConnectionClosed) as closed:
                await asyncio.wait_for(ws.recv(), TEST_TIMEOUT)
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009
            async with websockets.connect(server.ws_url) as other:
                assert (await ws_call(other, request("echo", [1])))["result"] == [1]
    run(scenario())


def test_ws_server_side_close_ends_subscription() -> None:
    api = TestApi()

    async def scenario() -> None:
        async with serving(api=api) as server, websockets.connect(server.ws_url) as ws:
            subscription_id = (await ws_call(ws, request("test_subscribe", id=1)))["result"]
            api.sinks[0].close()
            api.sinks[0].close()  # idempotent
            assert api.closed_sinks == [subscription_id]
            assert api.sinks[0].send("after close") is False
            gone = await ws_call(ws, request("test_unsubscribe", [subscription_id], id=2))
            assert gone["result"] is False
            late: list[str] = []
            api.sinks[0].on_close(lambda: late.append("ran"))
            assert late == ["ran"]
    run(scenario())
