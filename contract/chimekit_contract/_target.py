"""The server under test: its URL (the server root, or the root with the API prefix) and the secret key."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Final
from urllib.parse import urlsplit, urlunsplit

from chimekit._constants import ENV_SECRET_KEY
from chimekit._options import is_loopback

_CONVENTIONAL_NAME: Final = re.compile(r"[A-Z][A-Z0-9_]*")
_NAME: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class CannotTest(Exception):
    """The run cannot test the server (bad URL, no key, unreachable, key refused, not a ChimeKit API): exit 2.

    Messages never hold the key.
    """


@dataclass(frozen=True)
class Target:
    """Where the API is (``root``: no trailing slash, no API prefix) and the key to call it with."""

    root: str
    key_env: str
    key: str = field(repr=False)

    @property
    def key_reference(self) -> str:
        """How output refers to the key: ``$CHIMEKIT_SECRET_KEY`` (or the variable given), never the key."""
        return f"${self.key_env}"

    def mask(self, text: str) -> str:
        """``text`` as shown: the key's placeholder (in schemathesis' ``curl`` commands too), never the key."""
        text = text.replace(self.key, self.key_reference)
        return text.replace("'Authorization: [Filtered]'", f'"Authorization: Bearer {self.key_reference}"')


def server_root(url: str, api_prefix: str, *, allow_insecure_http: bool = False) -> str:
    """The server root for ``url``: the root itself or the root followed by ``api_prefix``.

    Refused (CannotTest): anything but http(s), no host, a user or password, a query or a fragment,
    and plain http to a host that is not loopback unless ``allow_insecure_http``.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise CannotTest(f"the URL is not valid: {exc}") from None
    if parts.scheme not in ("http", "https"):
        raise CannotTest(
            f"the URL must start with http:// or https:// (the server root, or the root ending in {api_prefix})"
        )
    if not parts.hostname:
        raise CannotTest("the URL has no host")
    if parts.username is not None or parts.password is not None:
        raise CannotTest("the URL must not hold a user or password (the key comes from the environment)")
    if parts.query or parts.fragment or "?" in url or "#" in url:
        raise CannotTest(
            f"the URL must not have a query or a fragment: give the server root (or the root ending in {api_prefix})"
        )
    if parts.scheme == "http" and not is_loopback(parts.hostname) and not allow_insecure_http:
        raise CannotTest(
            f"plain http to {parts.hostname} would send the secret key unencrypted: use https, "
            "or pass --allow-insecure-http if the network is private"
        )
    path = parts.path.rstrip("/")
    if api_prefix and path.endswith(api_prefix):
        path = path[: -len(api_prefix)]
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    netloc = host if port is None else f"{host}:{port}"
    return urlunsplit((parts.scheme, netloc, path, "", ""))


def read_key(env_name: str) -> str:
    """The secret key from the environment variable ``env_name`` (stripped); CannotTest names the variable only."""
    shown = f"${env_name}" if env_name == ENV_SECRET_KEY or _CONVENTIONAL_NAME.fullmatch(env_name) else None
    if not _NAME.fullmatch(env_name):
        raise CannotTest("--key-env takes the name of an environment variable (letters, digits and _), not a key")
    value = os.environ.get(env_name, "").strip()
    if not value:
        if shown is None:
            raise CannotTest(
                "the environment variable named by --key-env is empty or not set (give its name, not the key)"
            )
        hint = "" if env_name != ENV_SECRET_KEY else " (or name another variable with --key-env)"
        raise CannotTest(f"no secret key: set {shown}{hint}")
    if any(not 0x21 <= ord(char) <= 0x7E for char in value):
        raise CannotTest(
            f"{shown or 'the variable named by --key-env'} holds a character an HTTP header cannot carry "
            "(a space, a control or a non-ASCII character)"
        )
    return value
