"""Every ChimeKit method, sync and async, fully typed (``make lint`` runs ``mypy --strict`` on it).

Also: results read as the docs' JSON and as typed attributes, per-call options, ``with_options``, and raw
responses. Run it against a sandbox (``make demo`` starts one) with ``CHIMEKIT_SECRET_KEY`` and
``CHIMEKIT_BASE_URL`` set.
"""

from __future__ import annotations

import datetime

import anyio
from chimekit import AsyncChimeKit, ChimeKit, NotFoundError
from chimekit_api.models import IdentifyRequestDict, Member, MessageListItem, WorkflowRun


def run_sync(ck: ChimeKit, user: str) -> list[str]:
    """Calls every method once; returns what it saw, one line per call."""
    seen: list[str] = []
    member: Member = ck.identify(
        user,
        {"displayName": "Ava Example", "identities": [{"type": "email", "value": "ava@example.com", "verified": True}]},
    )
    seen.append(f"identify {member.id} {member['displayName']}")
    seen.append(f"identify(audience) {ck.audience.identify(user, attributes={'plan': 'pro'}).attributes['plan']}")
    found = ck.audience.find_member(user)
    seen.append(f"find_member {found.display_name if found else None}")
    updated = ck.audience.update_member(user, display_name="Ava (Updated)")
    seen.append(f"update_member {updated.display_name if updated else None}")

    suppression = ck.audience.suppress(user, identity={"type": "email", "value": "ava@example.com"})
    seen.append(f"suppress {suppression.reason} {suppression.identity.value}")
    seen.append(f"list_suppressions {len(ck.audience.list_suppressions(user))}")
    ck.audience.remove_suppression(user, suppression.id)
    seen.append(f"remove_suppression {len(ck.audience.list_suppressions(user))}")

    sent = ck.messages.send_message(user, content={"in_app": {"title": "Welcome!"}})
    seen.append(f"send_message {sent.notification.title if sent.notification else None}")
    detail = ck.messages.get_message(sent.message.id)
    seen.append(f"get_message {detail.recipient.external_user_id}")
    page = ck.messages.list_messages_for_user(user, limit=10)
    seen.append(f"list_messages_for_user {page.pagination.total_count}")
    items: list[MessageListItem] = list(ck.messages.iter_messages_for_user(user, page_size=1))
    seen.append(f"iter_messages_for_user {len(items)}")

    queued = ck.workflow.run("welcome-sequence", external_user_id=user, context={"utmCampaign": "winter-launch"})
    run: WorkflowRun = ck.workflow.get_run(queued.run_id)
    seen.append(f"run {queued.status} get_run {run.workflow_key}")

    seen.append(f"delete_member {ck.audience.delete_member(user)}")
    try:
        ck.audience.list_suppressions(user)
    except NotFoundError as exc:
        seen.append(f"NotFoundError {exc.status_code} {exc.message}")
    seen.append(extras_sync(ck, user))
    return seen


def extras_sync(ck: ChimeKit, user: str) -> str:
    """JSON and typed reads, per-call options, with_options and a raw response."""
    profile: IdentifyRequestDict = {"displayName": "Ava", "attributes": {"plan": "pro"}}  # checked by mypy
    member = ck.identify(user, profile, timeout=10, extra_headers={"X-Trace": "usage"})
    created: str = member["created"]  # the JSON's own text, as the docs show it
    when: datetime.datetime = member.created  # the same field, parsed
    same = member == member.to_dict() and when.tzinfo is not None  # a result equals its JSON
    quick = ck.with_options(timeout=5, max_retries=0)
    raw = quick.with_raw_response.audience.find_member(user)
    found = raw.parse()
    same = same and created == member.to_dict()["created"]
    return f"extras {same} {raw.status_code} {found.display_name if found else None}"


async def run_async(ck: AsyncChimeKit, user: str) -> list[str]:
    """The same calls through AsyncChimeKit."""
    seen: list[str] = []
    member: Member = await ck.identify(
        user,
        {"displayName": "Ava Example", "identities": [{"type": "email", "value": "ava@example.com", "verified": True}]},
    )
    seen.append(f"identify {member.id} {member['displayName']}")
    audience_member = await ck.audience.identify(user, attributes={"plan": "pro"})
    seen.append(f"identify(audience) {audience_member.attributes['plan']}")
    found = await ck.audience.find_member(user)
    seen.append(f"find_member {found.display_name if found else None}")
    updated = await ck.audience.update_member(user, display_name="Ava (Updated)")
    seen.append(f"update_member {updated.display_name if updated else None}")

    suppression = await ck.audience.suppress(user, identity={"type": "email", "value": "ava@example.com"})
    seen.append(f"suppress {suppression.reason} {suppression.identity.value}")
    seen.append(f"list_suppressions {len(await ck.audience.list_suppressions(user))}")
    await ck.audience.remove_suppression(user, suppression.id)
    seen.append(f"remove_suppression {len(await ck.audience.list_suppressions(user))}")

    sent = await ck.messages.send_message(user, content={"in_app": {"title": "Welcome!"}})
    seen.append(f"send_message {sent.notification.title if sent.notification else None}")
    detail = await ck.messages.get_message(sent.message.id)
    seen.append(f"get_message {detail.recipient.external_user_id}")
    page = await ck.messages.list_messages_for_user(user, limit=10)
    seen.append(f"list_messages_for_user {page.pagination.total_count}")
    items = [item async for item in ck.messages.iter_messages_for_user(user, page_size=1)]
    seen.append(f"iter_messages_for_user {len(items)}")

    queued = await ck.workflow.run("welcome-sequence", external_user_id=user, context={"utmCampaign": "winter-launch"})
    run = await ck.workflow.get_run(queued.run_id)
    seen.append(f"run {queued.status} get_run {run.workflow_key}")

    seen.append(f"delete_member {await ck.audience.delete_member(user)}")
    try:
        await ck.audience.list_suppressions(user)
    except NotFoundError as exc:
        seen.append(f"NotFoundError {exc.status_code} {exc.message}")
    member = await ck.identify(user, {"displayName": "Ava", "attributes": {"plan": "pro"}}, timeout=10)
    raw = await ck.with_options(max_retries=0).audience.with_raw_response.find_member(user)
    found = raw.parse()
    same = member["created"] == member.to_dict()["created"]
    seen.append(f"extras {same} {raw.status_code} {found.display_name if found else None}")
    return seen


async def main_async() -> None:
    async with AsyncChimeKit() as ck:
        print("\n".join(await run_async(ck, "user_async")))


def main() -> None:
    with ChimeKit() as ck:  # CHIMEKIT_SECRET_KEY and CHIMEKIT_BASE_URL from the environment
        print("\n".join(run_sync(ck, "user_sync")))
    anyio.run(main_async)


if __name__ == "__main__":
    main()
