"""Fixtures of the extrinsic tests: dev keys."""

from __future__ import annotations

import pytest

from runtime.primitives.keys import Keypair


@pytest.fixture(scope="session")
def alice() -> Keypair:
    """//Alice, sr25519."""
    return Keypair.from_uri("//Alice")


@pytest.fixture(scope="session")
def bob_ed25519() -> Keypair:
    """//Bob, ed25519."""
    return Keypair.from_uri("//Bob", "ed25519")
