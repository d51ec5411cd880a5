"""chimekit-contract against the sandbox (it conforms), broken variants (each is caught) and bad input (exit 2).

The honest runs are the command's defaults; a broken variant of behaviour runs ``--quick`` (no
schemathesis), a broken shape only the operations and phases of schemathesis that reach it.
"""

from __future__ import annotations

import importlib.resources
import json
import re
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from chimekit import ChimeKit
from chimekit_contract import Settings, contract
from chimekit_contract._spec import docs_view, links, load_spec, operations
from chimekit_sandbox._engine import ASGIApp

from . import broken
from .conftest import SECRET, Outcome, served

pytestmark = pytest.mark.contract
RunContract = Callable[..., Outcome]
OPERATIONS = list(operations(load_spec()))
LINKS = links(load_spec())


def member_ids(path: str, body: bytes) -> list[str]:
    """The member ids a request names: in the path (audience and message lists) or as ``externalUserId``."""
    found = re.findall(r"/members/([^/]+)", path)
    try:
        value = json.loads(body) if body else None
    except ValueError:
        value = None
    if isinstance(value, dict) and isinstance(value.get("externalUserId"), str):
        found.append(value["externalUserId"])
    return found


@pytest.mark.timeout(600)
def test_the_default_run_passes_against_the_sandbox_and_touches_only_its_own_members(
    contract: RunContract, tmp_path: Path
) -> None:
    """The command's defaults, at the URL the sandbox prints (ending in /sdk/v1), on the docs' records.

    Every behaviour check and link passes, schemathesis tests every operation, the key is nowhere in the
    output or the JUnit file, every member the run made is deleted afterwards and no request ever
    succeeded on a member without the run's prefix: the docs' ``user_123`` is exactly as seeded.
    """
    log: list[tuple[str, str, int, bytes]] = []
    with served(lambda app: broken.recording(app, log), seed="docs") as (url, _), ChimeKit(SECRET, base_url=url) as ck:
        before = ck.audience.find_member("user_123"), ck.messages.list_messages_for_user("user_123", {"limit": 100})
        first = len(log)
        started = time.monotonic()
        outcome = contract(url + "/sdk/v1", "--junit", str(tmp_path / "junit.xml"))
        seconds = time.monotonic() - started
        requests = len(log)
        after = ck.audience.find_member("user_123"), ck.messages.list_messages_for_user("user_123", {"limit": 100})
        made = {
            member
            for method, path, status, body in log[first:requests]
            if method == "POST" and path.endswith("/identify") and status == 200
            for member in member_ids(path, body)
        }
        left = sorted(member for member in made if ck.audience.find_member(member) is not None)
        log = log[first:requests]
    prefix = outcome.prefix
    assert outcome.code == 0, outcome.out + outcome.err
    assert "The server conforms (exit 0)" in outcome.out
    assert outcome.out.count("  ok   ") == len(LINKS) + 15
    assert "FAIL" not in outcome.out
    assert f"Links: {len(LINKS)} of {len(LINKS)} followed" in outcome.out
    assert "No issues found" in outcome.out
    for operation_id in OPERATIONS:  # behaviour checks called it; schemathesis' cases, some answered 2xx
        row = re.search(rf"^  {operation_id} +(\S+) +\S+ +(\d+) +(\d+) ", outcome.out, re.MULTILINE)
        assert row is not None, (operation_id, outcome.out)
        assert re.fullmatch(r"(\d+)/\1", row.group(1)), (operation_id, outcome.out)
        assert int(row.group(3)) > 0, (operation_id, outcome.out)
    assert re.search(r"Cleanup: deleted (\d+) of the \1 members", outcome.out), outcome.out
    assert made
    assert not left
    assert before == after  # user_123 and its messages, exactly as seeded
    touched = {m for method, path, status, body in log if 200 <= status < 300 for m in member_ids(path, body)}
    assert touched
    assert [m for m in touched if not m.startswith(prefix)] == []
    junit = (tmp_path / "junit.xml").read_text()
    suites = [s.get("name") for s in ET.fromstring(junit)]  # noqa: S314 (our own file)
    assert suites[:3] == ["chimekit-contract.preflight", "chimekit-contract.behaviour", "chimekit-contract.links"]
    assert any(str(name).startswith("schemathesis.") for name in suites)
    assert SECRET not in outcome.out + outcome.err + junit
    print(f"default run: {seconds:.1f} s, {len(log)} requests, {len(log) / seconds:.0f} requests/s")


@pytest.mark.timeout(300)
def test_the_docs_profile_passes_against_the_sandbox_and_skips_the_decisions(contract: RunContract) -> None:
    with served() as (url, _):
        outcome = contract(url, "--profile", "docs", "--max-examples", "10")
    assert outcome.code == 0, outcome.out + outcome.err
    for name in ("update-keeps-others", "identify-revives", "pages-total-count", "pages-order", "run-lifecycle"):
        assert outcome.result(name) == "skip"
    assert outcome.result("pages-complete") == "ok"


