"""The schemathesis part of a run: fuzzing, negative data, examples, coverage and link-following.

schemathesis runs in its own process (``python -m schemathesis.cli``) on the run's document, with a
config file and the hooks of ``_hooks``, in a temporary folder: nothing is written where the command
was started. Its output is passed through with the key's placeholder in reproduction commands
(``Authorization: Bearer $CHIMEKIT_SECRET_KEY``); its JUnit report and event stream are read back for
the summary.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from ._spec import MEMBER_ID_SCHEMA, JsonObject, Operation, Profile, resolve
from ._target import Target

PHASES: Final = ("examples", "coverage", "fuzzing", "stateful")
DEFAULT_SEED: Final = 20251123
DEFAULT_MAX_EXAMPLES: Final = 100
REQUEST_TIMEOUT: Final = 15
IDS_FILE: Final = "created.jsonl"
DOCS_POSITIVE_STATUSES: Final = ("2xx", "3xx", "400", "401", "403", "404", "409", "413", "422", "429", "5xx")
"""What ``positive_data_acceptance`` accepts in the docs profile: the docs set no limits, so a server may
refuse (4xx) a value they allow without breaking a promise; 5xx stays ``not_a_server_error``'s."""


def contract_links(ops: Mapping[str, Operation]) -> dict[str, JsonObject]:
    """Links OpenAPI cannot express, for this run only: identify → sendMessage / runWorkflow.

    An OpenAPI link value is a whole runtime expression or a literal, so the document cannot put the
    identified member into a field of a request body; schemathesis evaluates expressions nested in a
    body. Without these, the stateful phase seldom sends a message or runs a workflow for a member
    that exists. The bodies are the document's examples (``merge_body: false``: sent as they are).
    """
    source_field = sorted(ops["identify"].member_fields)[0]
    expression = f"$request.body#/{source_field}"
    found: dict[str, JsonObject] = {}
    for name, operation_id in (("SendMessage", "sendMessage"), ("RunWorkflow", "runWorkflow")):
        operation = ops[operation_id]
        body = operation.example_body() or {}
        body.update(dict.fromkeys(operation.member_fields, expression))
        link: JsonObject = {
            "operationId": operation_id,
            "description": "chimekit-contract run only: the identified member.",
            "x-schemathesis": {"merge_body": False},
            "requestBody": body,
        }
        if operation.path_params:
            link["parameters"] = {n: operation.example_parameter(n) for n in operation.path_params}
        found[name] = link
    return found


def run_document(spec: Mapping[str, Any], ops: Mapping[str, Operation]) -> JsonObject:
    """The document schemathesis gets: the profile's, plus the contract-only links (the document's own win).

    ``ops`` are ``spec``'s operations; ``spec`` itself is not changed (the links go into a copy)."""
    document: JsonObject = json.loads(json.dumps(spec))
    identify = ops["identify"]
    response = document["paths"][identify.path][identify.method.lower()]["responses"]["200"]
    links = response.setdefault("links", {})
    for name, link in contract_links(ops).items():
        links.setdefault(name, link)
    return document


def config_toml(key_env: str, profile: Profile) -> str:
    lines = [
        "# chimekit-contract's schemathesis settings for one run (a temporary file).",
        'hooks = "chimekit_contract._hooks"',
        'rate-limit = "auto"  # a 429 with Retry-After is waited out and retried',
        f"request-timeout = {REQUEST_TIMEOUT}",
        "",
        "[cache]  # a seed gives the same run every time; nothing is kept between runs",
        "enabled = false",
        "",
        "[checks]",
        "enabled = true",
        "",
        "[warnings]  # a run whose key is refused fails (the preflight stops it earlier)",
        'fail-on = ["missing_auth"]',
        "",
        "[headers]  # the key comes from the environment: never on a command line, masked in output",
        f'Authorization = "Bearer ${{{key_env}}}"',
    ]
    if profile == "docs":
        statuses = ", ".join(f'"{s}"' for s in DOCS_POSITIVE_STATUSES)
        lines += [
            "",
            "# The docs promise no limits, so refusing a value they allow is no broken promise.",
            "[checks.positive_data_acceptance]",
            f"expected-statuses = [{statuses}]",
            "",
            "# 405 with Allow for a method a path lacks is the document's decision (x-chimekit-decisions).",
            "[checks.unsupported_method]",
            "enabled = false",
            "[checks.allow_header_conformance]",
            "enabled = false",
        ]
    return "\n".join(lines) + "\n"


def hook_settings(
    spec: Mapping[str, Any], ops: Mapping[str, Operation], prefix: str, ids_file: Path, stats_file: Path
) -> JsonObject:
    return {
        "prefix": prefix,
        "member_id_schema": resolve(spec, {"$ref": MEMBER_ID_SCHEMA}),
        "member_params": {op.label: sorted(op.member_params) for op in ops.values() if op.member_params},
        "member_fields": {op.label: sorted(op.member_fields) for op in ops.values() if op.member_fields},
        "ids_file": str(ids_file),
        "stats_file": str(stats_file),
    }


