"""A canned-response HTTP/1.1 server for the benchmark: asyncio protocol, keep-alive, stdlib only.

    python bench/server.py [--host 127.0.0.1] [--port 0] [--lifetime 1800]

Prints ``PORT <n>`` on the first line of stdout once it listens. Every request is answered from
``canned.route`` with precomputed bytes, so the server costs a few microseconds per request and the
client under test dominates. It exits on SIGTERM/SIGINT, when stdin closes (so it never outlives the
benchmark that started it), or after ``--lifetime`` seconds at the latest.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys

import canned

_REASONS = {200: b"OK", 404: b"Not Found", 400: b"Bad Request"}
_response_cache: dict[tuple[bytes, bytes], bytes] = {}


def _response_bytes(method: bytes, target: bytes) -> bytes:
    key = (method, target)
    cached = _response_cache.get(key)
    if cached is not None:
        return cached
    path = target.split(b"?", 1)[0].decode("latin-1")
    status, body = canned.route(method.decode("latin-1"), path)
    head = [b"HTTP/1.1 %d %s" % (status, _REASONS.get(status, b"OK"))]
    head += [f"{k}: {v}".encode() for k, v in canned.RESPONSE_HEADERS]
    head.append(b"content-length: %d" % len(body))
    data = b"\r\n".join(head) + b"\r\n\r\n" + body
    if len(_response_cache) < 4096:
        _response_cache[key] = data
    return data


class CannedProtocol(asyncio.Protocol):
    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buf = b""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buf += data
        while True:
            end = self.buf.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buf[:end]
            lines = head.split(b"\r\n")
            try:
                method, target, _version = lines[0].split(b" ", 2)
            except ValueError:
                self._bad_request()
                return
            length = 0
            close = False
            for line in lines[1:]:
                name, _, value = line.partition(b":")
                lname = name.strip().lower()
                if lname == b"content-length":
                    length = int(value.strip() or b"0")
                elif lname == b"connection" and value.strip().lower() == b"close":
                    close = True
                elif lname == b"transfer-encoding":
                    self._bad_request()  # the benchmark's clients always send a content-length
                    return
            total = end + 4 + length
            if len(self.buf) < total:
                return
            self.buf = self.buf[total:]
            assert self.transport is not None
            self.transport.write(_response_bytes(method, target))
            if close:
                self.transport.close()
                return

    def _bad_request(self) -> None:
        assert self.transport is not None
        self.transport.write(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
        self.transport.close()


async def _watch_stdin(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    # Blocks a worker thread until the parent closes our stdin (or exits).
    await loop.run_in_executor(None, sys.stdin.buffer.read)
    stop.set()


async def serve(host: str, port: int, lifetime: float, watch_stdin: bool) -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    server = await loop.create_server(CannedProtocol, host, port, backlog=1024, reuse_address=True)
    bound = server.sockets[0].getsockname()[1]
    print(f"PORT {bound}", flush=True)
    watcher = asyncio.ensure_future(_watch_stdin(stop)) if watch_stdin else None
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=lifetime)
    server.close()
    if watcher is not None:
        watcher.cancel()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--lifetime", type=float, default=1800.0, help="exit after this many seconds")
    parser.add_argument("--no-stdin-watch", action="store_true", help="do not exit when stdin closes")
    args = parser.parse_args()
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        parser.error("the benchmark server only listens on loopback")
    asyncio.run(serve(args.host, args.port, args.lifetime, not args.no_stdin_watch))
    # The stdin watcher thread may still be blocked in read(); don't wait for it.
    sys.stdout.flush()
    import os

    os._exit(0)


if __name__ == "__main__":
    main()
