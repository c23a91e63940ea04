"""Raw chain spec loading, validation and normalisation."""

from __future__ import annotations

import json

import pytest

from chainspec.errors import ChainSpecError, InvalidRawSpecError
from chainspec.raw import RawChainSpec, parse_hex


def _spec(top: dict, children: dict | None = None, **fields) -> dict:
    spec = {"name": "Test", "id": "test", "chainType": "Local", "bootNodes": [], **fields}
    raw: dict = {"top": top}
    if children is not None:
        raw["childrenDefault"] = children
    spec["genesis"] = {"raw": raw}
    return spec


def test_load_accepts_with_and_without_0x() -> None:
    spec = RawChainSpec.from_json(_spec({"0xAB": "0x01", "cd": "", "0x": "0x02"}))
    assert spec.top == {b"\xab": b"\x01", b"\xcd": b"", b"": b"\x02"}
    assert spec.fields["name"] == "Test"


def test_normalised_output_sorted_lowercase_and_keeps_fields() -> None:
    spec = RawChainSpec.from_json(_spec({"0xFF": "0xAA", "0x01": "0x"}, {"0xC1": {"0x02": "03"}},
                                        properties={"tokenSymbol": "TAO"}))
    out = spec.to_json()
    assert list(out) == ["name", "id", "chainType", "bootNodes", "properties", "genesis"]
    assert out["genesis"]["raw"]["top"] == {"0x01": "0x", "0xff": "0xaa"}
    assert list(out["genesis"]["raw"]["top"]) == ["0x01", "0xff"]
    assert out["genesis"]["raw"]["childrenDefault"] == {"0xc1": {"0x02": "0x03"}}
    assert RawChainSpec.loads(spec.dumps()).to_json() == out


@pytest.mark.parametrize(("top", "fragment"), [
    ({"0x0g": "0x00"}, "key '0x0g': not hex"),
    ({"0x123": "0x00"}, "key '0x123': odd number"),
    ({"0x12": "0xzz"}, "value of key '0x12': not hex"),
    ({"0x12": "0x1 "}, "value of key '0x12'"),
    ({"0x12": 5}, "value of key '0x12': expected a hex string"),
])
def test_malformed_hex_names_the_key(top: dict, fragment: str) -> None:
    with pytest.raises(InvalidRawSpecError, match=fragment.replace("(", r"\(")):
        RawChainSpec.from_json(_spec(top))


def test_malformed_child_entry_names_child() -> None:
    with pytest.raises(InvalidRawSpecError, match=r"childrenDefault\['0xc1'\] key '0xx1'"):
        RawChainSpec.from_json(_spec({}, {"0xc1": {"0xx1": "0x00"}}))


def test_plain_spec_is_refused() -> None:
    with pytest.raises(ChainSpecError, match=r"not a raw chain spec.*runtimeGenesis"):
        RawChainSpec.from_json({"name": "x", "genesis": {"runtimeGenesis": {}}})


def test_child_storage_key_in_top_is_refused() -> None:
    key = "0x" + b":child_storage:default:abc".hex()
    with pytest.raises(InvalidRawSpecError, match="childrenDefault"):
        RawChainSpec.from_json(_spec({key: "0x00"}))


def test_bad_json_and_missing_file_raise(tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{\"genesis\": ")
    with pytest.raises(ChainSpecError, match="invalid JSON at line 1"):
        RawChainSpec.load(bad)
    with pytest.raises(ChainSpecError, match="cannot read chain spec"):
        RawChainSpec.load(tmp_path / "missing.json")
    with pytest.raises(ChainSpecError, match="JSON object"):
        RawChainSpec.loads(json.dumps([1, 2]))


def test_parse_hex_rejects_non_string() -> None:
    with pytest.raises(InvalidRawSpecError, match="somewhere: expected a hex string"):
        parse_hex(b"00", "somewhere")
