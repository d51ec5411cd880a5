"""``chimekit-sandbox``: run the sandbox server in the foreground."""

from __future__ import annotations

import argparse
import logging
import os
import secrets
import signal
import sys
from collections.abc import Sequence

from ._store import DEFAULT_STEP_SECONDS

# Kept in step with the README's "Seed files" section (which has every field).
_EPILOG = """\
seed files (--seed FILE, YAML or JSON; --seed docs: the docs' example records):
  Five optional lists, with the API's field names; records keep the ids and timestamps given
  (an id left out is derived from the record, a timestamp left out is the time of loading).
  Every record is checked against the API's schemas as it is loaded.

    categories:    [{id: cat_123, name: Product}]      # replaces the built-in ones; first = default
    members:       [{externalUserId: user_123, memberId: mem_123, displayName: Ava Example,
                     attributes: {plan: pro}, created: "2025-01-01T00:00:00.000Z",
                     identities: [{id: aid_123, type: email, value: ava@example.com, verified: true}]}]
    suppressions:  [{id: sup_123, externalUserId: user_123, categoryId: null,
                     identity: {type: email, value: ava@example.com}, createdAt: ...}]
    messages:      [{id: msg_123, externalUserId: user_123, categoryId: cat_123, createdAt: ...,
                     notification: {id: not_123, title: Welcome!, snippet: ..., body: ...},
                     delivery: {id: dlv_1, status: delivered, to: ava@example.com}}]
    workflowRuns:  [{id: wr_123, workflowKey: welcome-sequence, externalUserId: user_123,
                     status: queued, createdAt: ..., context: {utmCampaign: winter-launch}}]

  A seed goes into a new database only (an in-memory one, or a --db file that does not exist yet).

runs and deliveries:
  A workflow run started through the API goes queued -> running -> completed, an email delivery
  queued -> sent -> delivered, one state every --step-seconds. A run whose context holds
  {"sandbox": {"fail": true}} ends failed. Seeded records stay as the seed gives them.
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chimekit-sandbox",
        description="A local, stateful ChimeKit server.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8787, help="port; 0 picks a free one (default: 8787)")
    parser.add_argument("--db", metavar="PATH", help="SQLite file to keep the state in (default: in memory)")
    parser.add_argument(
        "--secret-key",
        metavar="KEY",
        help="the secret key clients must send (default: $CHIMEKIT_SECRET_KEY, else a generated one)",
    )
    parser.add_argument(
        "--seed",
        metavar="FILE",
        help="load records from a YAML or JSON seed file into the new database; 'docs': the docs' examples",
    )
    parser.add_argument(
        "--step-seconds",
        metavar="SECONDS",
        type=_seconds,
        default=DEFAULT_STEP_SECONDS,
        help=f"how long each step of a workflow run or an email delivery takes (default: {DEFAULT_STEP_SECONDS}; "
        "0: at once)",
    )
    parser.add_argument("--access-log", action="store_true", help="log every request")
    return parser


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a number of seconds >= 0, got {text!r}")
    return value


def main(argv: Sequence[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    # Imported after parsing: --help answers at once.
    import uvicorn

    from ._app import create_app
    from ._seed import SeedError, load_seed
    from ._server import bind_socket, socket_url, uvicorn_config

    try:
        seed = load_seed(args.seed) if args.seed is not None else None
    except SeedError as exc:
        sys.exit(f"chimekit-sandbox: --seed: {exc}")

    secret_key = args.secret_key or os.environ.get("CHIMEKIT_SECRET_KEY")
    generated = not secret_key
    if not secret_key:
        secret_key = f"sk_test_{secrets.token_urlsafe(24)}"
    try:
        sock = bind_socket(args.host, args.port)
    except OSError as exc:
        sys.exit(f"chimekit-sandbox: cannot listen on {args.host}:{args.port}: {exc}")
    try:
        app = create_app(secret_key=secret_key, db_path=args.db, seed=seed, step_seconds=args.step_seconds)
    except SeedError as exc:
        sock.close()
        sys.exit(f"chimekit-sandbox: --seed: {exc}")
    url = socket_url(sock)
    if seed is not None:
        counts = (len(seed.members), len(seed.suppressions), len(seed.messages), len(seed.runs))
        print(
            "Seeded from {}: {} member(s), {} suppression(s), {} message(s), {} workflow run(s)".format(
                args.seed, *counts
            )
        )
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