@dataclass
class Settings:
    seed: int = DEFAULT_SEED
    max_examples: int = DEFAULT_MAX_EXAMPLES
    phases: Sequence[str] = PHASES
    operation_ids: Sequence[str] = ()
    """Only these operations (tests narrow runs with it); empty: all."""


def command(spec_path: Path, config_path: Path, root: str, settings: Settings, folder: Path) -> list[str]:
    argv = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(config_path),
        "run",
        str(spec_path),
        "--url",
        root,
        "--phases",
        ",".join(settings.phases),
        "--workers",
        "1",  # more workers crash hypothesis on Python 3.11 (AST recursion depth mismatch)
        "--seed",
        str(settings.seed),
        "--max-examples",
        str(settings.max_examples),
        "--generation-database",
        "none",
        "--report",
        "junit,ndjson",
        "--report-junit-path",
        str(folder / "schemathesis-junit.xml"),
        "--report-ndjson-path",
        str(folder / "events.ndjson"),
        "--no-color",
    ]
    for operation_id in settings.operation_ids:
        argv += ["--include-operation-id", operation_id]
    return argv


@dataclass
class OperationStats:
    cases: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    failed_checks: Counter[str] = field(default_factory=Counter)


@dataclass
class Outcome:
    returncode: int
    operations: dict[str, OperationStats] = field(default_factory=dict)
    checks: dict[str, Counter[str]] = field(default_factory=dict)
    """check name → {"success": n, "failure": n, ...}."""
    links_followed: set[str] = field(default_factory=set)
    requests: int = 0
    rate_limited: int = 0


def scrub(line: str, target: Target, folder: Path) -> str:
    """A line of schemathesis' output as shown: the key's placeholder in ``curl`` commands, never the key."""
    return target.mask(line).replace(str(folder), "<run folder>")


def created_members(folder: Path) -> list[str]:
    """The members schemathesis' run made (or may have made), as the hooks wrote them down."""
    ids_file = folder / IDS_FILE
    if not ids_file.exists():
        return []
    return [json.loads(line) for line in ids_file.read_text(encoding="utf-8").splitlines() if line]


def read_events(path: Path, outcome: Outcome) -> None:
    """Per-operation and per-check figures, and the links the stateful phase followed, from the event stream."""
    if not path.exists():
        return
    with path.open(encoding="utf-8") as events:
        for line in events:
            if not line.startswith('{"ScenarioFinished"'):
                continue
            recorder = json.loads(line)["ScenarioFinished"].get("recorder", {})
            cases = recorder.get("cases", {})
            for case_id, case in cases.items():
                value = case.get("value", {})
                label = f"{value.get('method', '?').upper()} {value.get('path', '?')}"
                stats = outcome.operations.setdefault(label, OperationStats())
                interaction = recorder.get("interactions", {}).get(case_id)
                if interaction and interaction.get("response"):
                    stats.cases += 1
                    stats.statuses[str(interaction["response"]["status_code"])] += 1
                for check in recorder.get("checks", {}).get(case_id, []):
                    outcome.checks.setdefault(check["name"], Counter())[check["status"]] += 1
                    if check["status"] == "failure":
                        stats.failed_checks[check["name"]] += 1
                if case.get("transition") and case.get("is_transition_applied"):
                    outcome.links_followed.add(case["transition"]["id"])


def run(
    spec: Mapping[str, Any],
    ops: Mapping[str, Operation],
    profile: Profile,
    target: Target,
    prefix: str,
    settings: Settings,
    folder: Path,
    emit: Callable[[str], None],
) -> Outcome:
    """Run schemathesis against ``target`` on ``spec`` (the profile's document, whose operations ``ops`` are)
    in ``folder``."""
    spec_path, config_path = folder / "openapi.json", folder / "schemathesis.toml"
    ids_file, stats_file, settings_file = folder / IDS_FILE, folder / "stats.json", folder / "hooks.json"
    spec_path.write_text(json.dumps(run_document(spec, ops)), encoding="utf-8")
    config_path.write_text(config_toml(target.key_env, profile), encoding="utf-8")
    settings_file.write_text(json.dumps(hook_settings(spec, ops, prefix, ids_file, stats_file)), encoding="utf-8")
    env = {**os.environ, target.key_env: target.key, "CHIMEKIT_CONTRACT_RUN": str(settings_file)}
    env.pop("SCHEMATHESIS_HOOKS", None)
    argv = command(spec_path, config_path, target.root, settings, folder)
    with subprocess.Popen(  # noqa: S603 (our own interpreter, fixed arguments)
        argv, cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace"
    ) as process:
        assert process.stdout is not None
        try:
            for line in process.stdout:
                if line.lstrip().startswith("st replay "):
                    continue  # replaying needs the run's files, which are gone when it ends
                emit(scrub(line.rstrip("\n"), target, folder))
        except BaseException:
            process.kill()
            raise
    outcome = Outcome(process.returncode)
    read_events(folder / "events.ndjson", outcome)
    if stats_file.exists():
        stats = json.loads(stats_file.read_text(encoding="utf-8"))
        outcome.requests, outcome.rate_limited = stats["requests"], stats["rate_limited"]
    return outcome