BEHAVIOUR = [
    (broken.find_forgets_attributes, "identify-then-find"),
    (broken.reidentify_ignored, "reidentify-updates"),
    (broken.update_ignored, "update-changes-given"),
    (broken.update_replaces_all, "update-keeps-others"),
    (broken.delete_not_applied, "delete-then-find"),
    (broken.no_revival, "identify-revives"),
    (broken.suppressions_not_listed, "suppress-then-list"),
    (broken.remove_not_applied, "remove-then-list"),
    (broken.message_detail_wrong, "send-then-get"),
    (broken.list_misses_newest, "send-then-list"),
    (broken.offset_ignored, "pages-complete"),
    (broken.total_count_of_page, "pages-total-count"),
    (broken.wrong_order, "pages-order"),
    (broken.run_shows_another_key, "run-then-get"),
    (broken.run_finishes_without_finished_at, "run-lifecycle"),
    (broken.run_status_goes_back, "run-lifecycle"),
    (broken.suppression_ids_unusable, "listSuppressions 200 RemoveSuppression -> removeSuppression"),
]


@pytest.mark.parametrize(("wrap", "check"), BEHAVIOUR, ids=[wrap.__name__ for wrap, _ in BEHAVIOUR])
def test_each_behaviour_check_catches_a_server_broken_its_way(
    wrap: Callable[[ASGIApp], ASGIApp], check: str, contract: RunContract
) -> None:
    with served(wrap) as (url, _):
        outcome = contract(url, "--quick")
    assert outcome.code == 1, outcome.out + outcome.err
    assert outcome.result(check) == "FAIL"
    assert "The server does not conform" in outcome.out


def test_every_behaviour_check_and_link_has_its_broken_server() -> None:
    from chimekit_contract._behaviour import CHECKS

    caught = {check for _, check in BEHAVIOUR}
    assert {check.name for check in CHECKS} <= caught
    assert any(" -> " in check for check in caught)  # and the links


def test_the_docs_profile_does_not_hold_a_server_to_the_specs_decisions(contract: RunContract) -> None:
    """An order the docs do not promise: a violation of the full profile only."""
    with served(broken.wrong_order) as (url, _):
        assert contract(url, "--quick").code == 1
        outcome = contract(url, "--quick", "--profile", "docs")
    assert outcome.code == 0, outcome.out
    assert outcome.result("pages-order") == "skip"


SHAPES = [
    pytest.param(broken.dropped_required_field, ["identify"], ["examples"], "ST108", id="required-field-dropped"),
    pytest.param(broken.wrong_type, ["deleteMember"], ["examples"], "ST108", id="wrong-type"),
    pytest.param(
        broken.undocumented_status,
        ["identify", "addSuppression", "removeSuppression"],
        ["stateful"],
        "ST103",
        id="undocumented-status",
    ),
    pytest.param(broken.wrong_content_type, ["findMember"], ["examples"], "ST105", id="wrong-content-type"),
    pytest.param(broken.auth_ignored(SECRET), ["findMember"], ["examples"], "ST401", id="auth-ignored"),
    pytest.param(broken.no_request_id, ["findMember"], ["examples"], "ST107", id="no-x-request-id"),
    pytest.param(broken.no_www_authenticate, ["findMember"], ["coverage"], "ST107", id="no-www-authenticate"),
    pytest.param(broken.server_error_on_bad_input, ["identify"], ["coverage"], "ST101", id="500-on-bad-input"),
]


