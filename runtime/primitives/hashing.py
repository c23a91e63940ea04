"""Hash functions of Substrate and the storage-key hashers built on them.

``twox64`` is xxh64 with seed 0 as 8 little-endian bytes; ``twox128`` concatenates seeds 0 and 1,
``twox256`` seeds 0 to 3. ``blake2_128`` / ``blake2_256`` are unkeyed BLAKE2b with a 16/32-byte
digest (spec/substrate.md §2.1). A FRAME storage prefix is ``twox128(pallet) ++ twox128(item)``.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Callable
from enum import Enum
from functools import lru_cache

import xxhash

_pack_u64_le = struct.Struct("<Q").pack
_pack_2u64_le = struct.Struct("<QQ").pack
_pack_4u64_le = struct.Struct("<QQQQ").pack
_xxh64 = xxhash.xxh64_intdigest


def blake2_128(data: bytes) -> bytes:
    """BLAKE2b with a 16-byte digest."""
    return hashlib.blake2b(data, digest_size=16).digest()


def blake2_256(data: bytes) -> bytes:
    """BLAKE2b with a 32-byte digest: block hashes, trie nodes, large signing payloads."""
    return hashlib.blake2b(data, digest_size=32).digest()


def blake2_512(data: bytes) -> bytes:
    """BLAKE2b with a 64-byte digest (SS58 checksums)."""
    return hashlib.blake2b(data, digest_size=64).digest()


def keccak_256(data: bytes) -> bytes:
    """Keccak-256 (the pre-standard SHA-3 padding used by Ethereum and Substrate)."""
    from Crypto.Hash import keccak  # pycryptodome; only needed off the hot path

    return keccak.new(data=data, digest_bits=256).digest()


def sha2_256(data: bytes) -> bytes:
    """SHA-256."""
    return hashlib.sha256(data).digest()


def twox64(data: bytes) -> bytes:
    """xxh64 with seed 0, as 8 little-endian bytes."""
    return _pack_u64_le(_xxh64(data, 0))


def twox128(data: bytes) -> bytes:
    """xxh64 with seeds 0 and 1, each as 8 little-endian bytes."""
    return _pack_2u64_le(_xxh64(data, 0), _xxh64(data, 1))


def twox256(data: bytes) -> bytes:
    """xxh64 with seeds 0 to 3, each as 8 little-endian bytes."""
    return _pack_4u64_le(_xxh64(data, 0), _xxh64(data, 1), _xxh64(data, 2), _xxh64(data, 3))


def blake2_128_concat(data: bytes) -> bytes:
    """Storage hasher ``Blake2_128Concat``: the hash followed by the key itself (reversible)."""
    return blake2_128(data) + data


def twox64_concat(data: bytes) -> bytes:
    """Storage hasher ``Twox64Concat``: the hash followed by the key itself (reversible)."""
    return twox64(data) + data


def identity(data: bytes) -> bytes:
    """Storage hasher ``Identity``: the key as it is."""
    return data


class StorageHasher(Enum):
    """The storage hashers of FRAME, in the order of their metadata enum index."""

    Blake2_128 = 0
    Blake2_256 = 1
    Blake2_128Concat = 2
    Twox128 = 3
    Twox256 = 4
    Twox64Concat = 5
    Identity = 6

    def hash(self, data: bytes) -> bytes:
        """Hash ``data`` (an already SCALE-encoded key) with this hasher."""
        return _HASHER_FUNCTIONS[self](data)

    @property
    def is_concat(self) -> bool:
        """Whether the hashed key ends with the original key (so keys can be recovered)."""
        return self in (StorageHasher.Blake2_128Concat, StorageHasher.Twox64Concat,
                        StorageHasher.Identity)

    @property
    def digest_size(self) -> int:
        """Bytes of hash that precede the original key (0 for Identity)."""
        return _DIGEST_SIZES[self]


_HASHER_FUNCTIONS: dict[StorageHasher, Callable[[bytes], bytes]] = {
    StorageHasher.Blake2_128: blake2_128,
    StorageHasher.Blake2_256: blake2_256,
    StorageHasher.Blake2_128Concat: blake2_128_concat,
    StorageHasher.Twox128: twox128,
    StorageHasher.Twox256: twox256,
    StorageHasher.Twox64Concat: twox64_concat,
    StorageHasher.Identity: identity,
}

_DIGEST_SIZES: dict[StorageHasher, int] = {
    StorageHasher.Blake2_128: 16,
    StorageHasher.Blake2_256: 32,
    StorageHasher.Blake2_128Concat: 16,
    StorageHasher.Twox128: 16,
    StorageHasher.Twox256: 32,
    StorageHasher.Twox64Concat: 8,
    StorageHasher.Identity: 0,
}


@lru_cache(maxsize=4096)
def storage_prefix(pallet: str, item: str | None = None) -> bytes:
    """``twox128(pallet) ++ twox128(item)``; with no item, the pallet prefix alone."""
    prefix = twox128(pallet.encode())
    if item is None:
        return prefix
    return prefix + twox128(item.encode())


def runtime_api_id(trait_name: str) -> bytes:
    """The 8-byte id of a runtime API trait: BLAKE2b with an 8-byte digest of its name."""
    return hashlib.blake2b(trait_name.encode(), digest_size=8).digest()
