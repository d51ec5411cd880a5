"""``chimekit-contract URL``: the steps of a run, in order, and the exit status."""

from __future__ import annotations

import argparse
import importlib.metadata
import secrets
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Final

from chimekit._constants import ENV_SECRET_KEY
from chimekit._options import _api_prefix

from ._behaviour import CHECKS, Ids, Result, Tester, run_checks
from ._fuzz import DEFAULT_MAX_EXAMPLES, DEFAULT_SEED, Settings, created_members
from ._fuzz import run as run_schemathesis
from ._http import Client, RateLimited
from ._links import run_links
from ._preflight import preflight
from ._report import Run, summary, verdict, write_junit
from ._spec import PROFILES, Profile, Validator, links, load_spec, operations, profile_spec
from ._target import CannotTest, Target, read_key, server_root

PREFIX_START: Final = "ckc-"

DESCRIPTION = """\
Contract-test a ChimeKit server against the ChimeKit API's OpenAPI document (the one the installed
chimekit package ships): the behaviour the document describes, every link it declares, then
schemathesis (examples, coverage, fuzzing with negative data, stateful link-following).

THE RUN WRITES DATA on the server. It makes members under an id prefix unique to the run
(ckc-<8 hex digits>-...), sets their profiles, adds and removes their suppressions, sends them
messages and runs workflows for them; it never reads or changes a member it did not make. At the
end it deletes every member it made (a soft delete: their messages and runs stay) and says how many
it could not. Point it at a test environment: messages are sent for real where the server sends
them (emails go to addresses at example.com, or to whatever schemathesis generates).

The secret key is read from the environment, never from the command line: $CHIMEKIT_SECRET_KEY, or
the variable named by --key-env. Output, reproduction commands and the JUnit file show the
variable's name instead of the key.

Steps: preflight (one request: the URL answers, the key is accepted, the API prefix is right, it is a
ChimeKit API), behaviour checks, links, schemathesis, cleanup; then a summary per operation and check.

exit status: 0 the server conforms; 1 violations found; 2 could not test (bad URL or options, no key,
unreachable, key refused, not a ChimeKit API, still rate limited after the retries).
"""


def _version() -> str:
    try:
        return importlib.metadata.version("chimekit-contract")
    except importlib.metadata.PackageNotFoundError:  # a source checkout without an install
        return "unknown"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="chimekit-contract", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument(
        "url",
        metavar="URL",
        help=f"the server root (https://api.example.com) or the root ending in the API prefix ({_api_prefix()})",
    )
    p.add_argument(
        "--key-env",
        metavar="NAME",
        default=ENV_SECRET_KEY,
        help=f"the environment variable holding the secret key (default: {ENV_SECRET_KEY}): its name, not the key",
    )
    p.add_argument(
        "--profile",
        choices=PROFILES,
        default="full",
        help="full (default): everything the document says, its own decisions included (length limits, the 413, "
        "404s, WWW-Authenticate, orderings, statuses of runs, ...); docs: only what ChimeKit's docs promise "
        "(for the real service): what the document marks as a decision is not checked",
    )
    p.add_argument(
        "--seed",
        metavar="N",
        type=int,
        default=DEFAULT_SEED,
        help=f"schemathesis' seed (default {DEFAULT_SEED}): "
        "the same seed generates the same cases; the behaviour checks and links run whatever the seed",
    )
    p.add_argument(
        "--max-examples",
        metavar="N",
        type=int,
        default=DEFAULT_MAX_EXAMPLES,
        help=f"schemathesis' cases per operation and phase (default {DEFAULT_MAX_EXAMPLES}); more finds more, slower",
    )
    p.add_argument(
        "--junit", metavar="PATH", type=Path, help="write a JUnit XML report there (nothing is written by default)"
    )
    p.add_argument(
        "--quick",
        action="store_true",
        help="preflight, behaviour checks, links and cleanup only: no schemathesis (seconds instead of minutes)",
    )
    p.add_argument(
        "--allow-insecure-http",
        action="store_true",
        help="allow plain http:// to a host that is not loopback (the key then travels unencrypted)",
    )
    p.add_argument("--version", action="version", version=f"chimekit-contract {_version()}")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.max_examples < 1:
        parser().error("--max-examples must be at least 1")
    emit = partial(print, flush=True)
    try:
        return contract(
            args.url,
            key_env=args.key_env,
            profile=args.profile,
            settings=Settings(seed=args.seed, max_examples=args.max_examples),
            junit=args.junit,
            quick=args.quick,
            allow_insecure_http=args.allow_insecure_http,
            emit=emit,
        )
    except KeyboardInterrupt:
        print("chimekit-contract: interrupted", file=sys.stderr)
        return 130


