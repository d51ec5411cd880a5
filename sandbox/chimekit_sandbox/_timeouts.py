"""How long the sandbox waits on its clients (apart from ``_server``: the CLI's --help shows them
without importing uvicorn)."""

from __future__ import annotations

from typing import Final

KEEP_ALIVE_SECONDS: Final = 600
"""How long an idle connection stays open between requests: longer than any common HTTP client keeps one
in its pool (httpx 5 s, aiohttp 15 s, .NET 60 s, Go 90 s, curl 118 s, OkHttp 300 s), so a client never
sends a request on a connection the sandbox is closing at that moment (uvicorn's default, 5 s, is
httpx's own expiry: a POST then failed now and then with the request sent)."""

REQUEST_TIMEOUT_SECONDS: Final = 10.0
"""How long the sandbox waits on a client: for a whole request (head and body), counted from the
connection's opening for its first request and from the first byte of each later one; and for a
client to take a response it has stopped reading. Then a request in progress is answered 408 and the
connection closed (a silent new connection is closed without an answer)."""
