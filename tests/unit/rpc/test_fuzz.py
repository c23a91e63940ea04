"""Property tests: random JSON values as requests never crash the server, and every answer is a
well-formed JSON-RPC response (or notification), over real HTTP and WebSocket connections."""

from __future__ import annotations

import http.client
import itertools
import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from structlog.testing import capture_logs
from websockets.sync.client import connect

from rpc.server import RpcServer
from tests.unit.rpc.helpers import TEST_TIMEOUT, ThreadedServer

_METHODS = ["echo", "echo_alias", "add", "fail", "crash", "not_json", "danger_reset",
            "rpc_methods", "system_health", "test_subscribe", "test_unsubscribe",
            "refuse_subscribe", "nope", ""]

_scalars = (st.none() | st.booleans() | st.integers(min_value=-2**80, max_value=2**80)
            | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12))
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)
_request_like = st.fixed_dictionaries(
    {"jsonrpc": st.sampled_from(["2.0", "2.0", "2.0", "1.0", 2])},
    optional={"method": st.sampled_from(_METHODS) | _scalars,
              "params": st.lists(_values, max_size=3) | st.dictionaries(
                  st.sampled_from(["a", "b", "first", "subscription"]), _values, max_size=3)
              | _scalars,
              "id": _scalars | st.lists(_scalars, max_size=2)})
_messages = _values | _request_like | st.lists(_request_like | _values, max_size=5)

_FUZZ_SETTINGS = settings(max_examples=120, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                 HealthCheck.too_slow])


def _check_message(message: Any) -> None:
    assert isinstance(message, dict) and message.get("jsonrpc") == "2.0", message
    if "method" in message:  # a subscription notification
        assert "id" not in message
        assert set(message["params"]) == {"subscription", "result"}
        return
    assert "id" in message and (("result" in message) != ("error" in message)), message
    if "error" in message:
        error = message["error"]
        assert isinstance(error["code"], int) and isinstance(error["message"], str)
        assert set(error) <= {"code", "message", "data"}
        assert "Traceback" not in json.dumps(error)


_SERVER_FAULTS = {"rpc.ws_dispatch_failed", "rpc.ws_connection_failed", "rpc.observer_failed",
                  "rpc.http_dispatch_failed", "rpc.error_data_not_json"}


def _assert_no_server_faults(logs: list[dict[str, Any]]) -> None:
    faults = [entry for entry in logs if entry.get("event") in _SERVER_FAULTS]
    assert not faults, faults


def _check_answer(answer: Any) -> None:
    if isinstance(answer, list):
        assert answer, "an empty array must never be sent"
        for item in answer:
            _check_message(item)
    else:
        _check_message(answer)


@pytest.fixture(scope="module")
def threaded_server() -> Iterator[RpcServer]:
    host = ThreadedServer()
    server = host.start()
    try:
        yield server
    finally:
        host.stop()


@_FUZZ_SETTINGS
@given(message=_messages)
def test_fuzz_http_random_json_gets_well_formed_answers(threaded_server: RpcServer,
                                                        message: Any) -> None:
    host, port = threaded_server.address
    connection = http.client.HTTPConnection(host, port, timeout=TEST_TIMEOUT)
    with capture_logs() as logs:
        try:
            connection.request("POST", "/", body=json.dumps(message),
                               headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            body = response.read()
        finally:
            connection.close()
    _assert_no_server_faults(logs)
    assert response.status == 200
    if body:
        _check_answer(json.loads(body))


_sentinels = itertools.count()


@_FUZZ_SETTINGS
@given(messages=st.lists(_messages, min_size=1, max_size=4))
def test_fuzz_ws_random_json_never_breaks_the_connection(threaded_server: RpcServer,
                                                         messages: list[Any]) -> None:
    with capture_logs() as logs, connect(threaded_server.ws_url, open_timeout=TEST_TIMEOUT) as ws:
        for message in messages:
            ws.send(json.dumps(message))
        sentinel = f"sentinel-{next(_sentinels)}"
        ws.send(json.dumps({"jsonrpc": "2.0", "method": "rpc_methods", "id": sentinel}))
        while True:
            answer = json.loads(ws.recv(timeout=TEST_TIMEOUT))
            _check_answer(answer)
            if isinstance(answer, dict) and answer.get("id") == sentinel:
                assert answer["result"]["version"] == 1
                break
    _assert_no_server_faults(logs)


def test_fuzz_garbage_bytes_get_parse_errors(threaded_server: RpcServer) -> None:
    with connect(threaded_server.ws_url, open_timeout=TEST_TIMEOUT) as ws:
        for garbage in (b"\x00\xff", b"[1,", b"{\"a\":}", b"NaN", b"[" * 100_000):
            ws.send(garbage)
            answer = json.loads(ws.recv(timeout=TEST_TIMEOUT))
            assert answer["error"]["code"] == -32700 and answer["id"] is None
