"""The runtime's genesis config: what a plain chain spec's genesis section says, typed.

A plain chain spec carries the runtime genesis config as JSON, one section per pallet in
lowerCamel names, as the reference's ``RuntimeGenesisConfig`` serialises it::

    {"system": {},
     "aura": {"authorities": ["<ss58 sr25519>", ...]},
     "grandpa": {"authorities": [["<ss58 ed25519>", <weight>], ...]},
     "balances": {"balances": [["<ss58 account>", <amount in rao>], ...]},
     "transactionPayment": {"multiplier": "<FixedU128 inner value>"},
     "sudo": {"key": "<ss58 account>" | null}}

Sections and fields are optional (a *patch* over the runtime's defaults: no authorities, no
balances, multiplier 1, no sudo key); unknown sections or fields are refused, as the reference's
``deny_unknown_fields`` does. Accounts and authority keys are SS58 strings (any network id, as
``from_ss58check`` takes them; hex is refused); amounts and weights are JSON integers. Every
error is a :class:`GenesisConfigParseError` naming the JSON path of the offending value, e.g.
``genesis.runtimeGenesis.patch.balances.balances[2][1]``.

:func:`build_genesis_config` writes the config into an empty state through each pallet's own
genesis helper, in ``construct_runtime!`` order (System, Aura, Grandpa, Balances,
TransactionPayment, Sudo) — the same writes as :func:`runtime.genesis.build_dev_genesis`, so
:func:`dev_genesis_config` yields exactly the dev genesis state.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from runtime.genesis import DEV_ENDOWMENT, build_system_genesis, dev_balances
from runtime.node_runtime import NodeRuntime, node_runtime
from runtime.pallets.balances import EXISTENTIAL_DEPOSIT
from runtime.pallets.balances import build_genesis as balances_genesis
from runtime.pallets.sudo import pallet as sudo
from runtime.pallets.transaction_payment import pallet as transaction_payment
from runtime.primitives.externalities import Externalities
from runtime.primitives.keys import DEV_ACCOUNTS
from runtime.primitives.ss58 import SS58Error, ss58_decode, ss58_encode

__all__ = [
    "GenesisConfig",
    "GenesisConfigParseError",
    "build_genesis_config",
    "dev_genesis_config",
]

U64_MAX = 2**64 - 1
U128_MAX = 2**128 - 1
FIXED_U128_ONE = transaction_payment.FIXED_U128_ONE
SECTIONS: dict[str, tuple[str, ...]] = {
    "system": (),
    "aura": ("authorities",),
    "grandpa": ("authorities",),
    "balances": ("balances",),
    "transactionPayment": ("multiplier",),
    "sudo": ("key",),
}
"""The pallet sections this runtime has a genesis config for, and each one's fields."""


class GenesisConfigParseError(ValueError):
    """A malformed genesis config; ``path`` is the JSON path of the offending value."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


@dataclass(frozen=True, slots=True)
class GenesisConfig:
    """The typed genesis config: what each pallet's genesis build is given."""

    balances: tuple[tuple[bytes, int], ...] = ()
    sudo_key: bytes | None = None
    aura_authorities: tuple[bytes, ...] = ()
    grandpa_authorities: tuple[tuple[bytes, int], ...] = ()
    fee_multiplier: int = FIXED_U128_ONE

    @property
    def total_issuance(self) -> int:
        """The sum of the genesis balances (what ``Balances.TotalIssuance`` starts at)."""
        return sum(amount for _, amount in self.balances)

    @classmethod
    def from_json(cls, config: object, path: str = "genesis") -> GenesisConfig:
        """Parse a runtime genesis config (or patch) JSON object found at ``path``."""
        sections = _object(config, path)
        for name, value in sections.items():
            if name not in SECTIONS:
                known = ", ".join(SECTIONS)
                raise GenesisConfigParseError(
                    f"{path}.{name}", f"unknown pallet section (this runtime knows {known})")
            fields = _object(value, f"{path}.{name}")
            for field_name in fields:
                if field_name not in SECTIONS[name]:
                    raise GenesisConfigParseError(f"{path}.{name}.{field_name}", "unknown field")
        kwargs: dict[str, Any] = {}
        for name, parse in _PARSERS.items():
            section = sections.get(name, {})
            kwargs.update(parse(section, f"{path}.{name}"))
        return cls(**kwargs)

    def to_json(self, prefix: int = 42) -> dict[str, Any]:
        """The config as JSON (SS58 under ``prefix``): what :meth:`from_json` reads back."""
        return {
            "system": {},
            "aura": {"authorities": [ss58_encode(a, prefix) for a in self.aura_authorities]},
            "grandpa": {"authorities": [[ss58_encode(a, prefix), w]
                                        for a, w in self.grandpa_authorities]},
            "balances": {"balances": [[ss58_encode(a, prefix), amount]
                                      for a, amount in self.balances]},
            "transactionPayment": {"multiplier": str(self.fee_multiplier)},
            "sudo": {"key": None if self.sudo_key is None else ss58_encode(self.sudo_key, prefix)},
        }


