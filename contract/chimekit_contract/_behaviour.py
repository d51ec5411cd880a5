"""Behaviour checks: every write is visible to the reads that show it, as the document's descriptions say.

Each check works on members it makes itself (fresh ids under the run's prefix) and runs on every
invocation, whatever the seed. A check that tests a behaviour the document marks as its own decision
(``x-chimekit-decisions`` of an operation) names it in ``decision`` and is skipped by ``--profile docs``;
``Tester.decided`` guards a single assertion the same way. Request bodies start from the document's
examples; only the ids and the values a check compares are replaced.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from ._http import Answer, Client, RateLimited, Violation
from ._spec import JsonObject, Operation, Profile

RUN_POLL_SECONDS: Final = 10.0
"""How long run-lifecycle polls a run before it stops waiting for a final state."""
PAGE_MESSAGES: Final = 5
PAGE_LIMIT: Final = 2
PAGING: Final = "x-chimekit-paging"
"""How a list operation pages (on ``listMemberMessages``): its query parameters ``limit`` and ``offset``, and
the key paths of a page's ``items``, its ``total`` and an item's ``id`` (as the SDK's pager reads them)."""


def at(value: Any, keys: list[str]) -> Any:
    """``value[k1][k2]…`` along ``keys`` (KeyError where an object lacks one)."""
    for key in keys:
        value = value[key]
    return value


class Ids:
    """Member ids unique to this run: ``<prefix><label>-<n>``; every one made is remembered for the cleanup."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.made: list[str] = []

    def new(self, label: str) -> str:
        member = f"{self.prefix}{label}-{len(self.made) + 1}"
        self.made.append(member)
        return member


@dataclass
class Tester:
    """What a check works with: the client, the document's operations and decisions, fresh ids."""

    client: Client
    operations: Mapping[str, Operation]
    full_decisions: Mapping[str, Mapping[str, str]]
    """operationId → behaviour → reason, from the full document (whatever the profile)."""
    profile: Profile
    ids: Ids
    sleep: Callable[[float], None] = time.sleep
    touched: set[str] = field(default_factory=set)
    """operationIds this check called."""

    # ------------------------------------------------------------ calls

    def call(self, operation_id: str, *path_values: str, query: Mapping[str, Any] | None = None, **kw: Any) -> Answer:
        self.touched.add(operation_id)
        return self.client.call(operation_id, *path_values, query=query, **kw)

    def ok(self, answer: Answer) -> Any:
        """The body of a success: the documented 2xx (any 2xx in the docs profile, where the status is a decision)."""
        expected = answer.operation.success_statuses()
        if answer.status in expected or (not expected and 200 <= answer.status < 300):
            return answer.body
        wanted = " or ".join(map(str, expected)) or "2xx"
        raise Violation(f"{answer.describe()} (expected {wanted})")

    def status(self, answer: Answer, status: int, why: str) -> None:
        if answer.status != status:
            raise Violation(f"{answer.describe()} (expected {status}: {why})")

    def expect(self, condition: bool, message: str) -> None:
        if not condition:
            raise Violation(message)

    def decided(self, operation_id: str, behaviour: str) -> bool:
        """Whether to check a behaviour the document decided: only in the full profile."""
        if behaviour not in self.full_decisions[operation_id]:
            raise RuntimeError(f"the document marks no behaviour {behaviour!r} on {operation_id}")
        return self.profile == "full"

    def example(self, operation_id: str) -> JsonObject:
        body = self.operations[operation_id].example_body()
        if body is None:
            raise RuntimeError(f"the document has no request example for {operation_id}")
        return body

    # ------------------------------------------------------------ fixtures (each makes fresh records)

    def email(self, member: str, n: int = 1) -> str:
        """An address of the reserved example.com domain, unique to ``member``."""
        return f"{member.replace('@', '-')}-{n}@example.com"

    def body_for(self, operation_id: str, member: str) -> JsonObject:
        """The operation's request example with ``member`` in each of its member id fields."""
        body = self.example(operation_id)
        for name in self.operations[operation_id].member_fields:
            body[name] = member
        return body

    def identify_body(self, member: str, **fields: Any) -> JsonObject:
        """identify's example for ``member`` with ``fields`` over it (identities get addresses of its own)."""
        body = {**self.body_for("identify", member), **fields}
        if "identities" not in fields:
            body["identities"] = [{**i, "value": self.email(member)} for i in body.get("identities", [])]
        return body

    def suppression_body(self, address: str) -> JsonObject:
        """addSuppression's example for ``address``."""
        body = self.example("addSuppression")
        body["identity"] = {**body["identity"], "value": address}
        return body

    def identify(self, label: str, **fields: Any) -> tuple[str, JsonObject, JsonObject]:
        """A new member from identify's example with ``fields`` over it: (id, body sent, member answered)."""
        member = self.ids.new(label)
        body = self.identify_body(member, **fields)
        answered = self.ok(self.call("identify", body=body))["member"]
        return member, body, answered

    def suppress(self, member: str, address: str) -> JsonObject:
        body = self.suppression_body(address)
        suppression: JsonObject = self.ok(self.call("addSuppression", member, body=body))["suppression"]
        return suppression

    def send(self, member: str, title: str) -> JsonObject:
        body = self.body_for("sendMessage", member)
        body["content"] = {"in_app": {**body["content"]["in_app"], "title": title}}
        sent: JsonObject = self.ok(self.call("sendMessage", body=body))
        return sent

    def run(self, member: str) -> tuple[str, JsonObject, JsonObject]:
        """A run of the example workflow for ``member``: (key, body sent, answer)."""
        operation = self.operations["runWorkflow"]
        key = operation.example_parameter(operation.path_params[0])
        body = self.body_for("runWorkflow", member)
        body["context"] = {**body.get("context", {}), "contractRun": member}
        answer: JsonObject = self.ok(self.call("runWorkflow", key, body=body))
        return key, body, answer

    def find(self, member: str) -> Any:
        return self.ok(self.call("findMember", member))["member"]

    def suppressions(self, member: str) -> list[JsonObject]:
        found: list[JsonObject] = self.ok(self.call("listSuppressions", member))["suppressions"]
        return found

    # ------------------------------------------------------------ pages of listMemberMessages

    @property
    def paging(self) -> Mapping[str, Any]:
        """listMemberMessages' ``x-chimekit-paging``: the names of its paging parameters and fields."""
        paging: Mapping[str, Any] = self.operations["listMemberMessages"].definition[PAGING]
        return paging

    def page(self, member: str, limit: int, offset: int) -> JsonObject:
        query = {self.paging["limit"]: limit, self.paging["offset"]: offset}
        page: JsonObject = self.ok(self.call("listMemberMessages", member, query=query))
        return page

    def items(self, page: Mapping[str, Any]) -> list[JsonObject]:
        """A page's items."""
        items: list[JsonObject] = at(page, self.paging["items"])
        return items

    def item_id(self, item: Mapping[str, Any]) -> Any:
        """An item's id; None where the item lacks it."""
        *path, last = self.paging["id"]
        for key in path:
            item = item.get(key, {})
        return item.get(last)

    def pagination(self, page: Mapping[str, Any]) -> JsonObject:
        """The object of a page that holds its total (and echoes the page's limit and offset under their names)."""
        pagination: JsonObject = at(page, self.paging["total"][:-1])
        return pagination

    def total(self, page: Mapping[str, Any]) -> Any:
        """A page's total; None where its object lacks it."""
        return self.pagination(page).get(self.paging["total"][-1])


def profile_of(member: Mapping[str, Any]) -> JsonObject:
    """The fields identify and update set, as a member answer shows them (identities without server fields)."""
    return {
        "displayName": member.get("displayName"),
        "attributes": member.get("attributes"),
        "identities": [{k: i.get(k) for k in ("type", "value", "verified")} for i in member.get("identities") or []],
    }


def sent_identities(body: Mapping[str, Any]) -> list[JsonObject]:
    return [{"type": i["type"], "value": i["value"], "verified": i.get("verified", False)} for i in body["identities"]]


def differences(got: Mapping[str, Any], want: Mapping[str, Any]) -> str:
    return "; ".join(
        f"{key}: got {got.get(key)!r}, expected {value!r}" for key, value in want.items() if got.get(key) != value
    )


# ---------------------------------------------------------------- the checks


def identify_then_find(t: Tester) -> None:
    member, body, answered = t.identify("identify", displayName="Contract Ava", attributes={"plan": "pro", "n": 1})
    want = {"displayName": body["displayName"], "attributes": body["attributes"], "identities": sent_identities(body)}
    t.expect(answered.get("id") == member, f"identify answered the member {answered.get('id')!r}, sent {member!r}")
    t.expect(
        not differences(profile_of(answered), want), f"identify answered {differences(profile_of(answered), want)}"
    )
    found = t.find(member)
    t.expect(found is not None, f"findMember {member} answered null right after identify created it")
    t.expect(
        not differences(profile_of(found), want), f"findMember after identify: {differences(profile_of(found), want)}"
    )
    if t.decided("identify", "firstEmail"):
        first = next(i["value"] for i in body["identities"] if i["type"] == "email")
        t.expect(
            found.get("email") == first, f"findMember: email is {found.get('email')!r}, the first email is {first!r}"
        )


def reidentify_updates(t: Tester) -> None:
    member, first, _ = t.identify("reidentify", displayName="Before", attributes={"step": 1})
    second: JsonObject = dict.fromkeys(t.operations["identify"].member_fields, member)
    second.update(displayName="After", attributes={"step": 2})
    answered = t.ok(t.call("identify", body=second))["member"]
    want = {"displayName": "After", "attributes": {"step": 2}}
    t.expect(not differences(answered, want), f"identify again answered {differences(answered, want)}")
    found = t.find(member)
    t.expect(found is not None and not differences(found, want), f"findMember after identify again: {found}")
    if t.decided("identify", "keepOmittedFields"):
        kept = profile_of(found)["identities"]
        t.expect(
            kept == sent_identities(first),
            f"identify without identities changed them: {kept!r}, were {sent_identities(first)!r}",
        )


def update_changes_given(t: Tester) -> None:
    member, _, _ = t.identify("update", displayName="Before", attributes={"plan": "pro", "seats": 3})
    answered = t.ok(t.call("updateMember", member, body={"displayName": "After"}))["member"]
    t.expect(answered is not None and answered.get("displayName") == "After", f"updateMember answered {answered}")
    t.ok(t.call("updateMember", member, body={"attributes": {"plan": "enterprise"}}))
    found = t.find(member)
    want = {"displayName": "After", "attributes": {"plan": "enterprise"}}  # attributes are replaced whole
    t.expect(found is not None and not differences(found, want), f"findMember after updateMember: {found}")


def update_keeps_others(t: Tester) -> None:
    member, body, _ = t.identify("keep", displayName="Kept", attributes={"plan": "pro"})
    t.ok(t.call("updateMember", member, body={"displayName": "Renamed"}))
    found = t.find(member)
    want = {"attributes": body["attributes"], "identities": sent_identities(body)}
    got = profile_of(found or {})
    t.expect(
        found is not None and not differences(got, want), f"updateMember of displayName alone: {differences(got, want)}"
    )


def delete_then_find(t: Tester) -> None:
    member, _, _ = t.identify("delete")
    deleted = t.ok(t.call("deleteMember", member))
    t.expect(deleted.get("id") == member, f"deleteMember answered {deleted}, expected {{'id': {member!r}}}")
    t.expect(t.find(member) is None, f"findMember {member} still answers the member after deleteMember")
    if t.decided("updateMember", "deletedIsUnknown"):
        updated = t.ok(t.call("updateMember", member, body={"displayName": "Ghost"}))
        t.expect(updated.get("member") is None, f"updateMember of a deleted member answered {updated}")
    if t.decided("deleteMember", "secondDeleteNull"):
        again = t.ok(t.call("deleteMember", member))
        t.expect(again.get("id") is None, f"a second deleteMember answered {again}, expected {{'id': None}}")
    if t.decided("listSuppressions", "unknownMember404"):
        t.status(t.call("listSuppressions", member), 404, "the member is deleted")
    if t.decided("listMemberMessages", "unknownMember404"):
        t.status(t.call("listMemberMessages", member), 404, "the member is deleted")


def identify_revives(t: Tester) -> None:
    member, body, answered = t.identify("revive", displayName="Before", attributes={"plan": "pro"})
    suppression = t.suppress(member, body["identities"][0]["value"])
    t.ok(t.call("deleteMember", member))
    again: JsonObject = dict.fromkeys(t.operations["identify"].member_fields, member)
    again["displayName"] = "Revived"
    revived = t.ok(t.call("identify", body=again))["member"]
    want: JsonObject = {"displayName": "Revived", "attributes": {}, "identities": [], "deleted": None}
    got = {**profile_of(revived), "deleted": revived.get("deleted")}
    t.expect(not differences(got, want), f"identify of a deleted member answered {differences(got, want)}")
    t.expect(revived.get("created") == answered.get("created"), "identify of a deleted member changed `created`")
    found = t.find(member)
    t.expect(found is not None and found.get("displayName") == "Revived", f"findMember after the revival: {found}")
    kept = [s.get("id") for s in t.suppressions(member)]
    t.expect(suppression["id"] in kept, f"the revived member lost its suppression {suppression['id']} ({kept})")


def suppress_then_list(t: Tester) -> None:
    member, body, _ = t.identify("suppress")
    address = body["identities"][0]["value"]
    suppression = t.suppress(member, address)
    identity = suppression.get("identity") or {}
    t.expect(
        str(identity.get("value", "")).lower() == address.lower() and suppression.get("category") is None,
        f"addSuppression answered {suppression}, for {address} and no category (global)",
    )
    listed = {s.get("id"): s for s in t.suppressions(member)}
    t.expect(suppression["id"] in listed, f"listSuppressions lacks {suppression['id']} right after addSuppression")
    same = listed[suppression["id"]]
    t.expect(
        same.get("identity", {}).get("value") == identity.get("value") and same.get("category") is None,
        f"listSuppressions shows {same}, addSuppression answered {suppression}",
    )


def remove_then_list(t: Tester) -> None:
    member, body, _ = t.identify("remove")
    suppression = t.suppress(member, body["identities"][0]["value"])
    t.ok(t.call("removeSuppression", member, suppression["id"]))
    left = [s.get("id") for s in t.suppressions(member)]
    t.expect(suppression["id"] not in left, f"listSuppressions still shows {suppression['id']} after removeSuppression")
    if t.decided("removeSuppression", "unknownSuppression404"):
        t.status(t.call("removeSuppression", member, suppression["id"]), 404, "it was removed already")


def send_then_get(t: Tester) -> None:
    member, _, _ = t.identify("send")
    title = f"Hello {member}"
    sent = t.send(member, title)
    message = sent["message"]
    detail = t.ok(t.call("getMessage", message["id"]))["message"]
    got = detail.get("message") or {}
    same = {key: message[key] for key in ("id", "memberId", "categoryId", "createdAt")}
    t.expect(not differences(got, same), f"getMessage {message['id']}: {differences(got, same)}")
    notification = detail.get("notification") or {}
    t.expect(
        notification.get("title") == title, f"getMessage: the notification's title is {notification.get('title')!r}"
    )
    recipient = detail.get("recipient") or {}
    t.expect(
        recipient.get("externalUserId") == member and recipient.get("id") == sent["audienceMember"]["id"],
        f"getMessage: the recipient is {recipient}, the message went to {member}",
    )


def send_then_list(t: Tester) -> None:
    member, _, _ = t.identify("list")
    sent = t.send(member, f"Listed {member}")
    page = t.page(member, 20, 0)
    listed = [t.item_id(item) for item in t.items(page)]
    t.expect(
        sent["message"]["id"] in listed, f"listMemberMessages lacks {sent['message']['id']} right after sending it"
    )
    item = t.items(page)[listed.index(sent["message"]["id"])]
    t.expect(
        (item.get("recipient") or {}).get("externalUserId") == member,
        f"listMemberMessages: the recipient is {item.get('recipient')}",
    )


def _paged(t: Tester) -> tuple[str, list[str], list[JsonObject]]:
    """A member with PAGE_MESSAGES messages (ids in the order sent) and its pages of PAGE_LIMIT."""
    member, _, _ = t.identify("pages")
    sent = [t.send(member, f"Page item {n}")["message"]["id"] for n in range(PAGE_MESSAGES)]
    pages: list[JsonObject] = []
    offset = 0
    while len(pages) <= PAGE_MESSAGES:
        page = t.page(member, PAGE_LIMIT, offset)
        pages.append(page)
        if len(t.items(page)) < PAGE_LIMIT:
            break
        offset += PAGE_LIMIT
    return member, sent, pages


def pages_disjoint_and_complete(t: Tester) -> None:
    _, sent, pages = _paged(t)
    seen: list[str] = []
    for number, page in enumerate(pages):
        ids = [t.item_id(item) for item in t.items(page)]
        t.expect(len(ids) <= PAGE_LIMIT, f"page {number} (limit={PAGE_LIMIT}) holds {len(ids)} messages")
        repeated = set(ids) & set(seen)
        t.expect(not repeated, f"page {number} (offset={number * PAGE_LIMIT}) repeats {sorted(repeated)}")
        pagination = t.pagination(page)
        t.expect(
            pagination.get(t.paging["limit"]) == PAGE_LIMIT
            and pagination.get(t.paging["offset"]) == number * PAGE_LIMIT,
            f"page {number}: pagination is {pagination}, asked limit={PAGE_LIMIT} offset={number * PAGE_LIMIT}",
        )
        seen += ids
    missing = set(sent) - set(seen)
    t.expect(not missing, f"paging through limit={PAGE_LIMIT} never showed {sorted(missing)}")
    t.expect(len(seen) == len(sent), f"the pages hold {len(seen)} messages, the member has {len(sent)}")


def pages_total_count(t: Tester) -> None:
    _, sent, pages = _paged(t)
    counts = [t.total(page) for page in pages]
    t.expect(
        all(count == len(sent) for count in counts), f"totalCount on each page: {counts}, the member has {len(sent)}"
    )


def pages_order(t: Tester) -> None:
    _, sent, pages = _paged(t)
    shown = [t.item_id(item) for page in pages for item in t.items(page)]
    t.expect(shown == sent[::-1], f"the pages list {shown}, newest first is {sent[::-1]}")


def run_then_get(t: Tester) -> None:
    member, _, _ = t.identify("run")
    key, body, answer = t.run(member)
    run = t.ok(t.call("getWorkflowRun", answer["runId"]))["run"]
    want = {"id": answer["runId"], "workflowKey": key, "memberExternalUserId": member}
    t.expect(not differences(run, want), f"getWorkflowRun {answer['runId']}: {differences(run, want)}")
    context = run.get("context") or {}
    lost = {k: v for k, v in body["context"].items() if context.get(k) != v}
    t.expect(not lost, f"getWorkflowRun: the run's context lacks what runWorkflow sent: {lost}")


_RANK: Final = {"queued": 0, "running": 1, "completed": 2, "failed": 2, "cancelled": 2}


def run_lifecycle(t: Tester) -> None:
    member, _, _ = t.identify("lifecycle")
    _, _, answer = t.run(member)
    seen = [(answer.get("status"), None, None)]
    deadline = time.monotonic() + RUN_POLL_SECONDS
    pause = 0.05
    while True:
        run = t.ok(t.call("getWorkflowRun", answer["runId"]))["run"]
        seen.append((run.get("status"), run.get("startedAt"), run.get("finishedAt")))
        if run.get("finishedAt") is not None or _RANK.get(run.get("status")) == 2 or time.monotonic() > deadline:
            break
        t.sleep(pause)
        pause = min(pause * 2, 1.0)
    known = [(status, started, finished) for status, started, finished in seen if status in _RANK]
    ranks = [_RANK[str(status)] for status, _, _ in known]
    t.expect(ranks == sorted(ranks), f"the run's statuses went back: {[s for s, _, _ in known]}")
    finals = {status for status, _, _ in known if _RANK[str(status)] == 2}
    t.expect(len(finals) <= 1, f"the run ended in more than one state: {sorted(map(str, finals))}")
    for status, started, finished in known[1:]:
        rank = _RANK[str(status)]
        t.expect(rank < 1 or started is not None or status == "cancelled", f"a {status} run has no startedAt")
        t.expect((finished is not None) == (rank == 2), f"a {status} run has finishedAt {finished!r}")


@dataclass(frozen=True)
class Check:
    name: str
    summary: str
    run: Callable[[Tester], None]
    decision: tuple[str, str] | None = None
    """(operationId, behaviour) the document decided: the check is skipped by ``--profile docs``."""


CHECKS: Final = (
    Check("identify-then-find", "identify, then findMember returns the fields sent", identify_then_find),
    Check("reidentify-updates", "identify again changes the fields given", reidentify_updates),
    Check("update-changes-given", "updateMember changes the fields given", update_changes_given),
    Check(
        "update-keeps-others",
        "updateMember keeps the fields left out",
        update_keeps_others,
        ("updateMember", "keepOmittedFields"),
    ),
    Check("delete-then-find", "deleteMember, then findMember answers null", delete_then_find),
    Check("identify-revives", "identify revives a deleted member", identify_revives, ("identify", "revive")),
    Check("suppress-then-list", "addSuppression, then listSuppressions shows it", suppress_then_list),
    Check("remove-then-list", "removeSuppression, then listSuppressions lacks it", remove_then_list),
    Check("send-then-get", "sendMessage, then getMessage returns that message", send_then_get),
    Check("send-then-list", "sendMessage, then the member's listMemberMessages shows it", send_then_list),
    Check("pages-complete", "limit/offset pages are disjoint and cover every message", pages_disjoint_and_complete),
    Check(
        "pages-total-count",
        "totalCount counts all of the member's messages",
        pages_total_count,
        ("listMemberMessages", "totalCount"),
    ),
    Check("pages-order", "pages list newest first", pages_order, ("listMemberMessages", "order")),
    Check("run-then-get", "runWorkflow, then getWorkflowRun returns that run", run_then_get),
    Check(
        "run-lifecycle",
        "a run's status moves only queued → running → final",
        run_lifecycle,
        ("getWorkflowRun", "lifecycle"),
    ),
)


@dataclass
class Result:
    """How one check (or link) went: ``passed``, ``failed``, ``skipped`` (profile) or ``error`` (still rate limited)."""

    name: str
    summary: str
    outcome: str
    message: str = ""
    seconds: float = 0.0
    operations: frozenset[str] = frozenset()


def attempt(name: str, summary: str, tester: Tester, step: Callable[[Tester], None]) -> Result:
    """Run one check (or link): a violation fails it, 429s beyond the retries make it an error (could not test)."""
    started = time.monotonic()
    outcome, message = "passed", ""
    try:
        step(tester)
    except Violation as exc:
        outcome, message = "failed", str(exc)
    except RateLimited as exc:
        outcome, message = "error", str(exc)
    except (KeyError, IndexError, TypeError, AttributeError) as exc:
        # An answer that lacks what the step reads (a shape the document allows, such as an empty list, where
        # the document's description promises more) is reported as the server's, not as a crash.
        outcome, message = "failed", f"an answer lacked what the check reads ({type(exc).__name__}: {exc})"
    return Result(name, summary, outcome, message, time.monotonic() - started, frozenset(tester.touched))


def run_checks(make_tester: Callable[[], Tester], checks: tuple[Check, ...] = CHECKS) -> Iterator[Result]:
    """Run each check on a fresh Tester; CannotTest (nothing answers) propagates."""
    for check in checks:
        tester = make_tester()
        if check.decision is not None and tester.profile == "docs":
            operation_id, behaviour = check.decision
            tester.decided(operation_id, behaviour)  # the marker exists
            yield Result(check.name, check.summary, "skipped", f"decided by the spec ({operation_id}: {behaviour})")
            continue
        yield attempt(check.name, check.summary, tester, check.run)
