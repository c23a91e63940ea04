"""``tensorchain key``: generate and inspect keys and node keys, the way ``subkey`` does.

* ``key generate`` — a fresh BIP-39 phrase (entropy from :mod:`secrets`) and its key;
* ``key inspect URI`` — a secret URI (``//Alice``, ``<phrase>//hard/soft///password``,
  ``0x<seed>``), or an SS58 address (optionally with a soft path), or with ``--public`` a public
  key (hex or SS58); a URI naming an existing file is read from it, as subkey does;
* ``key sign`` / ``key verify`` — sign a message with a secret URI, check a signature;
* ``key generate-node-key`` / ``key inspect-node-key`` — ed25519 libp2p node keys and peer ids.

Field names, their order and the JSON keys (sorted, two-space indent) follow ``subkey`` so scripts
written for it keep working. Every failure exits with status 1 and a one-line ``Error: …``.
"""

from __future__ import annotations

import json
import secrets
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from runtime.primitives import ss58
from runtime.primitives.keys import (
    CryptoScheme,
    Keypair,
    KeyringError,
    check_mnemonic,
    derive_public,
    keypair_from_mnemonic,
    keypair_from_uri,
    mnemonic_from_entropy,
    node_key_from_hex,
    parse_secret_uri,
    peer_id_from_seed,
    verify,
)
from runtime.primitives.keys.mnemonic import ENTROPY_BYTES

T = TypeVar("T")

_SCHEME = click.option("--scheme", type=click.Choice(["sr25519", "ed25519"], case_sensitive=False),
                       default="sr25519", show_default=True, help="Signature scheme of the key.")
_OUTPUT = click.option("--output-type", type=click.Choice(["text", "json"]), default="text",
                       show_default=True, help="Plain text like subkey, or JSON.")
_PREFIX = click.option("--network-prefix", "-n", type=click.IntRange(0, ss58.MAX_PREFIX),
                       default=None, help="SS58 network id of the addresses [default: 42].")
_PASSWORD = click.option("--password", default=None,
                         help="BIP-39 password (overrides a ///password in the URI).")


@click.group(name="key")
def command() -> None:
    """Generate and inspect account keys and node keys (subkey-compatible)."""


# -- output ----------------------------------------------------------------------------------------

def _emit(output_type: str, fields: dict[str, str], text: str) -> None:
    if output_type == "json":
        click.echo(json.dumps(fields, indent=2, sort_keys=True, ensure_ascii=False))
    else:
        click.echo(text)


def _hex(data: bytes) -> str:
    return "0x" + data.hex()


def _secret_report(keypair: Keypair, prefix: int, output_type: str, *, phrase: str | None,
                   uri: str | None) -> None:
    """Print a key with its secret, as subkey's ``print_from_uri`` (phrase or URI branch)."""
    address = ss58.ss58_encode(keypair.public_key, prefix)
    seed = _hex(keypair.seed) if keypair.seed is not None else "n/a"
    rows = [("Network ID", ss58.network_name(prefix)), ("Secret seed", seed),
            ("Public key (hex)", _hex(keypair.public_key)),
            ("Account ID", _hex(keypair.account_id)),
            ("Public key (SS58)", address), ("SS58 Address", address)]
    if phrase is not None:
        head, first_key = f"Secret phrase:       {phrase}", ("secretPhrase", phrase)
    else:
        head, first_key = f"Secret Key URI `{uri}` is account:", ("secretKeyUri", str(uri))
    text = "\n".join([head] + [f"  {name + ':':<18} {value}" for name, value in rows])
    fields = dict([first_key, ("networkId", ss58.network_name(prefix)), ("secretSeed", seed),
                   ("publicKey", _hex(keypair.public_key)),
                   ("accountId", _hex(keypair.account_id)),
                   ("ss58PublicKey", address), ("ss58Address", address)])
    _emit(output_type, fields, text)


def _public_report(public: bytes, prefix: int, output_type: str, uri: str | None) -> None:
    """Print a public key, as subkey's ``print_from_public`` / public-URI branch."""
    address = ss58.ss58_encode(public, prefix)
    rows = [("Network ID/Version", ss58.network_name(prefix)), ("Public key (hex)", _hex(public)),
            ("Account ID", _hex(public)), ("Public key (SS58)", address),
            ("SS58 Address", address)]
    lines = [f"{name + ':':<19} {value}" for name, value in rows]
    if uri is not None:
        text = "\n".join([f"Public Key URI `{uri}` is account:"] + [f"  {x}" for x in lines])
    else:
        text = "\n  ".join(lines)
    fields = {"networkId": ss58.network_name(prefix), "publicKey": _hex(public),
              "accountId": _hex(public), "ss58PublicKey": address, "ss58Address": address}
    if uri is not None:
        fields["publicKeyUri"] = uri
    _emit(output_type, fields, text)


