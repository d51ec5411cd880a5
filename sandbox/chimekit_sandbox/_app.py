"""The ASGI application: routing, auth, JSON errors and the twelve operations."""

from __future__ import annotations

import hmac
import logging
import secrets
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Final

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route, request_response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import _validation as v
from ._store import DEFAULT_STEP_SECONDS, NotFoundError, SeedSource, Store
from ._util import dumps

logger = logging.getLogger("chimekit_sandbox")

PREFIX: Final = "/sdk/v1"
API_KEY_ID: Final = "key_sandbox"
Handler = Callable[[Request], Awaitable[Response]]


class JSONResponse(Response):
    """ASCII-only, compact JSON (never fails on odd unicode, never emits NaN)."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return dumps(content).encode("ascii")


def error(status: int, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


_REASONS: Final = {400: "Bad request", 404: "Not found", 405: "Method not allowed"}


class RequestIdMiddleware:
    """Outermost layer: every response gets ``X-Request-Id``; an escaped exception is a JSON 500."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = f"req_{secrets.token_hex(12)}"
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            logger.exception("unhandled error in request %s", request_id)
            if not started:
                await error(500, "Internal server error")(scope, receive, send_with_id)


class Api:
    """The operations, bound to one store and one secret key."""

    def __init__(self, store: Store, secret_key: str) -> None:
        self.store = store
        self._secret = secret_key.encode("utf-8")
        # What runs see as ``context.apiKeyId``: the sandbox has one key; its id reveals nothing about it.
        self.api_key_id = API_KEY_ID

    def authorized(self, request: Request) -> bool:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer":
            return False
        return hmac.compare_digest(token.strip().encode("latin-1"), self._secret)

    def resource(self, handlers: Mapping[str, Handler]) -> Callable[[Request], Awaitable[Response]]:
        """One path: method dispatch (405 with Allow), auth (401), then the handler's errors as JSON."""
        allow = ", ".join(handlers)

        async def endpoint(request: Request) -> Response:
            handler = handlers.get(request.method)
            if handler is None:
                return error(405, "Method not allowed", {"Allow": allow})
            if not self.authorized(request):
                return error(401, "Unauthorized", {"WWW-Authenticate": "Bearer"})
            try:
                return await handler(request)
            except v.ValidationError as exc:
                return error(400, str(exc))
            except NotFoundError as exc:
                return error(404, str(exc))

        return endpoint

    @staticmethod
    async def _body(request: Request) -> v.JsonObject:
        return v.parse_json_body(await request.body(), request.headers.get("content-type"))

    @staticmethod
    def _external_user_id(request: Request) -> str:
        return v.external_user_id(request.path_params["externalUserId"])

    # ------------------------------------------------------------ audience

    async def identify(self, request: Request) -> Response:
        body = v.identify_request(await self._body(request))
        return JSONResponse({"member": self.store.identify(body["externalUserId"], body)})

    async def find_member(self, request: Request) -> Response:
        return JSONResponse({"member": self.store.find_member(self._external_user_id(request))})

    async def update_member(self, request: Request) -> Response:
        external_id = self._external_user_id(request)
        body = v.update_member_request(await self._body(request))
        return JSONResponse({"member": self.store.update_member(external_id, body)})

    async def delete_member(self, request: Request) -> Response:
        return JSONResponse({"id": self.store.delete_member(self._external_user_id(request))})

    async def list_suppressions(self, request: Request) -> Response:
        return JSONResponse({"suppressions": self.store.list_suppressions(self._external_user_id(request))})

    async def add_suppression(self, request: Request) -> Response:
        external_id = self._external_user_id(request)
        body = v.add_suppression_request(await self._body(request))
        identity = body["identity"]
        suppression = self.store.add_suppression(
            external_id, identity["type"], identity["value"], body.get("categoryId")
        )
        return JSONResponse({"suppression": suppression})

    async def remove_suppression(self, request: Request) -> Response:
        external_id = self._external_user_id(request)
        suppression_id = v.resource_id(request.path_params["suppressionId"], "suppressionId")
        self.store.remove_suppression(external_id, suppression_id)
        return Response(status_code=204)

    # ------------------------------------------------------------ messages

    async def send_message(self, request: Request) -> Response:
        body = v.send_message_request(await self._body(request))
        result = self.store.send_message(body["externalUserId"], body.get("categoryId"), body["content"])
        return JSONResponse(result)

    async def get_message(self, request: Request) -> Response:
        message_id = v.resource_id(request.path_params["messageId"], "messageId")
        return JSONResponse({"message": self.store.get_message(message_id)})

    async def list_member_messages(self, request: Request) -> Response:
        external_id = self._external_user_id(request)
        query = request.query_params
        limit = v.query_integer(query.get("limit"), "limit", default=20, minimum=1, maximum=100)
        offset = v.query_integer(query.get("offset"), "offset", default=0, minimum=0, maximum=v.MAX_OFFSET)
        return JSONResponse(self.store.list_messages(external_id, limit, offset))

    # ------------------------------------------------------------ workflows

    async def run_workflow(self, request: Request) -> Response:
        key = v.workflow_key(request.path_params["key"])
        body = v.run_workflow_request(await self._body(request))
        return JSONResponse(
            self.store.run_workflow(key, body["externalUserId"], body.get("context", {}), self.api_key_id)
        )

    async def get_workflow_run(self, request: Request) -> Response:
        run_id = v.resource_id(request.path_params["runId"], "runId")
        return JSONResponse(self.store.get_run(run_id))

    def routes(self) -> list[Route]:
        member = PREFIX + "/audience/members/{externalUserId}"
        table: dict[str, dict[str, Handler]] = {
            PREFIX + "/audience/identify": {"POST": self.identify},
            member: {"GET": self.find_member, "PUT": self.update_member, "DELETE": self.delete_member},
            member + "/suppressions": {"GET": self.list_suppressions, "POST": self.add_suppression},
            member + "/suppressions/{suppressionId}": {"DELETE": self.remove_suppression},
            PREFIX + "/messages/send": {"POST": self.send_message},
            PREFIX + "/messages/{messageId}": {"GET": self.get_message},
            PREFIX + "/messages/members/{externalUserId}/messages": {"GET": self.list_member_messages},
            PREFIX + "/workflows/{key}/run": {"POST": self.run_workflow},
            PREFIX + "/workflows/runs/{runId}": {"GET": self.get_workflow_run},
        }
        return [Route(path, _Endpoint(self.resource(handlers))) for path, handlers in table.items()]


