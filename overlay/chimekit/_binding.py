"""How a facade method is made from its declaration (the declarations are in ``_resources.py``).

A declaration is a typed, documented signature without a body, decorated with ``@binding(operationId)``.
The operation (``chimekit_api.api.OPERATIONS``, compiled from the spec) gives the HTTP method, the path,
the parameters and the models. The declaration adds what the spec cannot say: the method's name and
namespace, the docs' argument conventions, and which key of the answer is the result (``unwrap``).
Arguments map to the operation by name:

- a positional parameter named like a path parameter (``external_user_id``, ``key``) fills it;
- ``data`` is the request body: a dict with the API's keys, or a ``chimekit_api.models`` object;
- ``params`` is the query: a dict with the API's keys;
- a positional parameter named like a body field (``identify``'s ``external_user_id``) fills that field;
- keyword arguments are the body fields or query parameters by their Python names, and the per-call
  options ``timeout``, ``extra_headers``, ``extra_query`` and ``extra_body``.

One declaration makes four methods, by the kind of object it is read from (``SyncAPI``, ``AsyncAPI``,
``SyncRawAPI``, ``AsyncRawAPI``): the sync and async results, and the raw responses.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, Self, TypeVar, overload

from ._base import check_headers
from ._exceptions import ValidationError
from ._types import NOT_GIVEN, RequestOptions
from ._validation import checker, path_value

if TYPE_CHECKING:
    from chimekit_api.types import Origin

    from ._response import APIResponse

P = ParamSpec("P")
T = TypeVar("T")
_OPTIONS = frozenset(RequestOptions.__annotations__)


class Request(Generic[T]):
    """One call, ready to send: what the client puts on the wire, and how it reads the answer."""

    __slots__ = ("headers", "json", "method", "params", "path", "plan", "timeout")

    def __init__(
        self,
        plan: _Plan,
        path: str,
        params: dict[str, Any] | None,
        json: dict[str, Any] | None,
        options: dict[str, Any],
    ) -> None:
        self.plan = plan
        self.method = plan.method
        self.path = path
        self.params = params
        self.json = json
        self.timeout = options.get("timeout", NOT_GIVEN)
        self.headers: Mapping[str, str] | None = options.get("extra_headers")

    def has_body(self, status: int) -> bool:
        """Whether a ``status`` answer carries a JSON body to read (204 does not)."""
        return self.plan.models.get(status, self.plan.success) is not None

    def parse(self, status: int, body: Any, origin: Origin) -> T:
        """The method's result from a successful answer's decoded JSON: the answer as a model, or its
        ``unwrap`` key; its top level is checked now, the rest when read."""
        plan = self.plan
        model = plan.models.get(status, plan.success)
        if model is None:
            return None  # type: ignore[return-value]  # an answer without body (204)
        if type(body) is not dict:
            raise origin.error("", f"expected a JSON object, got {'null' if body is None else type(body).__name__}")
        view = model._view(body, "", origin)
        if plan.unwrap is None:
            return view._check()  # type: ignore[return-value]
        value = view._get(plan.unwrap)
        if type(value) is not list and hasattr(value, "_check"):
            value._check()
        result: T = value
        return result

    def __repr__(self) -> str:
        return f"<Request {self.method} {self.path}>"


class Binding(Generic[P, T]):
    """A declaration bound to an operation; read from an ``API`` object, it is that object's method."""

    def __init__(self, declaration: Callable[..., Any], operation_id: str, unwrap: str | None) -> None:
        self.declaration = declaration
        self.operation_id = operation_id
        self.unwrap = unwrap
        self.name: str = declaration.__name__
        self.__name__ = declaration.__name__
        self.__qualname__ = declaration.__qualname__
        self.__doc__ = declaration.__doc__
        self._plan: _Plan | None = None

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(self, obj: SyncAPI, owner: type[Any]) -> Callable[P, T]: ...
    @overload
    def __get__(self, obj: AsyncAPI, owner: type[Any]) -> Callable[P, Awaitable[T]]: ...
    @overload
    def __get__(self, obj: SyncRawAPI, owner: type[Any]) -> Callable[P, APIResponse[T]]: ...
    @overload
    def __get__(self, obj: AsyncRawAPI, owner: type[Any]) -> Callable[P, Awaitable[APIResponse[T]]]: ...
    def __get__(self, obj: API | None, owner: type[Any]) -> Any:
        if obj is None:
            return self
        method = obj._method(self)
        method.__name__ = self.name
        method.__qualname__ = f"{type(obj).__name__}.{self.name}"
        method.__code__ = method.__code__.replace(co_name=self.name, co_qualname=method.__qualname__)  # tracebacks
        method.__doc__ = self.__doc__
        method.__signature__ = self.plan.signature  # type: ignore[attr-defined]
        obj.__dict__[self.name] = method  # made once per object
        return method

    @property
    def plan(self) -> _Plan:
        if self._plan is None:
            self._plan = _Plan(self)
        return self._plan

    @property
    def __signature__(self) -> inspect.Signature:
        """The declaration's signature with its ``**kwargs`` spelled out (for ``help()`` and ``inspect``)."""
        signature = self.plan.signature
        this = inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY)
        return signature.replace(parameters=[this, *signature.parameters.values()])

    def __call__(self, obj: API, /, *args: Any, **kwargs: Any) -> Any:
        """Called on the class with the object first (``Audience.find_member(ck.audience, "user_123")``)."""
        return getattr(obj, self.name)(*args, **kwargs)

    def prepare(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Request[T]:
        """The request for one call: checks the input (ValidationError, TypeError) before anything is sent."""
        plan = self._plan or self.plan
        if not plan.min_positional <= len(args) <= len(plan.positional):
            raise TypeError(f"{self.name}() takes {plan.arity} positional arguments but {len(args)} were given")
        options: dict[str, Any] = {}
        fields: dict[str, Any] = {}
        for name, value in kwargs.items():
            if name in _OPTIONS:
                options[name] = value
            elif name in plan.keywords:
                if value is not None:
                    fields[plan.keywords[name]] = value
            else:
                raise TypeError(f"{self.name}() got an unexpected keyword argument {name!r}")
        path: dict[str, str] = {}
        given: Any = None
        lifted: dict[str, Any] = {}
        for (role, wire), value in zip(plan.positional, args, strict=False):
            if role == "path":
                path[wire] = path_value(wire, value)
            elif role == "field":
                lifted[wire] = path_value(wire, value)  # an id in the body: the same rules as in a path
            elif value is not None:  # "data" or "params"
                given = value
        operation = plan.operation
        body = query = None
        if plan.body_check is not None:
            merged = _merge(given, fields, plan)
            for wire, value in lifted.items():
                if merged.setdefault(wire, value) != value:
                    raise ValidationError(wire, f"{merged[wire]!r} differs from the {value!r} given as argument")
            body = plan.body_check(merged, "", 0)
        elif given is not None or fields:
            query = _query(_merge(given, fields, plan), plan)
        if options:
            if extra := options.get("extra_body"):
                if body is None:
                    raise ValidationError("extra_body", f"{operation.operation_id} has no body")
                body.update(_mapping("extra_body", extra))
            if extra := options.get("extra_query"):
                query = {**(query or {}), **_mapping("extra_query", extra)}
            if headers := options.get("extra_headers"):
                check_headers("extra_headers", headers)
        return Request(plan, operation.url_path(path), query or None, body, options)

    def __repr__(self) -> str:
        return f"<binding {self.name} → {self.operation_id}>"


def binding(
    operation_id: str, *, unwrap: str | None = None
) -> Callable[[Callable[Concatenate[Any, P], T]], Binding[P, T]]:
    """Bind the declared method to the operation ``operation_id``; ``unwrap``: the answer's key to return."""

    def bind(declaration: Callable[Concatenate[Any, P], T]) -> Binding[P, T]:
        return Binding(declaration, operation_id, unwrap)

    return bind


class _Plan:
    """How one binding's arguments map to its operation, worked out on its first call."""

    def __init__(self, binding: Binding[Any, Any]) -> None:
        from chimekit_api.api import OPERATIONS  # the generated package loads on the first call

        try:
            self.operation = operation = OPERATIONS[binding.operation_id]
        except KeyError:
            raise LookupError(
                f"{binding.name}: the spec has no operation {binding.operation_id!r} "
                "(see overlay/chimekit/_resources.py)"
            ) from None
        declared = list(inspect.signature(binding.declaration).parameters.values())[1:]  # without self
        paths = {p.python_name: p.name for p in operation.path_params}
        body_fields = {f.name: wire for wire, f in operation.body._fields.items()} if operation.body else {}
        queries = {p.python_name: p.name for p in operation.query_params}
        self.keywords: dict[str, str] = body_fields or queries
        self.python_names = {wire: name for name, wire in self.keywords.items()}
        self.positional: list[tuple[str, str]] = []
        for parameter in declared:
            if parameter.kind is not parameter.POSITIONAL_ONLY:
                continue
            name = parameter.name
            if name in paths:
                self.positional.append(("path", paths.pop(name)))
            elif name == "data" and operation.body is not None:
                self.positional.append(("data", ""))
            elif name == "params" and operation.body is None:
                self.positional.append(("params", ""))
            elif name in body_fields:
                self.positional.append(("field", body_fields[name]))
            else:
                raise TypeError(f"{binding.name}: parameter {name!r} matches nothing in {operation.operation_id}")
        if paths:
            raise TypeError(
                f"{binding.name}: path parameters {sorted(paths)} of {operation.operation_id} are not arguments"
            )
        self.min_positional = sum(p.default is p.empty for p in declared if p.kind is p.POSITIONAL_ONLY)
        self.arity = f"{self.min_positional} to {len(self.positional)}"
        self.method = operation.method
        self.unwrap = binding.unwrap
        self.body_check = checker(("model", operation.body)) if operation.body is not None else None
        self.query_checks = {p.name: checker(p.kind) for p in operation.query_params}
        self.models = dict(operation.responses)
        # An undocumented 2xx is read as the documented success.
        self.success = next((m for status, m in operation.responses.items() if 200 <= status < 300), None)
        self.signature = _spelled_out(binding.declaration, self)


def _merge(given: Any, fields: dict[str, Any], plan: _Plan) -> dict[str, Any]:
    """The ``data``/``params`` argument (wire keys, or a model) plus the keyword and positional fields."""
    if given is None:
        return dict(fields)
    if type(given) is dict and not fields:
        return dict(given)
    if hasattr(given, "_fields") and hasattr(given, "_data"):  # a chimekit_api model
        given = given._data
    elif not isinstance(given, Mapping):
        what = "data" if plan.operation.body is not None else "params"
        raise ValidationError(what, f"expected a dict or a chimekit_api model, got {type(given).__name__}")
    merged = dict(given)
    for wire, value in fields.items():
        if wire in merged:
            raise ValidationError(wire, f"given twice (in the dict and as {plan.python_names.get(wire, wire)}=)")
        merged[wire] = value
    return merged


def _query(values: dict[str, Any], plan: _Plan) -> dict[str, Any]:
    query: dict[str, Any] = {}
    for name, value in values.items():
        check = plan.query_checks.get(name)
        if check is None:
            raise ValidationError(str(name), f"unknown query parameter ({', '.join(plan.query_checks) or 'none'})")
        query[name] = check(value, name, 0)
    return query


def _mapping(name: str, value: Any) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ValidationError(name, f"expected a dict, got {type(value).__name__}")
    return value


def _spelled_out(declaration: Callable[..., Any], plan: _Plan) -> inspect.Signature:
    """The declaration's signature without ``self``, its ``**kwargs`` as keyword-only parameters."""
    parameters = list(inspect.signature(declaration).parameters.values())[1:]
    fixed = [p for p in parameters if p.kind is not p.VAR_KEYWORD]
    taken = {p.name for p in fixed}
    if len(fixed) < len(parameters):
        operation = plan.operation
        annotations: dict[str, Any] = {}
        if operation.body is not None:
            import chimekit_api.models as models

            fields_type = getattr(models, f"{operation.body.__name__}Fields", None)
            annotations = dict(getattr(fields_type, "__annotations__", {}))
        for parameter in operation.query_params:
            annotations[parameter.python_name] = parameter.kind
        annotations.update(RequestOptions.__annotations__)
        fixed += [
            inspect.Parameter(
                name,
                inspect.Parameter.KEYWORD_ONLY,
                default=NOT_GIVEN,
                annotation=getattr(annotation, "__forward_arg__", annotation),  # TypedDicts keep ForwardRefs
            )
            for name, annotation in annotations.items()
            if name not in taken
        ]
    return inspect.Signature(fixed, return_annotation=inspect.signature(declaration).return_annotation)


# --- the four kinds of objects a binding is read from -------------------------------------------------


class API:
    """Base of ChimeKit, AsyncChimeKit and their namespaces: turns bindings into methods of ``client``.

    The four kinds below differ in two flags: whether the methods are awaitable, and whether they return
    the raw response (``APIResponse``) instead of the result.
    """

    _client: Any
    _awaitable: bool = False
    _raw: bool = False

    def __init__(self, client: Any) -> None:
        self._client = client

    def _method(self, binding: Binding[Any, Any]) -> Callable[..., Any]:
        call, prepare, raw = self._client._call, binding.prepare, self._raw
        if self._awaitable:

            async def method(*args: Any, **kwargs: Any) -> Any:
                return await call(prepare(args, kwargs), raw)

            return method

        def sync_method(*args: Any, **kwargs: Any) -> Any:
            return call(prepare(args, kwargs), raw)

        return sync_method

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._client!r}>"


class SyncAPI(API):
    pass


class AsyncAPI(API):
    _awaitable = True


class SyncRawAPI(API):
    _raw = True


class AsyncRawAPI(API):
    _awaitable = True
    _raw = True
