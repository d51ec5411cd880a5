"""The end of a run: the summary per operation and per check, and the JUnit file (``--junit``)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ._behaviour import Result
from ._fuzz import Outcome
from ._spec import Operation
from ._target import Target


@dataclass
class Run:
    """Everything a run found, for the summary and the JUnit file."""

    operations: Mapping[str, Operation]
    stopped: str | None = None
    """Why the run could not test the server (exit 2), or None."""
    checks: list[Result] = field(default_factory=list)
    links: list[Result] = field(default_factory=list)
    fuzz: Outcome | None = None
    fuzz_skipped: str = ""
    created: int = 0
    not_deleted: list[str] = field(default_factory=list)
    requests: int = 0
    rate_limited: int = 0
    seconds: float = 0.0

    @property
    def violations(self) -> int:
        found = sum(r.outcome == "failed" for r in [*self.checks, *self.links])
        return found + (1 if self.fuzz is not None and self.fuzz.returncode == 1 else 0)

    @property
    def cannot_test(self) -> str | None:
        if self.stopped is not None:
            return self.stopped
        limited = [r.name for r in [*self.checks, *self.links] if r.outcome == "error"]
        if limited:
            return f"still rate limited after the retries: {', '.join(limited)}"
        if self.fuzz is not None and self.fuzz.returncode not in (0, 1):
            return f"schemathesis could not run (exit {self.fuzz.returncode}; its output above says why)"
        return None

    @property
    def exit_code(self) -> int:
        if self.cannot_test is not None:
            return 2
        return 1 if self.violations else 0


def _tally(results: Sequence[Result], operation_id: str, *, source_only: bool = False) -> str:
    mine = [
        r for r in results if (r.name.split(" ")[0] == operation_id if source_only else operation_id in r.operations)
    ]
    if not mine:
        return "-"
    passed = sum(r.outcome == "passed" for r in mine)
    return f"{passed}/{len(mine)}"


def summary(run: Run, emit: Callable[[str], None]) -> None:
    emit("")
    emit("Summary per operation (behaviour: checks that called it passed/run; links: from it followed/all;")
    emit("schemathesis: cases and the statuses answered, checks failed)")
    columns = ("behaviour", 9), ("links", 6), ("cases", 6), ("2xx", 5), ("4xx", 5), ("5xx", 4), ("429", 4)
    emit(f"  {'operation':<20} " + " ".join(f"{name:>{width}}" for name, width in columns) + "  failed")
    for operation_id, operation in run.operations.items():
        stats = run.fuzz.operations.get(operation.label) if run.fuzz else None
        statuses: Counter[str] = Counter()
        if stats is not None:
            for status, count in stats.statuses.items():
                statuses["429" if status == "429" else status[0] + "xx"] += count
        cases = str(stats.cases) if stats else "-"
        failed = ", ".join(f"{name} ×{n}" for name, n in stats.failed_checks.items()) if stats else ""
        emit(
            f"  {operation_id:<20} {_tally(run.checks, operation_id):>9} "
            f"{_tally(run.links, operation_id, source_only=True):>6} {cases:>6} {statuses['2xx']:>5} "
            f"{statuses['4xx']:>5} {statuses['5xx']:>4} {statuses['429']:>4}  {failed or '-'}"
        )
    emit("")
    outcomes = Counter(r.outcome for r in run.checks)
    emit(f"Behaviour checks: {', '.join(f'{n} {o}' for o, n in outcomes.items()) or 'none'}")
    for result in run.checks:
        if result.outcome != "passed":
            emit(f"  {result.outcome.upper():<12} {result.name}: {result.message}")
    links = Counter(r.outcome for r in run.links)
    emit(
        f"Links: {links['passed']} of {len(run.links)} followed"
        + (f", {links['failed']} failed" if links["failed"] else "")
    )
    for result in run.links:
        if result.outcome != "passed":
            emit(f"  {result.outcome.upper():<12} {result.name}: {result.message}")
    if run.fuzz is not None:
        emit(f"schemathesis checks (responses checked / failed), exit {run.fuzz.returncode}:")
        for name, counts in sorted(run.fuzz.checks.items()):
            emit(f"  {name:<32} {sum(counts.values()):>6} / {counts['failure']}")
        emit(f"schemathesis' stateful phase followed {len(run.fuzz.links_followed)} distinct links")
    elif run.fuzz_skipped:
        emit(f"schemathesis: {run.fuzz_skipped}")
    emit(
        f"Requests: {run.requests} ({run.rate_limited} answered 429 and were waited out or backed off from); "
        f"{run.seconds:.1f} s"
    )
    emit(
        f"Cleanup: deleted {run.created - len(run.not_deleted)} of the {run.created} members the run made"
        + (f"; could not delete {len(run.not_deleted)}: {', '.join(run.not_deleted[:10])}" if run.not_deleted else "")
    )


def verdict(run: Run) -> str:
    if run.cannot_test is not None:
        return f"Could not test the server: {run.cannot_test} (exit 2)"
    if run.violations:
        return f"The server does not conform: {run.violations} violation(s) above (exit 1)"
    return "The server conforms (exit 0)"


def _suite(name: str, results: Sequence[Result]) -> ET.Element:
    suite = ET.Element("testsuite", name=name, tests=str(len(results)))
    suite.set("failures", str(sum(r.outcome == "failed" for r in results)))
    suite.set("errors", str(sum(r.outcome == "error" for r in results)))
    suite.set("skipped", str(sum(r.outcome == "skipped" for r in results)))
    suite.set("time", f"{sum(r.seconds for r in results):.3f}")
    for result in results:
        case = ET.SubElement(suite, "testcase", classname=name, name=result.name, time=f"{result.seconds:.3f}")
        if result.outcome == "failed":
            ET.SubElement(case, "failure", message=result.message).text = result.message
        elif result.outcome == "error":
            ET.SubElement(case, "error", message=result.message).text = result.message
        elif result.outcome == "skipped":
            ET.SubElement(case, "skipped", message=result.message)
    return suite


def write_junit(run: Run, path: Path, schemathesis_junit: Path | None, target: Target) -> None:
    """One JUnit file: preflight, behaviour, links, cleanup, then schemathesis' own suites. Never the key."""
    root = ET.Element("testsuites", name="chimekit-contract")
    preflight = Result("preflight", "the server answers, accepts the key, serves the API", "passed")
    if run.stopped is not None and not run.checks:
        preflight.outcome, preflight.message = "error", run.stopped  # reported as an error: could not test
    root.append(_suite("chimekit-contract.preflight", [preflight]))
    root.append(_suite("chimekit-contract.behaviour", run.checks))
    root.append(_suite("chimekit-contract.links", run.links))
    if schemathesis_junit is not None and schemathesis_junit.exists():
        theirs = ET.parse(schemathesis_junit).getroot()  # noqa: S314 (schemathesis' own file, written by this run)
        for suite in [theirs] if theirs.tag == "testsuite" else list(theirs):
            suite.set("name", f"schemathesis.{suite.get('name', 'run')}")
            root.append(suite)
    cleanup = _suite("chimekit-contract.cleanup", [Result("cleanup", "delete every member the run made", "passed")])
    note = f"deleted {run.created - len(run.not_deleted)} of the {run.created} members the run made"
    if run.not_deleted:
        note += f"; could not delete: {', '.join(run.not_deleted)}"
    ET.SubElement(cleanup[0], "system-out").text = note
    root.append(cleanup)
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode", xml_declaration=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(target.mask(text) + "\n", encoding="utf-8")
