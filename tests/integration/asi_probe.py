"""Probe run by the async-substrate-interface venv's python against a running ``tensorchain dev``.

Usage: ``python asi_probe.py <ws-url> <signer-python> <repo-root> <dest-ss58> <amount>``

It imports only the standard library and async-substrate-interface 2.2.1 (with the scale codec
that library installs), so it cannot be imported by the main venv's tests. The ASI venv ships no
keypair class (``async_substrate_interface.protocols.Keypair`` is a protocol), so //Alice signs
through the project's own sr25519 key pair, run by ``<signer-python>`` in ``<repo-root>``.

It prints one JSON object. When a step raises, the object names the step (``failed_step``) and
carries the library's error and traceback (``error``, ``traceback``); the steps before it are kept.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import traceback
from typing import Any

from async_substrate_interface.async_substrate import AsyncSubstrateInterface

STEP_TIMEOUT = 60.0
SIGN_TIMEOUT = 60.0
SR25519 = 1

SIGNER = (
    "import sys\n"
    "from runtime.primitives.keys import keypair_from_uri\n"
    "pair = keypair_from_uri(sys.argv[1])\n"
    "sys.stdout.write(pair.public_key.hex() + ' ' + pair.sign(bytes.fromhex(sys.argv[2])).hex())\n"
)


class ProjectKeypair:
    """A key pair satisfying ASI's ``Keypair`` protocol; sr25519 signing by the project's code."""

    def __init__(self, uri: str, python: str, root: str) -> None:
        self._uri = uri
        self._python = python
        self._root = root
        public_hex, _ = self._run(b"")
        self._public_key = bytes.fromhex(public_hex)

    def _run(self, message: bytes) -> tuple[str, str]:
        done = subprocess.run([self._python, "-c", SIGNER, self._uri, message.hex()],
                              capture_output=True, text=True, timeout=SIGN_TIMEOUT,
                              cwd=self._root, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"the sr25519 signer failed: {done.stderr}")
        public_hex, signature_hex = done.stdout.split()
        return public_hex, signature_hex

    @property
    def crypto_type(self) -> int:
        """sr25519 (MultiSignature index 1)."""
        return SR25519

    @property
    def public_key(self) -> bytes:
        """The 32-byte public key (the account id)."""
        return self._public_key

    @property
    def ss58_address(self) -> str:
        """The address under prefix 42, encoded by the library's codec."""
        from scalecodec.utils.ss58 import ss58_encode

        return str(ss58_encode(self._public_key, 42))

    @property
    def ss58_format(self) -> int:
        """The generic Substrate prefix."""
        return 42

    def sign(self, data: bytes | str) -> bytes:
        """The 64-byte sr25519 signature of ``data`` (bytes, or ``0x`` hex)."""
        if isinstance(data, str):
            data = bytes.fromhex(data.removeprefix("0x"))
        return bytes.fromhex(self._run(bytes(data))[1])


def plain(value: Any) -> Any:
    """``value`` made JSON-serialisable (scale objects by their ``value``)."""
    if hasattr(value, "value") and not isinstance(value, (int, str, bytes, dict, list)):
        value = value.value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, bytes):
        return "0x" + value.hex()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return repr(value)


async def probe(report: dict[str, Any], url: str, python: str, root: str, dest: str,
                amount: int) -> None:
    """Walk the client's steps, recording each result in ``report``."""

    async def step(name: str, awaitable: Any) -> Any:
        report["failed_step"] = name
        result = await asyncio.wait_for(awaitable, STEP_TIMEOUT)
        report["steps"].append(name)
        return result

    substrate = AsyncSubstrateInterface(url, ss58_format=42)
    try:
        await step("initialize", substrate.initialize())
        runtime = await step("init_runtime", substrate.init_runtime())
        report["spec_version"] = runtime.runtime_version
        report["transaction_version"] = runtime.transaction_version
        report["runtime_info"] = plain(runtime.runtime_info)
        metadata_v15 = await step("get_metadata", substrate.get_metadata())
        report["metadata_v15_type"] = type(metadata_v15).__name__
        report["metadata_version"] = next(iter(plain(metadata_v15.value)[1]))
        report["pallets"] = [pallet.name for pallet in runtime.metadata.pallets]

        alice = ProjectKeypair("//Alice", python, root)
        report["alice"] = alice.ss58_address
        account = await step("query_alice", substrate.query("System", "Account",
                                                            [alice.ss58_address]))
        report["alice_account_before"] = plain(account)
        report["alice_nonce_before"] = await step(
            "account_nonce_before", substrate.get_account_nonce(alice.ss58_address))

        call = await step("compose_call", substrate.compose_call(
            "Balances", "transfer_keep_alive", {"dest": dest, "value": amount}))
        extrinsic = await step("create_signed_extrinsic",
                               substrate.create_signed_extrinsic(call=call, keypair=alice))
        receipt = await step("submit_extrinsic", substrate.submit_extrinsic(
            extrinsic, wait_for_inclusion=True, wait_for_finalization=True))
        report["block_hash"] = receipt.block_hash
        report["is_success"] = await step("is_success", receipt.is_success)
        report["error_message"] = plain(await step("error_message", receipt.error_message))
        report["total_fee_amount"] = await step("total_fee_amount", receipt.total_fee_amount)
        events = await step("triggered_events", receipt.triggered_events)
        report["events"] = [plain(event) for event in events]

        heads: list[Any] = []

        async def on_head(header: Any) -> Any:
            """2.2.1 calls the handler with the decoded header only; non-None stops."""
            heads.append(plain(header))
            return True

        await step("subscribe_block_headers", substrate.subscribe_block_headers(on_head))
        report["heads"] = heads

        dest_account = await step("query_dest", substrate.query("System", "Account", [dest]))
        report["dest_account"] = plain(dest_account)
        account = await step("query_alice_after", substrate.query("System", "Account",
                                                                  [alice.ss58_address]))
        report["alice_account_after"] = plain(account)
        report["alice_nonce_after"] = await step(
            "account_nonce_after", substrate.get_account_nonce(alice.ss58_address))
        report["failed_step"] = None
    finally:
        await asyncio.wait_for(substrate.close(), STEP_TIMEOUT)


def main(argv: list[str]) -> int:
    """Run the probe and print its JSON report (also when a step fails)."""
    url, python, root, dest, amount = argv[1:6]
    report: dict[str, Any] = {"steps": [], "failed_step": None}
    try:
        asyncio.run(probe(report, url, python, root, dest, int(amount)))
    except BaseException as error:  # the report carries any library error
        report["error"] = f"{type(error).__name__}: {error}"
        report["traceback"] = traceback.format_exc()
    print(json.dumps(report, default=repr))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
