"""Configuration: every option of a client, once, checked (``ClientOptions``), and the checks of options.

The constructors of ``ChimeKit``/``AsyncChimeKit`` make a ``ClientOptions`` from their arguments and the
environment; ``with_options`` makes a changed copy (``replace``). A method's per-call options (``timeout``,
``extra_headers``, ...) are checked with the same functions when its request is built (``_request.py``).
"""

from __future__ import annotations

import ipaddress
import os
import posixpath
import sys
from collections.abc import Mapping
from typing import Any

import httpx

from ._constants import (
    AUTHORIZATION_HEADER,
    DEFAULT_BASE_URL,
    DEFAULT_TIMEOUT,
    ENV_BASE_URL,
    ENV_SECRET_KEY,
    MAX_TIMEOUT,
    USER_AGENT_HEADER,
)
from ._exceptions import ChimeKitError, ValidationError
from ._types import NotGiven, TimeoutTypes
from ._version import __version__

USER_AGENT = (
    f"chimekit-python/{__version__} python/{sys.version_info[0]}.{sys.version_info[1]} httpx/{httpx.__version__}"
)


class ClientOptions:
    """A client's settings (the constructor's arguments), each checked; read-only (``replace`` copies)."""

    __slots__ = (
        "allow_insecure_http",
        "base_url",
        "default_headers",
        "http_client",
        "max_retries",
        "secret_key",
        "timeout",
    )
    secret_key: str
    base_url: str
    """The server root, without a trailing ``/`` (and without the API's path prefix)."""
    timeout: TimeoutTypes
    max_retries: int
    default_headers: Mapping[str, str]
    http_client: httpx.Client | httpx.AsyncClient | None
    """Your own httpx client (you close it), or None: the client makes and owns its pool."""
    allow_insecure_http: bool

    def __init__(
        self,
        *,
        secret_key: object,
        base_url: object,
        timeout: object,
        max_retries: object,
        default_headers: object,
        http_client: httpx.Client | httpx.AsyncClient | None,
        allow_insecure_http: object,
    ) -> None:
        if not isinstance(allow_insecure_http, bool):
            raise ValidationError("allow_insecure_http", f"expected True or False, got {allow_insecure_http!r}")
        values = {
            "secret_key": _check_secret_key(secret_key),
            "base_url": _check_base_url(base_url, allow_insecure_http),
            "timeout": check_timeout(timeout),
            "max_retries": _check_retries(max_retries),
            "default_headers": dict(check_headers("default_headers", default_headers)),
            "http_client": http_client,
            "allow_insecure_http": allow_insecure_http,
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)

    @classmethod
    def create(
        cls,
        *,
        secret_key: str | None,
        base_url: str | None,
        timeout: TimeoutTypes | NotGiven,
        max_retries: int,
        default_headers: Mapping[str, str] | None,
        http_client: httpx.Client | httpx.AsyncClient | None,
        allow_insecure_http: bool,
    ) -> ClientOptions:
        """The options from a constructor's arguments; ``None``/``NOT_GIVEN``: the environment or the default."""
        secret_key = secret_key if secret_key is not None else os.environ.get(ENV_SECRET_KEY)
        if secret_key is None or (isinstance(secret_key, str) and not secret_key.strip()):
            raise ChimeKitError(f"no secret key: pass ChimeKit(secret_key=...) or set {ENV_SECRET_KEY}")
        if isinstance(timeout, NotGiven):
            timeout = http_client.timeout if http_client is not None else DEFAULT_TIMEOUT
        return cls(
            secret_key=secret_key,
            base_url=base_url or os.environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers or {},
            http_client=http_client,
            allow_insecure_http=allow_insecure_http,
        )

    def replace(self, **changes: Any) -> ClientOptions:
        """A copy with ``changes`` (the options given to ``with_options``), checked."""
        return ClientOptions(**{**{name: getattr(self, name) for name in self.__slots__}, **changes})

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"ClientOptions are read-only: use replace({name}=...)")

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__ if name != "secret_key")
        return f"ClientOptions({shown})"

    def headers(self) -> httpx.Headers:
        """What every request carries: the key, the SDK's own headers, then ``default_headers`` (which replace
        them). httpx.Headers hides ``Authorization`` in its repr."""
        own = {
            AUTHORIZATION_HEADER: f"Bearer {self.secret_key}",
            USER_AGENT_HEADER: USER_AGENT,
            "Accept": "application/json",
        }
        return merge_headers(own, self.default_headers)