def narrow(url: str, operation_ids: list[str], phases: list[str], monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("CHIMEKIT_SECRET_KEY", SECRET)
    settings = Settings(max_examples=10, phases=phases, operation_ids=operation_ids)
    return contract(url, settings=settings)


@pytest.mark.parametrize(("wrap", "operation_ids", "phases", "expected"), SHAPES)
def test_schemathesis_catches_a_server_with_the_wrong_shapes(
    wrap: Callable[[ASGIApp], ASGIApp],
    operation_ids: list[str],
    phases: list[str],
    expected: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with served(wrap) as (url, _):
        code = narrow(url, operation_ids, phases, monkeypatch)
    out = capsys.readouterr().out
    assert code == 1, out
    assert expected in out


@pytest.mark.timeout(300)
def test_a_server_that_rate_limits_conforms(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A documented 429 (with Retry-After: waited out and retried; without: backed off) is never a violation,
    and ignored_auth's probes meeting one are not "expected 401 or 403, got 429". Every phase but coverage
    (whose ~700 cases only cost time here: a 429 is a 429 whatever the case)."""
    with served(broken.rate_limited) as (url, _):
        code = narrow(url, [], ["examples", "fuzzing", "stateful"], monkeypatch)
    out = capsys.readouterr().out
    assert code == 0, out
    answered = re.search(r"Requests: \d+ \((\d+) answered 429", out)
    assert answered is not None, out
    assert int(answered.group(1)) > 50, out
    assert "got `429" not in out
    assert re.search(r"Filtered: \d+ \(dropped by `filter_failure`\)", out), out  # 429s that failed expectations


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://127.0.0.1/sdk/v1", "must start with http:// or https://"),
        ("127.0.0.1:8787", "must start with http:// or https://"),
        ("http://127.0.0.1:8787/?debug=1", "must not have a query or a fragment"),
        ("http://127.0.0.1:8787/sdk/v1#top", "must not have a query or a fragment"),
        ("http://user:pw@127.0.0.1:8787", "must not hold a user or password"),
        ("http://api.example.com", "plain http to api.example.com would send the secret key unencrypted"),
        ("http://127.0.0.1:99999", "the URL is not valid"),
    ],
)
def test_a_bad_url_exits_2_before_any_request(url: str, message: str, contract: RunContract) -> None:
    outcome = contract(url)
    assert outcome.code == 2
    assert message in outcome.err
    assert "Traceback" not in outcome.out + outcome.err


def test_a_missing_key_exits_2_naming_the_variable(contract: RunContract) -> None:
    outcome = contract("http://127.0.0.1:8787", key=None)
    assert (outcome.code, outcome.out) == (2, "")
    assert "no secret key: set $CHIMEKIT_SECRET_KEY" in outcome.err


def test_a_key_given_as_the_variable_name_is_never_shown(contract: RunContract) -> None:
    outcome = contract("http://127.0.0.1:8787", "--key-env", "sk_live_abcdef123456")
    assert outcome.code == 2
    assert "sk_live_abcdef123456" not in outcome.out + outcome.err


def test_a_wrong_key_exits_2_within_seconds_naming_the_variable_and_the_status(contract: RunContract) -> None:
    with served() as (url, _):
        started = time.monotonic()
        outcome = contract(url, key="sk_test_wrong_key_987")
        seconds = time.monotonic() - started
    assert outcome.code == 2
    assert seconds < 5
    assert "refused the key in $CHIMEKIT_SECRET_KEY (HTTP 401" in outcome.err
    assert "sk_test_wrong_key_987" not in outcome.out + outcome.err
    assert "[2/5]" not in outcome.out  # nothing but the preflight ran


def test_an_unreachable_server_exits_2(contract: RunContract) -> None:
    outcome = contract(f"http://127.0.0.1:{closed_port()}")
    assert outcome.code == 2
    assert "no answer" in outcome.err
    assert "Traceback" not in outcome.out + outcome.err


def test_a_web_page_is_not_a_chimekit_api(contract: RunContract, tmp_path: Path) -> None:
    with served(lambda app: broken.html_site) as (url, _):
        outcome = contract(url, "--junit", str(tmp_path / "junit.xml"))
    assert outcome.code == 2
    assert "answered 200 with text/html" in outcome.err
    assert "the URL must be the server root, or the root ending in /sdk/v1" in outcome.err
    assert 'errors="1"' in (tmp_path / "junit.xml").read_text()


def test_a_wrong_api_prefix_exits_2(contract: RunContract) -> None:
    with served() as (url, _):
        outcome = contract(url + "/api")
    assert outcome.code == 2
    assert "answered 404" in outcome.err


def test_the_docs_profile_keeps_what_the_docs_say_and_drops_the_decisions() -> None:
    full = load_spec()
    docs = docs_view(full)
    schemas = docs["components"]["schemas"]
    assert not {"pattern", "minLength", "maxLength"} & set(schemas["ExternalUserId"])
    assert schemas["Error"] == {"type": "object", "description": full["components"]["schemas"]["Error"]["description"]}
    assert "required" not in schemas["InAppManualContent"]  # the docs name no field of in-app content
    assert schemas["TemplateReference"]["required"] == ["templateId"]  # a template reference names its template
    assert "additionalProperties" not in schemas["IdentifyRequest"]
    assert schemas["IdentifyRequest"]["required"] == ["externalUserId"]  # "Required attributes"
    listing = next(op for op in operations(docs).values() if op.operation_id == "listMemberMessages")
    limit, offset = (p["schema"] for p in listing.parameters if p["in"] == "query")
    assert (limit["minimum"], limit["maximum"], limit["default"]) == (1, 100, 20)  # as the docs say
    assert "maximum" not in offset
    for operation in operations(docs).values():
        statuses = set(operation.definition["responses"])
        assert statuses <= {"200", "default"}, (operation.operation_id, statuses)
        assert "default" in statuses
        for response in operation.definition["responses"].values():
            assert "X-Request-Id" not in response.get("headers", {})
    assert set(operations(docs)["removeSuppression"].definition["responses"]) == {"default"}  # 204 is decided
    assert len(links(docs)) == len(LINKS) - 1  # the link from the decided 204


@pytest.mark.timeout(300)
def test_plain_schemathesis_on_the_shipped_document_passes_against_the_sandbox(tmp_path: Path) -> None:
    """Portable: a third party's `schemathesis run openapi.json` with only the Authorization header, no
    settings, no hooks (on chimekit-contract's default seed; the README says which seed of 1-20 does not)."""
    document = importlib.resources.files("chimekit_api").joinpath("openapi.json")
    with served() as (url, _):
        plain = [sys.executable, "-m", "schemathesis.cli", "run", str(document), "--url", url, "--seed", "20251123"]
        done = subprocess.run(
            [*plain, "-H", f"Authorization: Bearer {SECRET}"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=280,
            check=False,
        )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "No issues found" in done.stdout
