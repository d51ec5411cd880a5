"""A canned HTTP/1.1 server on 127.0.0.1 (keep-alive, stdlib only): ``python bench/server.py CANNED_JSON``.

Answers each request from run.py's canned.json (method and path without the query) with precomputed bytes,
so it costs a few microseconds per request and the client dominates. Prints its URL once it listens; exits
when its standard input closes (so it never outlives run.py).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import threading

HEAD = "HTTP/1.1 {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n"


class Canned(asyncio.Protocol):
    def __init__(self, answers: dict[tuple[bytes, bytes], bytes]) -> None:
        self.answers, self.buf = answers, b""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buf += data
        while (end := self.buf.find(b"\r\n\r\n")) >= 0:
            head = self.buf[:end].lower()
            length = 0
            if (at := head.find(b"content-length:")) >= 0:
                length = int(head[at + 15 :].split(b"\r\n", 1)[0])
            if len(self.buf) < end + 4 + length:
                return
            method, target = self.buf[:end].split(b" ", 2)[:2]
            self.buf = self.buf[end + 4 + length :]
            self.transport.write(self.answers.get((method, target.split(b"?", 1)[0]), self.answers[b"", b""]))


async def serve(answers: dict[tuple[bytes, bytes], bytes]) -> None:
    server = await asyncio.get_running_loop().create_server(lambda: Canned(answers), "127.0.0.1", 0)
    print(f"listening on http://127.0.0.1:{server.sockets[0].getsockname()[1]}", flush=True)
    await asyncio.Event().wait()


def main() -> None:
    with open(sys.argv[1]) as f:
        canned = json.load(f)
    answers = {(b"", b""): HEAD.format("404 Not Found", 2).encode() + b"{}"}
    for call in canned["calls"].values():
        body = call["response"].encode()
        answers[call["method"].encode(), call["path"].encode()] = HEAD.format("200 OK", len(body)).encode() + body
    threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
    asyncio.run(serve(answers))


if __name__ == "__main__":
    main()
