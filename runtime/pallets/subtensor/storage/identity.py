"""SubtensorModule storage: identities of coldkeys and subnets, token symbols and EVM address
associations.

Names, hashers (in key order), key and value types, query kinds and defaults follow
``pallets/subtensor/src/lib.rs`` at subtensor 14bc6f9; defaults are the production runtime's
values of the reference's default functions (see :mod:`runtime.pallets.subtensor.constants`).
"""

from __future__ import annotations

from runtime.frame.storage import (
    OPTION_QUERY,
    VALUE_QUERY,
    blake2_128_concat,
    identity,
    twox64_concat,
)
from runtime.pallets.subtensor.constants import DEFAULT_TOKEN_SYMBOL
from runtime.pallets.subtensor.pallet import subtensor
from runtime.pallets.subtensor.types import (
    H160,
    ChainIdentityV2,
    NetUid,
    SubnetIdentityV3,
)
from runtime.primitives.scale import U16, U64, Bytes, Tuple
from runtime.primitives.scale.common import AccountId32

TokenSymbol = subtensor.map(
    "TokenSymbol", identity(NetUid, "NetUid"), Bytes,
    query=VALUE_QUERY, default=DEFAULT_TOKEN_SYMBOL,
    docs=("A subnet's token symbol (UTF-8).",))

IdentitiesV2 = subtensor.map(
    "IdentitiesV2", blake2_128_concat(AccountId32, "T::AccountId"), ChainIdentityV2,
    query=OPTION_QUERY,
    docs=('Identity of a coldkey.',))

SubnetIdentitiesV3 = subtensor.map(
    "SubnetIdentitiesV3", blake2_128_concat(NetUid, "NetUid"), SubnetIdentityV3,
    query=OPTION_QUERY,
    docs=('Identity of a subnet.',))

AssociatedEvmAddress = subtensor.double_map(
    "AssociatedEvmAddress", twox64_concat(NetUid, "NetUid"), twox64_concat(U16, "u16"),
    Tuple(H160, U64),
    query=OPTION_QUERY,
    docs=('EVM address a uid has associated, with the block of association.',))

__all__ = [
    "AssociatedEvmAddress",
    "IdentitiesV2",
    "SubnetIdentitiesV3",
    "TokenSymbol",
]