# -- key generate ----------------------------------------------------------------------------------

@command.command("generate")
@_SCHEME
@click.option("--words", type=click.Choice(["12", "15", "18", "21", "24"]), default="12",
              show_default=True, help="Number of words of the new phrase.")
@_OUTPUT
@_PREFIX
@_PASSWORD
def generate(scheme: str, words: str, output_type: str, network_prefix: int | None,
             password: str | None) -> None:
    """Generate a new random BIP-39 phrase and show its key."""
    phrase = mnemonic_from_entropy(secrets.token_bytes(ENTROPY_BYTES[int(words)]))
    keypair = _or_fail(lambda: keypair_from_mnemonic(phrase, scheme, password or ""))
    _secret_report(keypair, _prefix(network_prefix), output_type, phrase=phrase, uri=None)


# -- key inspect -----------------------------------------------------------------------------------

@command.command("inspect")
@click.argument("uri")
@_SCHEME
@click.option("--public", "is_public", is_flag=True,
              help="URI is a public key (0x hex or SS58), not a secret.")
@_OUTPUT
@_PREFIX
@_PASSWORD
def inspect(uri: str, scheme: str, is_public: bool, output_type: str,
            network_prefix: int | None, password: str | None) -> None:
    """Show the keys and addresses of a secret URI, a phrase, an SS58 address or a public key.

    As with subkey, 0x followed by 64 hex digits is a secret seed; add --public to
    inspect a public key given in hex (or SS58).
    """
    uri = _read_uri(uri)
    if is_public:
        public = _or_fail(lambda: ss58.decode_account_id(uri))
        _public_report(public, _prefix(network_prefix), output_type, uri=None)
        return
    crypto = CryptoScheme.parse(scheme)
    try:
        normalized = check_mnemonic(uri)
    except KeyringError:
        normalized = None
    if normalized is not None:
        keypair = _or_fail(lambda: keypair_from_mnemonic(normalized, crypto, password or ""))
        _secret_report(keypair, _prefix(network_prefix), output_type, phrase=uri, uri=None)
        return
    try:
        keypair = keypair_from_uri(uri, crypto, password)
    except KeyringError as secret_error:
        public, prefix = _public_from_address_uri(uri, crypto, secret_error)
        _public_report(public, network_prefix if network_prefix is not None else prefix,
                       output_type, uri=uri)
        return
    _secret_report(keypair, _prefix(network_prefix), output_type, phrase=None, uri=uri)


def _public_from_address_uri(uri: str, scheme: CryptoScheme,
                             secret_error: KeyringError) -> tuple[bytes, int]:
    """(public key, network id) of ``<ss58 address>[/soft…]``; else fail with both reasons."""
    try:
        parsed = parse_secret_uri(uri)
        if parsed.phrase is None or parsed.password is not None:
            raise KeyringError("not an SS58 address")
        prefix, public = ss58.ss58_decode_with_prefix(parsed.phrase)
        if len(public) != ss58.ACCOUNT_ID_LENGTH:
            raise KeyringError(f"address holds {len(public)} bytes, not a public key")
        if parsed.junctions and scheme is not CryptoScheme.SR25519:
            raise KeyringError("only sr25519 public keys can be derived")
        return derive_public(public, parsed.junctions), prefix
    except (KeyringError, ss58.SS58Error) as address_error:
        reason = str(secret_error)
        if str(address_error) != reason:
            reason = f"as a secret: {reason}; as an address: {address_error}"
        raise click.ClickException(f"invalid phrase/URI {uri!r}: {reason}") from None


def _read_uri(uri: str) -> str:
    """The URI itself, or the content of the file it names (trailing whitespace dropped)."""
    path = Path(uri)
    if not (uri and len(uri) < 4096 and path.is_file()):
        return uri
    try:
        return path.read_text(encoding="utf-8").rstrip()
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"cannot read URI file {uri}: {exc}") from None


# -- node keys -------------------------------------------------------------------------------------

@command.command("generate-node-key")
@click.option("--file", "file", type=click.Path(dir_okay=False), default=None,
              help="Write the secret key here instead of to stdout.")
