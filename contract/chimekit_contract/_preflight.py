"""Before anything else, in one request: the URL answers, the key is accepted, the API prefix is right
and the server answers as a ChimeKit API does. Any failure is ``CannotTest`` (exit 2), never the key."""

from __future__ import annotations

from ._http import Client
from ._target import CannotTest

PROBE_OPERATION = "findMember"
"""A read that every ChimeKit API answers 200 for a well-formed id, even one no member has (the docs: null)."""


def preflight(client: Client, probe_member: str, api_prefix: str) -> list[str]:
    """Raise CannotTest unless the server can be tested; the warnings for what it answered oddly."""
    response = client.send(PROBE_OPERATION, probe_member)
    status = response.status_code
    request = f"{response.request.method} {response.request.url}"
    media = response.headers.get("content-type", "").split(";")[0].strip().lower() or "no Content-Type"
    snippet = " ".join(response.text[:120].split())
    where = f"the URL must be the server root, or the root ending in {api_prefix}"
    if 300 <= status < 400:
        location = response.headers.get("location", "nowhere")
        raise CannotTest(f"{request} is redirected ({status} to {location}): give the URL it redirects to")
    if status in (401, 403):
        raise CannotTest(
            f"the server refused the key in {client.target.key_reference} (HTTP {status} for {request}): "
            "check the variable holds this server's secret key"
        )
    if status == 404:
        raise CannotTest(f"{request} answered 404 ({media}): no ChimeKit API there; {where}")
    if status >= 500:
        raise CannotTest(f"{request} answered {status}: the server failed on the first request ({snippet})")
    try:
        body = response.json()
    except ValueError:
        raise CannotTest(
            f"{request} answered {status} with {media} ({snippet!r}), not a ChimeKit API's JSON; {where}"
        ) from None
    if status != 200:
        raise CannotTest(f'{request} answered {status} ({snippet}); a ChimeKit API answers 200 {{"member": null}}')
    problem = client.validator.response_problem(client.operations[PROBE_OPERATION], 200, body)
    if problem or not isinstance(body, dict) or body.get("member") is not None:
        raise CannotTest(
            f"{request} answered 200 {snippet} for a member no one made: not a ChimeKit API "
            '(a ChimeKit API answers {"member": null})'
        )
    if media != "application/json":
        return [f"{request} answered JSON as {media} (the checks below say where that breaks the contract)"]
    return []