def merge_headers(*layers: Mapping[str, str] | None) -> httpx.Headers:
    """The headers of ``layers``, each replacing the earlier ones' of the same name in any case (so that no
    header, ``Authorization`` or ``User-Agent`` included, goes on the wire twice)."""
    merged = httpx.Headers()
    for layer in layers:
        for name, value in (layer or {}).items():
            merged[name] = value  # httpx.Headers: case-insensitive, replaces
    return merged


def check_mapping(name: str, value: object) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ValidationError(name, f"expected a dict, got {type(value).__name__}")
    return value


def _check_secret_key(secret_key: object) -> str:
    """The key without surrounding whitespace (a newline from a file is common); anything else odd is refused.

    The message never shows the key.
    """
    if not isinstance(secret_key, str):
        raise ValidationError("secret_key", f"expected a string, got {type(secret_key).__name__}")
    key = secret_key.strip()
    for position, char in enumerate(key):
        if not ("!" <= char <= "~"):
            what = "a space" if char.isspace() else "a control character" if char.isascii() else "a non-ASCII character"
            raise ValidationError(
                "secret_key", f"has {what} at position {position}: a key is printable ASCII without spaces"
            )
    if not key:
        raise ValidationError("secret_key", "is empty")
    return key


def check_headers(name: str, headers: object) -> Mapping[str, str]:
    """Headers httpx can send: string names and values, printable ASCII (a value's text is never shown)."""
    if not isinstance(headers, Mapping):
        raise ValidationError(name, f"expected a dict, got {type(headers).__name__}")
    for key, value in headers.items():
        if not isinstance(key, str) or not key or not all("!" <= c <= "~" and c != ":" for c in key):
            raise ValidationError(name, f"{key!r} is not a header name")
        if not isinstance(value, str):
            raise ValidationError(f"{name}[{key!r}]", f"expected a string, got {type(value).__name__}")
        if not all(" " <= c <= "~" or c == "\t" for c in value):
            raise ValidationError(f"{name}[{key!r}]", "has a control or non-ASCII character")
    return headers


def check_timeout(timeout: object) -> TimeoutTypes:
    """Seconds (a number >= 0), an ``httpx.Timeout``, or None (no timeout). Infinity, or a wait longer than
    ``MAX_TIMEOUT`` (which sockets cannot take), is no timeout."""
    if timeout is None:
        return None
    if isinstance(timeout, httpx.Timeout):
        parts = {name: getattr(timeout, name) for name in ("connect", "read", "write", "pool")}
        checked = {name: _seconds(value, f"timeout.{name}") for name, value in parts.items()}
        return timeout if checked == parts else httpx.Timeout(**checked)
    return _seconds(timeout, "timeout")


def _seconds(value: object, name: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0:
        raise ValidationError(name, f"expected seconds >= 0, an httpx.Timeout or None, got {value!r}")
    return float(value) if value <= MAX_TIMEOUT else None


def _check_retries(max_retries: object) -> int:
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
        raise ValidationError("max_retries", "expected an integer >= 0 (0 disables retries)")
    return max_retries


def _check_base_url(base_url: object, allow_insecure_http: bool) -> str:
    """The server root, checked. A root with the API's own path prefix (``/sdk/v1``, what the sandbox prints
    beside its URL) works too: the prefix is dropped, since every operation's path carries it."""
    if not isinstance(base_url, str):
        raise ValidationError("base_url", f"expected a string, got {type(base_url).__name__}")
    try:
        url = httpx.URL(base_url.strip())
    except httpx.InvalidURL:
        raise ValidationError("base_url", "is not a URL") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise ValidationError("base_url", f"expected an http(s) server root, got {url.scheme or 'no'} scheme")
    if url.userinfo:
        raise ValidationError("base_url", "must not hold a user or password (the secret key authenticates)")
    if url.query or url.fragment or "?" in base_url or "#" in base_url:
        raise ValidationError("base_url", "must not have a query or a fragment: it is the server root")
    if url.scheme == "http" and not allow_insecure_http and not is_loopback(url.host):
        raise ValidationError(
            "base_url", "refusing to send the secret key over plain http; use https or allow_insecure_http=True"
        )
    path = url.path.rstrip("/")
    if path:
        prefix = _api_prefix()
        if path.endswith(prefix):
            path = path.removesuffix(prefix)
    return str(url.copy_with(path=path or "/")).rstrip("/")


def _api_prefix() -> str:
    """The path every operation starts with (``/sdk/v1``), from the operation table."""
    from chimekit_api.api import OPERATIONS

    return posixpath.commonpath([operation.path for operation in OPERATIONS.values()])


def is_loopback(host: str) -> bool:
    """``localhost`` or a loopback address (127.0.0.0/8, ::1), not a name that only starts like one."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
