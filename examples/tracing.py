"""Tracing ChimeKit calls with OpenTelemetry: instrument the httpx client you give ChimeKit.

Every request the SDK sends (retries included) becomes a client span, a child of whatever span is current
(here one around the app's own work). OpenTelemetry is not a dependency of chimekit:

    pip install opentelemetry-sdk opentelemetry-instrumentation-httpx

    python examples/tracing.py          # against a sandbox started for the example (chimekit-sandbox)
"""

from __future__ import annotations

from collections.abc import Sequence

import httpx
from chimekit import ChimeKit
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter


def welcome_traced(base_url: str, secret_key: str) -> Sequence[ReadableSpan]:
    """Identify a member and send a welcome inside one span of the app; returns every span recorded."""
    exporter = InMemorySpanExporter()  # in an app: an OTLP exporter to your collector
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    http = httpx.Client()
    HTTPXClientInstrumentor().instrument_client(http, tracer_provider=provider)
    app_span = provider.get_tracer("my-app").start_as_current_span("welcome new user")
    with ChimeKit(secret_key, base_url=base_url, http_client=http) as ck, app_span:
        ck.identify("user_1", display_name="Ava")
        ck.messages.send_message("user_1", content={"in_app": {"title": "Welcome!"}})
    http.close()
    return exporter.get_finished_spans()


if __name__ == "__main__":
    import chimekit_sandbox

    with chimekit_sandbox.running() as sandbox:
        for span in welcome_traced(sandbox.url, sandbox.secret_key):
            print(span.name, dict(span.attributes or {}))
