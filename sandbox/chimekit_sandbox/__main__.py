"""``chimekit-sandbox``: run the sandbox server in the foreground."""

from __future__ import annotations

import argparse
import logging
import os
import secrets
import signal
import sys
from collections.abc import Sequence


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="chimekit-sandbox", description="A local, stateful ChimeKit server.")
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8787, help="port; 0 picks a free one (default: 8787)")
    parser.add_argument("--db", metavar="PATH", help="SQLite file to keep the state in (default: in memory)")
    parser.add_argument(
        "--secret-key",
        metavar="KEY",
        help="the secret key clients must send (default: $CHIMEKIT_SECRET_KEY, else a generated one)",
    )
    parser.add_argument("--access-log", action="store_true", help="log every request")
    return parser


def main(argv: Sequence[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    # Imported here so that --help works (and fails clearly) without the sandbox extra.
    try:
        import uvicorn

        from ._app import create_app
        from ._server import bind_socket, socket_url, uvicorn_config
    except ImportError as exc:  # pragma: no cover - depends on the environment
        sys.exit(f"chimekit-sandbox needs the sandbox extra: pip install 'chimekit[sandbox]' ({exc})")

    secret_key = args.secret_key or os.environ.get("CHIMEKIT_SECRET_KEY")
    generated = not secret_key
    if not secret_key:
        secret_key = f"sk_test_{secrets.token_urlsafe(24)}"
    try:
        sock = bind_socket(args.host, args.port)
    except OSError as exc:
        sys.exit(f"chimekit-sandbox: cannot listen on {args.host}:{args.port}: {exc}")
    app = create_app(secret_key=secret_key, db_path=args.db)
    url = socket_url(sock)
    print(f"ChimeKit sandbox listening on {url} (API under {url}/sdk/v1)", flush=True)
    if generated:
        # The only way to learn a generated key; keys you pass in are never printed.
        print(f"Secret key: {secret_key}", flush=True)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    server = uvicorn.Server(uvicorn_config(app, access_log=args.access_log))
    received: list[int] = []

    def stop(signum: int, frame: object) -> None:
        # uvicorn takes SIGINT/SIGTERM while it serves, shuts down gracefully and then hands the
        # signal back to this handler: note it and return normally (no KeyboardInterrupt traceback
        # from asyncio, no death by signal before the database is closed).
        received.append(signum)
        server.should_exit = True

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, stop)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        app.close()
    if signal.SIGINT in received:
        sys.exit(130)  # what shells expect after Ctrl-C


if __name__ == "__main__":
    main()
