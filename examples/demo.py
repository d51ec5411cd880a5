"""`make demo`: the docs' flow through the ChimeKit SDK, against an embedded sandbox server.

Starts a local ChimeKit sandbox on a free loopback port, then runs every call the Python SDK docs show
against it. It never uses another server: CHIMEKIT_BASE_URL and CHIMEKIT_SECRET_KEY, if set, are ignored
(the demo writes and deletes `user_123`, which a real account may well have).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

from chimekit import ChimeKit


def step(title: str, value: object) -> None:
    print(f"\n== {title}")
    print(f"   {value}")


@contextlib.contextmanager
def server() -> Iterator[tuple[str, str]]:
    """The demo's own sandbox, whatever the environment points at."""
    from chimekit_sandbox import running

    ignored = [name for name in ("CHIMEKIT_BASE_URL", "CHIMEKIT_SECRET_KEY") if os.environ.get(name)]
    if ignored:
        print(f"{' and '.join(ignored)} ignored: the demo runs against its own sandbox only")
    with running() as sandbox:
        print(f"sandbox listening on {sandbox.url}")
        yield sandbox.url, sandbox.secret_key


def main() -> None:
    with server() as (base_url, secret_key), ChimeKit(secret_key=secret_key, base_url=base_url) as ck:
        member = ck.identify(
            "user_123",
            {
                "displayName": "Ava Example",
                "identities": [{"type": "email", "value": "ava@example.com", "verified": True}],
                "attributes": {"plan": "pro"},
            },
        )
        step("identify user_123", f"id={member.id} email={member.email} displayName={member.display_name!r}")

        suppression = ck.audience.suppress("user_123", identity={"type": "email", "value": "ava@example.com"})
        step("suppress ava@example.com", f"id={suppression.id} reason={suppression.reason}")

        suppressions = ck.audience.list_suppressions("user_123")
        step("list suppressions", [f"{s.id} {s.identity.value} ({s.reason})" for s in suppressions])

        ck.audience.remove_suppression("user_123", suppression.id)
        step("remove suppression", f"{suppression.id} removed; left: {len(ck.audience.list_suppressions('user_123'))}")

        result = ck.messages.send_message(
            "user_123",
            {
                "content": {
                    "in_app": {
                        "title": "Welcome!",
                        "snippet": "A quick hello from ChimeKit",
                        "body": "Sent from the SDK endpoints.",
                    }
                }
            },
        )
        notification = result["notification"]
        step("send in-app message", f"message={result['message']['id']} notification title={notification['title']!r}")

        detail = ck.messages.get_message(result["message"]["id"])
        step("get message", f"status={detail['message']['dispatchStatus']} to={detail['recipient']['email']}")

        page = ck.messages.list_messages_for_user("user_123", {"limit": 20, "offset": 0})
        step("list messages", f"{len(page['messages'])} message(s), pagination={page['pagination']}")

        run = ck.workflow.run(
            "welcome-sequence",
            {"externalUserId": "user_123", "context": {"utmCampaign": "winter-launch"}},
        )
        step("run workflow welcome-sequence", f"runId={run['runId']} status={run['status']}")

        fetched = ck.workflow.get_run(run["runId"])
        step("get workflow run", f"status={fetched.status} context={fetched.context}")

        step("delete user_123", f"deleted id={ck.audience.delete_member('user_123')!r}")
        step("find user_123 after delete", f"member={ck.audience.find_member('user_123')!r}")
    print("\ndemo finished")


if __name__ == "__main__":
    main()