def _object(value: object, path: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise GenesisConfigParseError(path, f"expected a JSON object, got {_kind(value)}")
    return value


def _list(value: object, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise GenesisConfigParseError(path, f"expected a JSON array, got {_kind(value)}")
    return value


def _kind(value: object) -> str:
    if value is None:
        return "null"
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string",
            list: "an array", dict: "an object"}.get(type(value), type(value).__name__)


def _account(value: object, path: str) -> bytes:
    if not isinstance(value, str):
        raise GenesisConfigParseError(path, f"expected an SS58 address, got {_kind(value)}")
    try:
        return ss58_decode(value)
    except SS58Error as exc:
        raise GenesisConfigParseError(path, f"not an account: {exc}") from exc


def _integer(value: object, path: str, maximum: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise GenesisConfigParseError(path, f"expected {what} (a JSON integer), got {_kind(value)}")
    if not 0 <= value <= maximum:
        raise GenesisConfigParseError(path, f"{what} {value} is out of range 0..={maximum}")
    return value


def _pair(value: object, path: str) -> list[Any]:
    items = _list(value, path)
    if len(items) != 2:
        raise GenesisConfigParseError(path, f"expected a pair, got {len(items)} items")
    return items


def _parse_balances(section: Mapping[str, Any], path: str) -> dict[str, Any]:
    path = f"{path}.balances"
    out: list[tuple[bytes, int]] = []
    seen: set[bytes] = set()
    for index, entry in enumerate(_list(section.get("balances", []), path)):
        where = f"{path}[{index}]"
        account_text, amount_value = _pair(entry, where)
        account = _account(account_text, f"{where}[0]")
        amount = _integer(amount_value, f"{where}[1]", U64_MAX, "a balance in rao")
        if amount < EXISTENTIAL_DEPOSIT:
            raise GenesisConfigParseError(
                f"{where}[1]", f"{amount} is below the existential deposit {EXISTENTIAL_DEPOSIT}")
        if account in seen:
            raise GenesisConfigParseError(f"{where}[0]", "duplicate balances in genesis")
        seen.add(account)
        out.append((account, amount))
    if sum(amount for _, amount in out) > U64_MAX:
        raise GenesisConfigParseError(path, "total issuance overflows u64")
    return {"balances": tuple(out)}


def _parse_sudo(section: Mapping[str, Any], path: str) -> dict[str, Any]:
    key = section.get("key")
    return {"sudo_key": None if key is None else _account(key, f"{path}.key")}


def _parse_aura(section: Mapping[str, Any], path: str) -> dict[str, Any]:
    path = f"{path}.authorities"
    keys = [_account(item, f"{path}[{i}]")
            for i, item in enumerate(_list(section.get("authorities", []), path))]
    return {"aura_authorities": tuple(keys)}


def _parse_grandpa(section: Mapping[str, Any], path: str) -> dict[str, Any]:
    path = f"{path}.authorities"
    out: list[tuple[bytes, int]] = []
    for index, entry in enumerate(_list(section.get("authorities", []), path)):
        where = f"{path}[{index}]"
        key_text, weight_value = _pair(entry, where)
        out.append((_account(key_text, f"{where}[0]"),
                    _integer(weight_value, f"{where}[1]", U64_MAX, "an authority weight")))
    return {"grandpa_authorities": tuple(out)}


def _parse_transaction_payment(section: Mapping[str, Any], path: str) -> dict[str, Any]:
    value = section.get("multiplier", str(FIXED_U128_ONE))
    path = f"{path}.multiplier"
    if not isinstance(value, str) or not value.isascii() or not value.isdigit():
        raise GenesisConfigParseError(
            path, f"expected a FixedU128 as a string of decimal digits, got {value!r}")
    return {"fee_multiplier": _integer(int(value), path, U128_MAX, "a FixedU128 inner value")}


_PARSERS: dict[str, Callable[[Mapping[str, Any], str], dict[str, Any]]] = {
    "aura": _parse_aura,
    "grandpa": _parse_grandpa,
    "balances": _parse_balances,
    "transactionPayment": _parse_transaction_payment,
    "sudo": _parse_sudo,
}


def build_genesis_config(ext: Externalities, config: GenesisConfig,
                         node: NodeRuntime | None = None) -> None:
    """Write ``config`` into the empty ``ext`` through the pallets' genesis helpers.

    Raises ``ValueError`` when the config sets authorities for a pallet the runtime does not
    compose; the pallets' own refusals (``AuraError``, ``GrandpaError``, balances'
    ``GenesisConfigError``) propagate.
    """
    node = node or node_runtime()
    _require(node.aura is not None or not config.aura_authorities, "Aura")
    _require(node.grandpa is not None or not config.grandpa_authorities, "Grandpa")
    build_system_genesis(ext, node.version)
    if node.aura is not None:
        node.aura.build_genesis(ext, list(config.aura_authorities))
    if node.grandpa is not None:
        node.grandpa.build_genesis(ext, list(config.grandpa_authorities))
    balances_genesis(ext, list(config.balances))
    transaction_payment.build_genesis(ext, config.fee_multiplier)
    sudo.build_genesis(ext, config.sudo_key)


def _require(ok: bool, pallet: str) -> None:
    if not ok:
        raise ValueError(f"the genesis config sets {pallet} authorities but the runtime "
                         f"does not compose {pallet}")


def dev_genesis_config(names: Sequence[str] | None = None,
                       amount: int = DEV_ENDOWMENT) -> GenesisConfig:
    """The dev preset: Alice..Ferdie endowed, Alice as sudo, Aura and Grandpa authority."""
    alice = DEV_ACCOUNTS["Alice"]
    balances = dev_balances(amount=amount) if names is None else dev_balances(names, amount)
    return GenesisConfig(
        balances=tuple(balances),
        sudo_key=alice.account_id,
        aura_authorities=(alice.sr25519.public_key,),
        grandpa_authorities=((alice.ed25519.public_key, 1),),
    )