@click.option("--bin", "binary", is_flag=True, help="Write 32 raw bytes instead of hex.")
def generate_node_key(file: str | None, binary: bool) -> None:
    """Generate an ed25519 libp2p node key; the secret goes out, the peer id to stderr."""
    secret = secrets.token_bytes(32)
    data = secret if binary else secret.hex().encode()
    if file is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        _or_fail(lambda: Path(file).write_bytes(data))
    click.echo(peer_id_from_seed(secret), err=True)


@command.command("inspect-node-key")
@click.option("--file", "file", type=click.Path(dir_okay=False), default=None,
              help="Read the secret key from here instead of stdin.")
@click.option("--bin", "binary", is_flag=True, help="The file holds 32 raw bytes, not hex.")
def inspect_node_key(file: str | None, binary: bool) -> None:
    """Print the peer id of an ed25519 libp2p node key."""
    raw = _or_fail(lambda: Path(file).read_bytes()) if file else sys.stdin.buffer.read()
    secret = raw if binary else _decode_hex_key(raw)
    if len(secret) != 32:
        raise click.ClickException(f"node key must be 32 bytes, got {len(secret)}")
    click.echo(peer_id_from_seed(secret))


def _decode_hex_key(raw: bytes) -> bytes:
    try:
        return node_key_from_hex(raw.decode("ascii"))
    except UnicodeDecodeError:
        raise click.ClickException("node key is not hex (use --bin for raw bytes)") from None
    except KeyringError as exc:
        raise click.ClickException(f"{exc} (use --bin for raw bytes)") from None


# -- sign / verify ---------------------------------------------------------------------------------

_MESSAGE = click.option("--message", default=None,
                        help="Message to sign or check [default: read from stdin].")
_HEX = click.option("--hex", "is_hex", is_flag=True, help="The message is hex (0x optional).")


@command.command("sign")
@click.option("--suri", required=True, help="Secret URI of the signing key (or a file holding it).")
@_MESSAGE
@_HEX
@_SCHEME
@_PASSWORD
def sign(suri: str, message: str | None, is_hex: bool, scheme: str,
         password: str | None) -> None:
    """Sign a message; prints the 0x-hex signature (sr25519 signatures are randomised)."""
    keypair = _or_fail(lambda: keypair_from_uri(_read_uri(suri), scheme, password))
    click.echo(_hex(keypair.sign(_read_message(message, is_hex))))


@command.command("verify")
@click.argument("signature")
@click.argument("public")
@_MESSAGE
@_HEX
@_SCHEME
def verify_signature(signature: str, public: str, message: str | None, is_hex: bool,
                     scheme: str) -> None:
    """Check SIGNATURE (0x hex) of a message by PUBLIC (SS58 address or 0x-hex public key)."""
    raw_signature = ss58.strict_unhex(signature.removeprefix("0x"))
    if raw_signature is None or len(raw_signature) != 64:
        raise click.ClickException("signature must be 64 bytes of hex")
    public_key = _or_fail(lambda: ss58.decode_account_id(_read_uri(public)))
    if not verify(scheme, raw_signature, _read_message(message, is_hex), public_key):
        raise click.ClickException("signature invalid")
    click.echo("Signature verifies correctly.")


def _read_message(message: str | None, is_hex: bool) -> bytes:
    """The message bytes: the option's text (UTF-8) or stdin, hex-decoded with ``--hex``."""
    raw = message.encode("utf-8") if message is not None else sys.stdin.buffer.read()
    if not is_hex:
        return raw
    decoded = ss58.strict_unhex(raw.decode("ascii", errors="replace").strip().removeprefix("0x"))
    if decoded is None:
        raise click.ClickException("message is not hex (drop --hex for a plain message)")
    return decoded


# -- helpers ---------------------------------------------------------------------------------------

def _prefix(network_prefix: int | None) -> int:
    prefix = ss58.SUBSTRATE_PREFIX if network_prefix is None else network_prefix
    if prefix in ss58.RESERVED_PREFIXES:
        raise click.ClickException(f"SS58 prefix {prefix} is reserved")
    return prefix


def _or_fail(action: Callable[[], T]) -> T:
    """Run ``action``; turn a key, address or file error into a one-line CLI error."""
    try:
        return action()
    except (KeyringError, ss58.SS58Error, OSError) as exc:
        raise click.ClickException(str(exc)) from None
