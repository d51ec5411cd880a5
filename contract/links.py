"""Schemathesis hooks (loaded through `hooks` in contract/schemathesis.toml): contract-run-only links.

An OpenAPI link can pass a runtime value as a whole parameter or as the whole request body, but it
cannot put one into a field of a body: an object literal with expressions inside is not defined by
OpenAPI, so openapi/chimekit.yaml has no link identify → sendMessage or identify → runWorkflow (their
bodies carry the member's `externalUserId`). Without them the stateful phase seldom sends a message
or runs a workflow for a member that exists (both answer 404 otherwise), so send → get message is
rarely reached. These links exist only for schemathesis, which evaluates expressions nested in a
body; they are added to the spec as loaded for the run and never to the published spec.

`x-schemathesis: {merge_body: false}` makes a followed link send exactly this body instead of
merging it field by field into a generated one (a generated `content` or `categoryId` is mostly a
400 or 404, which ends the chain).
"""

from __future__ import annotations

from typing import Any

import schemathesis

CONTRACT_LINKS: dict[str, dict[str, Any]] = {
    "SendMessage": {
        "operationId": "sendMessage",
        "description": "Contract run only: a welcome message to the identified member.",
        "x-schemathesis": {"merge_body": False},
        "requestBody": {
            "externalUserId": "$request.body#/externalUserId",
            "content": {"in_app": {"title": "Welcome!", "snippet": "A quick hello from ChimeKit"}},
        },
    },
    "RunWorkflow": {
        "operationId": "runWorkflow",
        "description": "Contract run only: the welcome sequence for the identified member.",
        "x-schemathesis": {"merge_body": False},
        "parameters": {"key": "welcome-sequence"},
        "requestBody": {"externalUserId": "$request.body#/externalUserId", "context": {"utmCampaign": "winter-launch"}},
    },
}
"""Links added to identify's 200 response for the contract run (a link the spec declares wins)."""


@schemathesis.hook
def before_load_schema(context: schemathesis.HookContext, raw_schema: dict[str, Any]) -> None:
    response = raw_schema["paths"]["/sdk/v1/audience/identify"]["post"]["responses"]["200"]
    links = response.setdefault("links", {})
    for name, link in CONTRACT_LINKS.items():
        links.setdefault(name, link)
