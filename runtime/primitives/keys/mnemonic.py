"""BIP-39 phrases as Substrate uses them (``substrate-bip39``), through py-bip39-bindings.

Substrate does not use the BIP-39 seed of the *phrase*: it runs PBKDF2-HMAC-SHA512 (2048 rounds)
over the phrase's *entropy* with salt ``"mnemonic" ‖ password`` and keeps the first 32 bytes — the
"mini secret" that seeds both sr25519 and ed25519 keys. English word list only.
"""

from __future__ import annotations

import hashlib

import bip39

from runtime.primitives.keys.errors import MnemonicError
from runtime.primitives.keys.wordlist import ENGLISH_WORDS

VALID_WORD_COUNTS = (12, 15, 18, 21, 24)
#: bytes of entropy per word count: 12 words = 128 bits ... 24 words = 256 bits
ENTROPY_BYTES = {words: words * 11 * 32 // 33 // 8 for words in VALID_WORD_COUNTS}


def mnemonic_from_entropy(entropy: bytes) -> str:
    """The English BIP-39 phrase of 16/20/24/28/32 bytes of entropy (checksum = SHA-256 bits)."""
    if not isinstance(entropy, bytes | bytearray) or len(entropy) not in ENTROPY_BYTES.values():
        size = len(entropy) if isinstance(entropy, bytes | bytearray) else type(entropy).__name__
        raise MnemonicError(f"BIP-39 entropy must be 16, 20, 24, 28 or 32 bytes, got {size}")
    bits = len(entropy) * 8
    checksum_bits = bits // 32
    checksum = hashlib.sha256(entropy).digest()[0] >> (8 - checksum_bits)
    number = (int.from_bytes(entropy, "big") << checksum_bits) | checksum
    count = (bits + checksum_bits) // 11
    return " ".join(ENGLISH_WORDS[(number >> (11 * (count - 1 - i))) & 0x7FF]
                    for i in range(count))


def normalize_phrase(phrase: str) -> str:
    """The phrase with words separated by single spaces (as the BIP-39 parser splits it)."""
    return " ".join(phrase.split())


def is_valid_mnemonic(phrase: str) -> bool:
    """Whether ``phrase`` is a valid English BIP-39 mnemonic (known words, checksum, length)."""
    if not isinstance(phrase, str):
        return False
    words = phrase.split()
    if len(words) not in VALID_WORD_COUNTS:
        return False
    return bool(bip39.bip39_validate(" ".join(words)))


def check_mnemonic(phrase: str) -> str:
    """The normalised phrase, or :class:`MnemonicError` saying why it is refused."""
    if not isinstance(phrase, str):
        raise MnemonicError(f"mnemonic must be a str, got {type(phrase).__name__}")
    words = phrase.split()
    if len(words) not in VALID_WORD_COUNTS:
        raise MnemonicError(f"invalid mnemonic: {len(words)} words, expected one of "
                            f"{', '.join(map(str, VALID_WORD_COUNTS))}")
    normalized = " ".join(words)
    if not bip39.bip39_validate(normalized):
        raise MnemonicError("invalid mnemonic: unknown word or bad checksum")
    return normalized


def mini_secret_from_mnemonic(phrase: str, password: str = "") -> bytes:
    """The 32-byte mini secret (seed) of a phrase and optional password, as Substrate derives it."""
    normalized = check_mnemonic(phrase)
    if not isinstance(password, str):
        raise MnemonicError(f"mnemonic password must be a str, got {type(password).__name__}")
    return bytes(bip39.bip39_to_mini_secret(normalized, password))