class _Endpoint:
    """An ASGI app per path (not a function, so Starlette leaves method handling to ``Api.resource``)."""

    def __init__(self, handler: Handler) -> None:
        self._app = request_response(handler)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._app(scope, receive, send)


async def _server_error(request: Request, exc: Exception) -> Response:
    # Starlette's ServerErrorMiddleware answers with this, then re-raises to RequestIdMiddleware (which logs).
    return error(500, "Internal server error")


async def _http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return error(exc.status_code, _REASONS.get(exc.status_code, exc.detail), exc.headers)


class SandboxApp(RequestIdMiddleware):
    """The sandbox's ASGI app; ``close()`` releases the database. ``seed`` and ``step_seconds``: see ``Store``."""

    def __init__(
        self,
        *,
        secret_key: str,
        db_path: str | None = None,
        seed: SeedSource | None = None,
        step_seconds: float = DEFAULT_STEP_SECONDS,
    ) -> None:
        if not secret_key:
            raise ValueError("secret_key must not be empty")
        self.store = Store(db_path, seed=seed, step_seconds=step_seconds)
        api = Api(self.store, secret_key)
        handlers = {HTTPException: _http_exception, Exception: _server_error}
        app = Starlette(routes=api.routes(), exception_handlers=handlers)
        app.router.redirect_slashes = False
        super().__init__(app)

    def close(self) -> None:
        self.store.close()


def create_app(
    *,
    secret_key: str,
    db_path: str | None = None,
    seed: SeedSource | None = None,
    step_seconds: float = DEFAULT_STEP_SECONDS,
) -> SandboxApp:
    """The sandbox as an ASGI app. ``db_path`` None keeps the state in memory; ``seed``: the records a
    new database starts with (``"docs"`` or a seed file); ``step_seconds``: how long each step of a run
    or an email delivery takes."""
    return SandboxApp(secret_key=secret_key, db_path=db_path, seed=seed, step_seconds=step_seconds)
