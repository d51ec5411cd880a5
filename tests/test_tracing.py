"""The tracing example (examples/tracing.py): OpenTelemetry's httpx instrumentation, through http_client, gives
a client span per request, under the app's own span, with no header (no key) among its attributes."""

from __future__ import annotations

import sys

import chimekit_sandbox

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "examples"))
import tracing  # examples/tracing.py


def test_each_request_is_a_client_span_under_the_apps_span() -> None:
    with chimekit_sandbox.running() as sandbox:
        spans = tracing.welcome_traced(sandbox.url, sandbox.secret_key)
    *requests, app = spans
    assert app.name == "welcome new user"
    attributes = [dict(span.attributes or {}) for span in requests]
    assert [(span.name, seen["http.status_code"]) for span, seen in zip(requests, attributes, strict=True)] == [
        ("POST", 200),
        ("POST", 200),
    ]
    paths = [str(seen["http.url"]).removeprefix(sandbox.url) for seen in attributes]
    assert paths == ["/sdk/v1/audience/identify", "/sdk/v1/messages/send"]
    assert all(span.parent is not None and span.parent.span_id == app.context.span_id for span in requests)
    assert sandbox.secret_key not in repr([dict(span.attributes or {}) for span in spans])
