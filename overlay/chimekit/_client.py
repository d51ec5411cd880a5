"""ChimeKit and AsyncChimeKit. The constructor, ``with_options`` and the call loop are ``_base_client.py``'s;
the namespaces and methods are generated from ``_resources.py`` (``chimekit/resources/``)."""

from __future__ import annotations

from .resources.client import METHODS_DOC, AsyncChimeKitMethods, ChimeKitMethods

__all__ = ["AsyncChimeKit", "ChimeKit"]


class ChimeKit(ChimeKitMethods):
    """The ChimeKit API client. One per process is enough: it holds a connection pool.

    Args:
        secret_key: your secret key; defaults to ``CHIMEKIT_SECRET_KEY``.
        base_url: the server root; defaults to ``CHIMEKIT_BASE_URL``, else ``https://api.chimekit.com``.
        timeout: seconds or an ``httpx.Timeout``; default 30 s, 5 s to connect (``None``: wait forever).
        max_retries: retries after a retryable failure (default 2; 0 makes one attempt).
        default_headers: extra headers for every request.
        http_client: your own ``httpx.Client`` (proxies, mTLS, transports); you close it.
        allow_insecure_http: allow ``http://`` to a host other than localhost (sends the key in clear).
    """


class AsyncChimeKit(AsyncChimeKitMethods):
    """The asyncio/trio twin of ChimeKit: the same arguments (``http_client``: an ``httpx.AsyncClient``) and
    methods, awaitable; ``async with AsyncChimeKit() as ck``."""


ChimeKit.__doc__ = f"{ChimeKit.__doc__}\n{METHODS_DOC}"
AsyncChimeKit.__doc__ = f"{AsyncChimeKit.__doc__}\n{METHODS_DOC}"
