"""Hashing rates: our twox128 against the digest()-reversal way, blake2-256, storage keys."""

from __future__ import annotations

import xxhash

from benchmarks.harness import Row, per_second
from runtime.primitives import hashing


def _twox128_via_digest(data: bytes) -> bytes:
    return (xxhash.xxh64(data, seed=0).digest()[::-1] + xxhash.xxh64(data, seed=1).digest()[::-1])


def run() -> list[Row]:
    """Measure and return the hashing rows."""
    data = b"SubtensorModule"
    account = bytes(range(32))
    prefix = hashing.storage_prefix("System", "Account")
    assert _twox128_via_digest(data) == hashing.twox128(data)
    return [
        Row("hashing", "twox128 via digest() reversal",
            per_second(lambda: _twox128_via_digest(data)), "ops/s"),
        Row("hashing", "twox128 (ours)", per_second(lambda: hashing.twox128(data)), "ops/s",
            baseline="twox128 via digest() reversal"),
        Row("hashing", "blake2_256 of 32 bytes", per_second(lambda: hashing.blake2_256(account)),
            "ops/s"),
        Row("hashing", "System.Account key (cached prefix)",
            per_second(lambda: prefix + hashing.blake2_128_concat(account)), "ops/s"),
    ]
