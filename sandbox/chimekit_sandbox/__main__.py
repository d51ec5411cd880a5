"""``chimekit-sandbox``: run the sandbox server in the foreground."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from collections.abc import Sequence

from ._store import DEFAULT_STEP_SECONDS
from ._timeouts import KEEP_ALIVE_SECONDS, REQUEST_TIMEOUT_SECONDS
from ._version import __version__

_ENV_SECRET_KEY = "CHIMEKIT_SECRET_KEY"  # noqa: S105 (a variable's name)

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
        help="the secret key clients must send, surrounding whitespace dropped as the SDK does "
        f"(default: ${_ENV_SECRET_KEY}, else a generated one)",
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
    parser.add_argument(
        "--request-timeout",
        metavar="SECONDS",
        type=_timeout,
        default=REQUEST_TIMEOUT_SECONDS,
        help="how long a client may take to send a whole request (the first on a connection: from its "
        "opening) or, once the server's buffers are full, to take its answer; then the connection is closed, "
        f"a request begun answered 408 (default: {REQUEST_TIMEOUT_SECONDS:g}). Idle connections between "
        f"requests stay open {KEEP_ALIVE_SECONDS} s",
    )
    parser.add_argument(
        "--rate-limit",
        metavar="N",
        type=_per_second,
        help="at most N requests a second with the key; beyond, a 429 with Retry-After (default: no limit)",
    )
    parser.add_argument("--access-log", action="store_true", help="log every request")
    parser.add_argument("--version", action="version", version=f"chimekit-sandbox {__version__}")
    return parser


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a number of seconds >= 0, got {text!r}")
    return value


def _per_second(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of requests >= 1, got {text!r}")
    return int(text)


def _timeout(text: str) -> float:
    value = _seconds(text)
    if value == 0:
        raise argparse.ArgumentTypeError(f"expected a number of seconds > 0, got {text!r}")
    return value


def _raise_open_files_limit() -> None:
    """Each connection is an open file: lift the soft limit on them to the hard one, as Go and the JVM do
    (the usual soft limit, 1,024, is few for a server)."""
    try:
        import resource
    except ImportError:  # Windows: no such limit
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    for wanted in (hard, 10240):  # macOS refuses more than OPEN_MAX (10,240), even without a hard limit
        if soft < wanted <= hard:
            try:
                resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            except (ValueError, OSError):
                continue
            return


def _keep_read_buffers_on_the_heap() -> None:
    """asyncio reads each request into a 256 KiB buffer, which glibc's malloc maps and unmaps per read
    (its threshold for that is 128 KiB): ~10% of the server's CPU time in page faults. A higher mapping
    threshold (and trim threshold, so the heap top is not given back every read) keeps those buffers on
    the heap. Elsewhere than glibc nothing is changed."""
    import ctypes

    m_trim_threshold, m_mmap_threshold = -1, -3  # <malloc.h>
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (AttributeError, OSError, TypeError):  # not glibc (macOS, Windows)
        return
    mallopt(m_mmap_threshold, 1 << 20)
    mallopt(m_trim_threshold, 2 << 20)


def main(argv: Sequence[str] | None = None) -> None:
    parser = _parser()
    args = parser.parse_args(argv)
    # Imported after parsing: --help answers at once.
    from ._app import create_app
    from ._engine import given_secret_key
    from ._seed import SeedError, load_seed
    from ._server import Server, bind_socket, new_secret_key, socket_url, uvicorn_config

    try:
        # Read as the SDK reads a key (a trailing newline is dropped); the message never shows the key.
        given = given_secret_key(args.secret_key, "--secret-key") or given_secret_key(
            os.environ.get(_ENV_SECRET_KEY), _ENV_SECRET_KEY
        )
    except ValueError as exc:
        parser.error(str(exc))
    try:
        seed = load_seed(args.seed) if args.seed is not None else None
    except SeedError as exc:
        sys.exit(f"chimekit-sandbox: --seed: {exc}")

    secret_key = given or new_secret_key()
    _raise_open_files_limit()
    _keep_read_buffers_on_the_heap()
    try:
        sock = bind_socket(args.host, args.port)
    except OSError as exc:
        sys.exit(f"chimekit-sandbox: cannot listen on {args.host}:{args.port}: {exc}")
    try:
        app = create_app(
            secret_key=secret_key,
            db_path=args.db,
            seed=seed,
            step_seconds=args.step_seconds,
            rate_limit=args.rate_limit,
        )
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
    if given is None:
        # The only way to learn a generated key; keys you pass in are never printed.
        print(f"Secret key: {secret_key}", flush=True)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    server = Server(uvicorn_config(app, access_log=args.access_log, request_timeout=args.request_timeout))
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