def _fail(message: str) -> int:
    print(f"chimekit-contract: error: {message}", file=sys.stderr, flush=True)
    return 2


def contract(
    url: str,
    *,
    key_env: str = ENV_SECRET_KEY,
    profile: Profile = "full",
    settings: Settings | None = None,
    junit: Path | None = None,
    quick: bool = False,
    allow_insecure_http: bool = False,
    emit: Callable[[str], None] = print,
) -> int:
    """One run against ``url``; returns the exit status. ``settings`` narrows schemathesis (tests)."""
    started = time.monotonic()
    settings = settings or Settings()
    document = load_spec()
    spec = profile_spec(document, profile)
    ops = operations(spec)
    api_prefix = _api_prefix()
    try:
        root = server_root(url, api_prefix, allow_insecure_http=allow_insecure_http)
        target = Target(root, key_env, read_key(key_env))
    except CannotTest as exc:
        return _fail(str(exc))
    prefix = f"{PREFIX_START}{secrets.token_hex(4)}-"
    full_ops = ops if spec is document else operations(document)
    full_decisions = {op.operation_id: op.decisions() for op in full_ops.values()}
    client = Client(target, ops, Validator(spec))
    ids = Ids(prefix)
    run = Run(operations=ops)

    def tester() -> Tester:
        return Tester(client, ops, full_decisions, profile, ids)

    emit(f"chimekit-contract {_version()}: {target.root} (API under {api_prefix}), profile {profile}")
    emit(f"Writes data: members {prefix}*, their suppressions, messages and runs (the members are deleted at the end)")
    emit("[1/5] preflight")
    step = time.monotonic()
    try:
        warnings = preflight(client, f"{prefix}preflight", api_prefix)
    except (CannotTest, RateLimited) as exc:
        client.close()
        run.stopped = str(exc)
        if junit is not None:
            write_junit(run, junit, None, target)
        return _fail(str(exc))
    seconds = time.monotonic() - step
    emit(f"  ok: the server answers, accepts {target.key_reference} and serves the ChimeKit API ({seconds:.2f} s)")
    for warning in warnings:
        emit(f"  warning: {warning}")
    with tempfile.TemporaryDirectory(prefix="chimekit-contract-") as folder:
        try:
            emit(f"[2/5] behaviour: {len(CHECKS)} checks")
            for result in run_checks(tester):
                run.checks.append(result)
                _line(result, emit)
            spec_links = links(spec, ops)
            emit(f"[3/5] links: {len(spec_links)} declared by the document, each followed once")
            for result in run_links(tester, spec_links):
                run.links.append(result)
                _line(result, emit)
            if quick:
                run.fuzz_skipped = "not run (--quick)"
                emit("[4/5] schemathesis: skipped (--quick)")
            else:
                emit(
                    f"[4/5] schemathesis: {', '.join(settings.phases)}; seed {settings.seed}, "
                    f"at most {settings.max_examples} cases per operation and phase"
                )
                run.fuzz = run_schemathesis(spec, ops, profile, target, prefix, settings, Path(folder), emit)
        except (CannotTest, RateLimited) as exc:
            run.stopped = str(exc)
            emit(f"  could not test: {exc}")
        finally:
            made = list(dict.fromkeys([*ids.made, *created_members(Path(folder))]))
            emit(f"[5/5] cleanup: deleting the {len(made)} members the run made")
            run.created, run.not_deleted = len(made), _cleanup(client, made)
            run.requests = client.requests + (run.fuzz.requests if run.fuzz else 0)
            run.rate_limited = client.rate_limited + (run.fuzz.rate_limited if run.fuzz else 0)
            client.close()
        run.seconds = time.monotonic() - started
        summary(run, emit)
        if junit is not None:
            write_junit(run, junit, Path(folder) / "schemathesis-junit.xml", target)
            emit(f"JUnit report: {junit}")
    emit(verdict(run))
    return run.exit_code


def _line(result: Result, emit: Callable[[str], None]) -> None:
    mark = {"passed": "ok  ", "failed": "FAIL", "skipped": "skip", "error": "ERR "}[result.outcome]
    emit(f"  {mark} {result.name}" + (f": {result.message}" if result.message else ""))


def _cleanup(client: Client, members: list[str]) -> list[str]:
    """Delete each member (best effort); the ones that could not be deleted (all the rest once nothing answers)."""
    left: list[str] = []
    for number, member in enumerate(members):
        try:
            answer = client.send("deleteMember", member)
        except CannotTest:
            return left + members[number:]
        except RateLimited:
            left.append(member)
            continue
        if not 200 <= answer.status_code < 300:
            left.append(member)
    return left
