"""Parameter parsing of the dev_* methods (rpc.dev): counts, raw pairs, addresses, dates."""

from __future__ import annotations

import pytest

from rpc.dev import (
    NewBlockOptions,
    parse_account,
    parse_changes,
    parse_head,
    parse_new_block,
    parse_timestamp,
)
from rpc.errors import INVALID_PARAMS, RpcError
from rpc.jsonrpc import Params

ALICE_HEX = "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d"
ALICE_SS58 = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"


def test_new_block_count_defaults_to_one_and_accepts_object_or_number() -> None:
    assert parse_new_block(Params([])) == NewBlockOptions()
    assert parse_new_block(Params(None)).count == 1
    assert parse_new_block(Params([{"count": 5}])).count == 5
    assert parse_new_block(Params([3])).count == 3
    assert parse_new_block(Params({"count": 4})).count == 4


def test_new_block_takes_chopsticks_to_and_transactions() -> None:
    options = parse_new_block(Params([{"to": 12, "transactions": ["0x0400", "0102"]}]))
    assert options == NewBlockOptions(1, 12, (b"\x04\x00", b"\x01\x02"))


@pytest.mark.parametrize("raw", [[{"count": 0}], [{"count": True}], [{"count": "2"}], [10**6],
                                 [{"to": -1}], [{"transactions": ["xyz"]}]])
def test_new_block_count_out_of_range_or_not_an_integer_is_invalid(raw: list[object]) -> None:
    with pytest.raises(RpcError) as caught:
        parse_new_block(Params(raw))
    assert caught.value.code == INVALID_PARAMS


def test_set_storage_pairs_decode_with_null_as_removal() -> None:
    assert parse_changes(Params([[["0x0102", "0xff"], ["0x03", None]]])) == [
        (b"\x01\x02", b"\xff"), (b"\x03", None)]


@pytest.mark.parametrize("pairs", [[["0x01"]], ["0x01"], [["zz", "0x01"]]])
def test_set_storage_malformed_pairs_are_invalid(pairs: list[object]) -> None:
    with pytest.raises(RpcError) as caught:
        parse_changes(Params([pairs]))
    assert caught.value.code == INVALID_PARAMS


def test_set_balance_address_as_ss58_or_hex_gives_the_same_account() -> None:
    assert parse_account(Params([ALICE_SS58])) == bytes.fromhex(ALICE_HEX)
    assert parse_account(Params(["0x" + ALICE_HEX])) == bytes.fromhex(ALICE_HEX)
    with pytest.raises(RpcError):
        parse_account(Params(["5NotAnAddress"]))


def test_time_travel_accepts_milliseconds_and_iso_dates() -> None:
    assert parse_timestamp(Params([1_700_000_000_000])) == 1_700_000_000_000
    assert parse_timestamp(Params(["2100-01-01T00:00:00Z"])) == 4_102_444_800_000
    with pytest.raises(RpcError):
        parse_timestamp(Params(["next tuesday"]))


def test_set_head_takes_a_number_or_a_32_byte_hash() -> None:
    assert parse_head(Params([7])) == 7
    assert parse_head(Params(["0x" + "11" * 32])) == b"\x11" * 32
    with pytest.raises(RpcError):
        parse_head(Params(["0x11"]))
