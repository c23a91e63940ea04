"""The development genesis state: what ``tensorchain dev`` starts from.

Built through each pallet's own genesis helper, in ``construct_runtime!`` order:

- System (``frame_system::GenesisConfig::build``): ``BlockHash(0)`` and ``ParentHash`` are
  ``hash69`` (32 bytes of 0x45) — the real genesis hash depends on the genesis state root, so it
  cannot be in that state; block 1's ``initialize_block`` overwrites ``BlockHash(0)`` with its
  parent hash, the genesis hash. Also ``LastRuntimeUpgrade``, ``UpgradedToU32RefCount``,
  ``UpgradedToTripleRefCount`` and ``:extrinsic_index = 0``. No ``:code``: this runtime is
  Python, there is no Wasm blob to store;
- Aura: authorities ``[//Alice sr25519]``; Grandpa: ``[(//Alice ed25519, 1)]``, set id 0
  (when the pallets are composed);
- Balances: Alice..Ferdie endowed with :data:`DEV_ENDOWMENT` each (subtensor's localnet gives
  its dev accounts 1 000 000 TAO); ``TotalIssuance`` is the sum;
- TransactionPayment: ``NextFeeMultiplier = 1``, ``StorageVersion = V2``;
- Sudo: ``Key = //Alice``.

SubtensorModule has no genesis helper yet: its storage starts at the declared defaults.
:func:`dev_genesis_header` gives the genesis header (state version 1).
"""

from __future__ import annotations

from collections.abc import Sequence

from runtime.executive import VersionInfo
from runtime.frame import system
from runtime.node_runtime import VERSION, NodeRuntime, node_runtime
from runtime.pallets.balances import build_genesis as balances_genesis
from runtime.pallets.sudo import pallet as sudo
from runtime.pallets.transaction_payment import pallet as transaction_payment
from runtime.primitives.block import EMPTY_TRIE_ROOT, Digest, Header
from runtime.primitives.externalities import Externalities
from runtime.primitives.hashing import storage_prefix
from runtime.primitives.keys import DEV_ACCOUNT_NAMES, DEV_ACCOUNTS
from runtime.primitives.scale import U32, Bool, Compact, Str, Struct

HASH69 = bytes([69]) * 32
"""``frame_system``'s placeholder for the genesis hash in the genesis state."""
DEV_ENDOWMENT = 1_000_000 * 10**9
"""1 000 000 TAO in rao for each dev account."""

LastRuntimeUpgradeInfo = Struct("LastRuntimeUpgradeInfo", [
    ("spec_version", Compact(U32), "codec::Compact<u32>"),
    ("spec_name", Str, "Cow<'static, str>"),
], path=("frame_system", "LastRuntimeUpgradeInfo"))
LAST_RUNTIME_UPGRADE_KEY = storage_prefix("System", "LastRuntimeUpgrade")
UPGRADED_TO_U32_REF_COUNT_KEY = storage_prefix("System", "UpgradedToU32RefCount")
UPGRADED_TO_TRIPLE_REF_COUNT_KEY = storage_prefix("System", "UpgradedToTripleRefCount")


def build_system_genesis(ext: Externalities, version: VersionInfo = VERSION) -> None:
    """``frame_system``'s genesis build (see the module docstring)."""
    system.BlockHash.insert(ext, 0, HASH69)
    system.ParentHash.insert(ext, HASH69)
    ext.set(LAST_RUNTIME_UPGRADE_KEY, LastRuntimeUpgradeInfo.encode(
        {"spec_version": version.spec_version, "spec_name": version.spec_name}))
    ext.set(UPGRADED_TO_U32_REF_COUNT_KEY, Bool.encode(True))
    ext.set(UPGRADED_TO_TRIPLE_REF_COUNT_KEY, Bool.encode(True))
    ext.set(system.EXTRINSIC_INDEX_KEY, U32.encode(0))


def dev_balances(names: Sequence[str] = DEV_ACCOUNT_NAMES,
                 amount: int = DEV_ENDOWMENT) -> list[tuple[bytes, int]]:
    """``(account, amount)`` for each named dev account (sr25519 ``//Name``)."""
    return [(DEV_ACCOUNTS[name].account_id, amount) for name in names]


def build_dev_genesis(ext: Externalities, node: NodeRuntime | None = None, *,
                      balances: Sequence[tuple[bytes, int]] | None = None,
                      sudo_key: bytes | None = None) -> None:
    """Write the dev genesis state into the empty ``ext``."""
    node = node or node_runtime()
    alice = DEV_ACCOUNTS["Alice"]
    build_system_genesis(ext, node.version)
    if node.aura is not None:
        node.aura.build_genesis(ext, [alice.sr25519.public_key])
    if node.grandpa is not None:
        node.grandpa.build_genesis(ext, [(alice.ed25519.public_key, 1)])
    balances_genesis(ext, list(dev_balances() if balances is None else balances))
    transaction_payment.build_genesis(ext)
    sudo.build_genesis(ext, alice.account_id if sudo_key is None else sudo_key)


def dev_genesis_header(ext: Externalities, state_version: int = VERSION.state_version
                       ) -> Header:
    """The genesis header of the state in ``ext``: zero parent, number 0, its state root,
    the empty extrinsics root, no digest. Its ``hash()`` is the genesis hash."""
    return Header(bytes(32), 0, ext.storage_root(state_version), EMPTY_TRIE_ROOT, Digest())
