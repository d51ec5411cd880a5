"""The facade's generated parts: the resource classes (``chimekit/resources/``) and the API reference (api.md).

They come from the method declarations (``overlay/chimekit/_resources.py``: names, namespaces, what a method
returns, docstrings) and the operation table; argument and return types are read from the freshly generated
``chimekit_api`` (its models' field TypedDicts and properties), so the signatures say exactly what the
models say. For each namespace four classes: ``Audience`` (``ck.audience``), ``AsyncAudience``,
``AudienceWithRawResponse`` and ``AsyncAudienceWithRawResponse``; plain ``def``/``async def`` methods with
exact signatures: path parameters positional, then the body (or query) as a TypedDict, positional and
optional, then its fields as keywords, then the per-call options.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import runpy
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from table import Operation, Table, constant_name

ROOT = Path(__file__).resolve().parent.parent
DECLARATIONS = "overlay/chimekit/_resources.py"
OPTIONS = (
    ("timeout", "TimeoutTypes | NotGiven", "NOT_GIVEN"),
    ("extra_headers", "Mapping[str, str] | None", "None"),
    ("extra_query", "Mapping[str, Any] | None", "None"),
    ("extra_body", "Mapping[str, Any] | None", "None"),
)
"""Every method's per-call options (``RequestOptions``): name, type, default."""
BUILTIN_NAMES = frozenset({"str", "int", "float", "bool", "None", "dict", "list", "Any", "Sequence", "datetime"})


class DeclarationError(Exception):
    """The declarations and the spec do not match (a method for no operation, an operation without a method)."""


@dataclass
class Argument:
    name: str
    annotation: str
    default: str | None = None
    wire: str = ""


@dataclass
class MethodPlan:
    namespace: str
    name: str
    operation: Operation
    doc: str
    returns_key: str | None
    returns: str
    on_client: bool
    path: list[Argument] = field(default_factory=list)
    body_schema: dict[str, Any] | None = None
    """The request body's JSON Schema (from the generated table), for api.md's argument descriptions."""
    data: Argument | None = None
    ids: list[Argument] = field(default_factory=list)
    keywords: list[Argument] = field(default_factory=list)

    @property
    def constant(self) -> str:
        return constant_name(self.operation.operation_id)


@dataclass
class PagesPlan:
    namespace: str
    name: str
    method: MethodPlan
    item: str
    doc: str


@dataclass
class ManyPlan:
    namespace: str
    name: str
    method: MethodPlan
    doc: str


@dataclass
class Declarations:
    namespaces: dict[str, str]
    methods: list[MethodPlan]
    pages: list[PagesPlan]
    many: list[ManyPlan]


def load_declarations(path: Path, table: Table) -> Declarations:
    """The declarations file, checked against the table: every operation has exactly one method."""
    values = runpy.run_path(str(path))
    namespaces: dict[str, str] = values["NAMESPACES"]
    by_operation = {op.operation_id: op for op in table.operations}
    declared = [m.operation_id for m in values["METHODS"]]
    missing = sorted(set(by_operation) - set(declared))
    if missing:
        raise DeclarationError(
            f"operations in the spec without a facade method: {missing}; declare them in {DECLARATIONS}"
        )
    unknown = sorted(set(declared) - set(by_operation))
    twice = sorted({d for d in declared if declared.count(d) > 1})
    if unknown or twice:
        raise DeclarationError(f"{DECLARATIONS}: methods for no operation {unknown}, operations declared twice {twice}")
    methods = []
    for method in values["METHODS"]:
        if method.namespace not in namespaces:
            raise DeclarationError(f"{DECLARATIONS}: {method.name}: no namespace {method.namespace!r}")
        methods.append(
            MethodPlan(
                namespace=method.namespace,
                name=method.name,
                operation=by_operation[method.operation_id],
                doc=inspect.cleandoc(method.doc),
                returns_key=method.returns,
                returns="",
                on_client=method.on_client,
                ids=[Argument(name, "str") for name in method.ids],
            )
        )
    pages = []
    for declared_pages in values["PAGES"]:
        target = next((m for m in methods if m.name == declared_pages.method), None)
        if target is None or "x-chimekit-paging" not in target.operation.extensions:
            raise DeclarationError(
                f"{DECLARATIONS}: {declared_pages.name}: {declared_pages.method} is not a paged list"
            )
        pages.append(
            PagesPlan(declared_pages.namespace, declared_pages.name, target, "", inspect.cleandoc(declared_pages.doc))
        )
    many = []
    for declared_many in values["MANY"]:
        target = next((m for m in methods if m.name == declared_many.method), None)
        if target is None or target.operation.method != "POST" or len(target.ids) != 1:
            raise DeclarationError(
                f"{DECLARATIONS}: {declared_many.name}: {declared_many.method} is not a POST taking one id and a body"
            )
        many.append(ManyPlan(declared_many.namespace, declared_many.name, target, inspect.cleandoc(declared_many.doc)))
    return Declarations(namespaces, methods, pages, many)


# --- types, from the generated chimekit_api ---


def _annotation(value: Any) -> str:
    return str(getattr(value, "__forward_arg__", value))


def _resolve_types(declarations: Declarations, api_dir: Path) -> None:
    """Fill in each method's arguments and return type from the generated package in ``api_dir``."""
    sys.path.insert(0, str(api_dir.parent))
    try:
        for name in [m for m in sys.modules if m == "chimekit_api" or m.startswith("chimekit_api.")]:
            del sys.modules[name]
        api = importlib.import_module("chimekit_api.api")
        models = importlib.import_module("chimekit_api.models")
    finally:
        sys.path.remove(str(api_dir.parent))
    for plan in declarations.methods:
        operation = api.OPERATIONS[plan.operation.operation_id]
        plan.path = [Argument(p.python_name, "str", wire=p.name) for p in operation.path_params]
        plan.body_schema = operation.body_schema
        ids = {a.name for a in plan.ids}
        if operation.body is not None:
            fields = getattr(models, f"{operation.body.__name__}Fields").__annotations__
            wires = {f.name: wire for wire, f in operation.body._fields.items()}
            unknown = ids - set(wires)
            if unknown:
                raise DeclarationError(f"{DECLARATIONS}: {plan.name}: ids {sorted(unknown)} are not body fields")
            plan.data = Argument("data", f"{operation.body.__name__}Dict", "NO_BODY")
            plan.ids = [Argument(a.name, "str", wire=wires[a.name]) for a in plan.ids]
            plan.keywords = [
                Argument(name, f"{_annotation(kind)} | NotGiven", "NOT_GIVEN", wire=wires[name])
                for name, kind in fields.items()
                if name not in ids
            ]
        elif operation.query_params:
            if ids:
                raise DeclarationError(f"{DECLARATIONS}: {plan.name}: ids need a body")
            query = getattr(api, f"{_pascal(operation.operation_id)}Query")
            plan.data = Argument("params", query.__name__, "NO_BODY")
            wires = {p.python_name: p.name for p in operation.query_params}
            plan.keywords = [
                Argument(name, f"{_annotation(kind)} | NotGiven", "NOT_GIVEN", wire=wires[name])
                for name, kind in query.__annotations__.items()
            ]
        model = operation.responses[operation.success]
        if model is None:
            plan.returns = "None"
        elif plan.returns_key is None:
            plan.returns = model.__name__
        else:
            prop = next((f.name for wire, f in model._fields.items() if wire == plan.returns_key), None)
            if prop is None:
                raise DeclarationError(f"{DECLARATIONS}: {plan.name}: the response has no {plan.returns_key!r}")
            plan.returns = getattr(model, prop).fget.__annotations__["return"]
    for pages in declarations.pages:
        items = pages.method.operation.extensions["x-chimekit-paging"]["items"]
        model = api.OPERATIONS[pages.method.operation.operation_id].responses[pages.method.operation.success]
        prop = model._fields[items[0]].name
        listed = re.fullmatch(r"list\[(.+)\]", getattr(model, prop).fget.__annotations__["return"])
        if listed is None:
            raise DeclarationError(f"{DECLARATIONS}: {pages.name}: the response's {items[0]!r} is not a list")
        pages.item = listed.group(1)


def _pascal(name: str) -> str:
    return name[0].upper() + name[1:]


# --- the resource modules ---


def _signature(plan: MethodPlan, returns: str, *, pages: bool = False) -> list[str]:
    lines = ["self,"]
    lines += [f"{a.name}: {a.annotation}," for a in plan.path]
    lines += [f"{a.name}: {a.annotation}," for a in plan.ids]
    if plan.data is not None and not pages:
        lines.append(f"{plan.data.name}: {plan.data.annotation} = {plan.data.default},")
    lines.append("/,")
    lines.append("*,")
    if pages:
        lines.append("page_size: int | None = None,")
    else:
        lines += [f"{a.name}: {a.annotation} = {a.default}," for a in plan.keywords]
    lines += [
        f"{name}: {annotation} = {default},"
        for name, annotation, default in OPTIONS
        if not (pages and name == "extra_body")
    ]
    return ["(", *("    " + line for line in lines), f") -> {returns}:"]


def _docstring(doc: str, operation: Operation) -> list[str]:
    text = f"{doc}\n\n``{operation.method} {operation.path}`` (operation ``{operation.operation_id}``)."
    return ['"""' + text.replace("\\", "\\\\") + '\n"""']


def _request(plan: MethodPlan) -> str:
    """The call of ``Endpoint.request``, its arguments positional (the hot path): path values, the body or query
    dict, the fields given as keywords, the ids given as arguments, then the per-call options."""
    path = "(" + "".join(f"{a.name}, " for a in plan.path).rstrip(" ") + ")"
    fields = "{" + ", ".join(f'"{a.wire}": {a.name}' for a in plan.keywords) + "}" if plan.keywords else "None"
    ids = "{" + ", ".join(f'"{a.wire}": {a.name}' for a in plan.ids) + "}" if plan.ids else "None"
    data = plan.data.name if plan.data is not None else "None"
    options = ", ".join(name for name, _, _ in OPTIONS)
    return f"{plan.constant}.request({path}, {data}, {fields}, {ids}, {options})"


def _method(plan: MethodPlan, kind: str, sender: str = "self") -> list[str]:
    returns = plan.returns if kind in ("sync", "async") else f"APIResponse[{plan.returns}]"
    prefix = "async def" if kind.startswith("async") else "def"
    awaits = "await " if kind.startswith("async") else ""
    body = [f"return {awaits}{sender}._call({_request(plan)})"]
    head = _signature(plan, returns)
    return [f"{prefix} {plan.name}{head[0]}", *head[1:], *_indent(_docstring(plan.doc, plan.operation)), *_indent(body)]


def _pages_method(pages: PagesPlan, kind: str) -> list[str]:
    plan = pages.method
    iterator = "AsyncIterator" if kind == "async" else "Iterator"
    head = _signature(plan, f"{iterator}[{pages.item}]", pages=True)
    path = "".join(f"{a.name}, " for a in plan.path)
    options = ", ".join(f"{name}={name}" for name, _, _ in OPTIONS if name != "extra_body")
    body = [
        f"pager: Pager[{pages.item}] = Pager({plan.constant}, page_size)",
        "# checked now, not at the first page:",
        f"{plan.constant}.request(({path.rstrip(' ')}), pager.query(), {options})",
        f"return pager.{'asynchronous' if kind == 'async' else 'sync'}(",
        f"    lambda query: self.{plan.name}({path}query, {options})",
        ")",
    ]
    doc = f"{pages.doc}\n\n``page_size``: items per request (default and at most the largest page the server gives)."
    return [f"def {pages.name}{head[0]}", *head[1:], *_indent(_docstring(doc, plan.operation)), *_indent(body)]


def _many_method(many: ManyPlan, kind: str) -> list[str]:
    plan = many.method
    assert plan.data is not None
    returns = f"list[Outcome[{plan.returns}]]"
    head = [
        "(",
        "    self,",
        f"    sends: Iterable[tuple[str, {plan.data.annotation}]],",
        "    /,",
        "    *,",
        "    max_concurrency: int = DEFAULT_MAX_CONCURRENCY,",
        "    on_progress: Callable[[Progress], object] | None = None,",
        *(f"    {name}: {annotation} = {default}," for name, annotation, default in OPTIONS),
        f") -> {returns}:",
    ]
    options = ", ".join(f"{name}={name}" for name, _, _ in OPTIONS)
    runner = "await run_async" if kind == "async" else "run"
    body = [
        f'batch = Batch({plan.constant}, "{plan.ids[0].wire}", sends, max_concurrency, on_progress, {options})',
        f"return {runner}(self._client, batch)",
    ]
    prefix = "async def" if kind == "async" else "def"
    return [f"{prefix} {many.name}{head[0]}", *head[1:], *_indent(_docstring(many.doc, plan.operation)), *_indent(body)]


def _indent(lines: list[str], by: int = 1) -> list[str]:
    return [textwrap.indent(line, "    " * by) if line else line for line in lines]


KINDS = {
    "sync": ("{N}", "SyncResource"),
    "async": ("Async{N}", "AsyncResource"),
    "raw": ("{N}WithRawResponse", "SyncRawResource"),
    "async_raw": ("Async{N}WithRawResponse", "AsyncRawResource"),
}


def _class_name(namespace: str, kind: str) -> str:
    return KINDS[kind][0].format(N=_pascal(namespace))


def _namespace_module(name: str, summary: str, declarations: Declarations) -> str:
    methods = [m for m in declarations.methods if m.namespace == name]
    pages = [p for p in declarations.pages if p.namespace == name]
    lines = [f'"""``ck.{name}``: {summary}"""', "", "from __future__ import annotations", ""]
    lines += _imports(methods, pages)
    lines += [f"from .endpoints import {', '.join(sorted(plan.constant for plan in methods))}"]
    for kind, (pattern, base) in KINDS.items():
        cls = pattern.format(N=_pascal(name))
        what = {
            "sync": f"``ck.{name}``: {summary}",
            "async": f"``ck.{name}`` of AsyncChimeKit: {summary}",
            "raw": f"``ck.{name}.with_raw_response``: each method returns an ``APIResponse``.",
            "async_raw": f"``ck.{name}.with_raw_response`` of AsyncChimeKit: each method returns an ``APIResponse``.",
        }[kind]
        lines += ["", "", f"class {cls}({base}):", f'    """{what}"""']
        if kind in ("sync", "async"):
            raw = _class_name(name, "raw" if kind == "sync" else "async_raw")
            lines += [
                "",
                "    @cached_property",
                f"    def with_raw_response(self) -> {raw}:",
                '        """The same methods, returning the raw response (``.parse()`` gives the result)."""',
                f"        return {raw}(self._client)",
            ]
        for plan in methods:
            lines += ["", *_indent(_method(plan, kind))]
        if kind in ("sync", "async"):
            for page in pages:
                lines += ["", *_indent(_pages_method(page, kind))]
            for many in (m for m in declarations.many if m.namespace == name):
                lines += ["", *_indent(_many_method(many, kind))]
    return "\n".join(lines) + "\n"


def _imports(methods: list[MethodPlan], pages: list[PagesPlan]) -> list[str]:
    names: set[str] = set()
    for plan in methods:
        text = " ".join(
            a.annotation for a in [*plan.path, *plan.ids, *plan.keywords, *([plan.data] if plan.data else [])]
        )
        names |= set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", f"{text} {plan.returns}"))
    for page in pages:
        names |= set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", page.item))
    names -= BUILTIN_NAMES | {"NotGiven", "TimeoutTypes"}
    queries = sorted(n for n in names if n.endswith("Query"))
    models = sorted(names - set(queries))
    lines = [
        "from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Mapping, Sequence",
        "from functools import cached_property",
        "from typing import TYPE_CHECKING, Any",
        "",
        "from .._bulk import Batch, Outcome, Progress, run, run_async",
        "from .._constants import DEFAULT_MAX_CONCURRENCY",
        "from .._pagination import Pager",
        "from .._request import Endpoint",
        "from .._resource import AsyncRawResource, AsyncResource, SyncRawResource, SyncResource",
        "from .._types import NO_BODY, NOT_GIVEN, NotGiven, TimeoutTypes",
    ]
    lines += ["", "if TYPE_CHECKING:", "    import datetime", ""]
    if queries:
        lines.append(f"    from chimekit_api.api import {', '.join(queries)}")
    if models:
        lines.append(f"    from chimekit_api.models import {', '.join(models)}")
    lines += ["", "    from .._response import APIResponse"]
    return lines


def _endpoints_module(declarations: Declarations) -> str:
    """Every method's ``Endpoint`` (its operation, what it returns), for the namespaces and the client."""
    lines = ['"""The endpoint of each method: its operation and the key of the response it returns."""', ""]
    lines += ["from __future__ import annotations", "", "from typing import TYPE_CHECKING", ""]
    lines += ["from .._request import Endpoint", ""]
    names: set[str] = set()
    for plan in declarations.methods:
        names |= set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", plan.returns))
    models = sorted(names - BUILTIN_NAMES)
    if models:
        lines += ["if TYPE_CHECKING:", f"    from chimekit_api.models import {', '.join(models)}", ""]
    for plan in declarations.methods:
        returned = f', "{plan.returns_key}"' if plan.returns_key else ""
        lines.append(f'{plan.constant}: Endpoint[{plan.returns}] = Endpoint("{plan.operation.operation_id}"{returned})')
    return "\n".join(lines) + "\n"


def _delegate(plan: MethodPlan, kind: str) -> list[str]:
    """A method of the client itself: the namespace's, sent through the namespace object."""
    return _method(plan, kind, sender=f"self.{plan.namespace}")


def _client_module(declarations: Declarations) -> str:
    """The clients' generated half: the namespaces (loaded on first use, so ``import chimekit`` stays light),
    the methods of the client itself (``ck.identify``) and ``ck.with_raw_response``."""
    top = [m for m in declarations.methods if m.on_client]
    lines = ['"""The clients\' namespaces, their own methods (``ck.identify``) and ``ck.with_raw_response``."""']
    lines += ["", "from __future__ import annotations", "", *_imports(top, [])]
    lines += ["from .._base_client import AsyncAPIClient, SyncAPIClient"]
    lines += [f"from .endpoints import {', '.join(sorted(plan.constant for plan in top))}", ""]
    lines += ["if TYPE_CHECKING:"]
    for name in declarations.namespaces:
        lines.append(f"    from .{name} import {', '.join(_class_name(name, kind) for kind in KINDS)}")
    cached = [*declarations.namespaces, "with_raw_response"]
    for kind, raw_kind, owner, base in (
        ("sync", "raw", "ChimeKit", "SyncAPIClient"),
        ("async", "async_raw", "AsyncChimeKit", "AsyncAPIClient"),
    ):
        raw = f"{owner}WithRawResponse"
        lines += [
            "",
            "",
            f"class {owner}Methods({base}):",
            f'    """The namespaces of ``{owner}`` and its own methods."""',
        ]
        lines += [
            "",
            "    def _bind(self) -> None:",
            '        """Forget the namespaces made for the options this object had (``with_options`` copies)."""',
            f"        for name in {tuple(cached)!r}:",
            "            self.__dict__.pop(name, None)",
        ]
        for name, summary in declarations.namespaces.items():
            cls = _class_name(name, kind)
            lines += [
                "",
                "    @cached_property",
                f"    def {name}(self) -> {cls}:",
                f'        """``ck.{name}``: {summary}"""',
                f"        from .{name} import {cls}",
                "",
                f"        return {cls}(self)",
            ]
        lines += [
            "",
            "    @cached_property",
            f"    def with_raw_response(self) -> {raw}:",
            '        """The same namespaces and methods, returning the raw response (``.parse()``: the result)."""',
            f"        return {raw}(self)",
        ]
        for plan in top:
            lines += ["", *_indent(_delegate(plan, kind))]
        lines += [
            "",
            "",
            f"class {raw}:",
            f'    """``ck.with_raw_response`` of ``{owner}``: every method returns an ``APIResponse``."""',
        ]
        lines += ["", f"    def __init__(self, client: {owner}Methods) -> None:", "        self._client = client"]
        for name in declarations.namespaces:
            cls = _class_name(name, raw_kind)
            lines += [
                "",
                "    @cached_property",
                f"    def {name}(self) -> {cls}:",
                f'        """``ck.{name}`` returning raw responses."""',
                f"        return self._client.{name}.with_raw_response",
            ]
        for plan in top:
            lines += ["", *_indent(_delegate(plan, raw_kind))]
    lines += [
        "",
        "",
        f"METHODS_DOC = {_methods_doc(declarations)!r}",
        '"""A listing of the methods, for the clients\' docstrings."""',
    ]
    return "\n".join(lines) + "\n"


def _package_init(declarations: Declarations) -> str:
    names = ", ".join(f"``{name}``" for name in declarations.namespaces)
    return (
        f'"""The API\'s namespaces as resource classes, one module each ({names}), loaded when a client first uses\n'
        'them; ``client``: what the clients carry besides (their own methods, ``with_raw_response``)."""\n'
    )


def _methods_doc(declarations: Declarations) -> str:
    listing = ["Namespaces and their methods (``ck.identify`` is also ``ck.audience.identify``):", ""]
    for name, summary in declarations.namespaces.items():
        listing.append(f"    {name}: {summary}")
        for plan in sorted((m for m in declarations.methods if m.namespace == name), key=lambda m: m.name):
            listing.append(f"        {plan.name}: {_summary(plan.doc)}")
        extras: list[PagesPlan | ManyPlan] = [*declarations.pages, *declarations.many]
        for extra in extras:
            if extra.namespace == name:
                listing.append(f"        {extra.name}: {_summary(extra.doc)}")
    return "\n".join(listing)


def _summary(doc: str) -> str:
    """The first paragraph of a docstring, on one line."""
    return " ".join(doc.split("\n\n")[0].split())


def write(declarations: Declarations, table: Table, api_dir: Path, resources: Path, api_md: Path) -> None:
    _resolve_types(declarations, api_dir)
    resources.mkdir(parents=True, exist_ok=True)
    for old in resources.glob("*.py"):
        old.unlink()
    for name, summary in declarations.namespaces.items():
        (resources / f"{name}.py").write_text(_namespace_module(name, summary, declarations), encoding="utf-8")
    (resources / "client.py").write_text(_client_module(declarations), encoding="utf-8")
    (resources / "endpoints.py").write_text(_endpoints_module(declarations), encoding="utf-8")
    (resources / "__init__.py").write_text(_package_init(declarations), encoding="utf-8")
    api_md.write_text(render_api_md(declarations, table), encoding="utf-8")


# --- api.md ---


def _one_line(text: str) -> str:
    return " ".join((text or "").split()).replace("|", "\\|")


def _hand_written(module: str) -> ast.Module:
    return ast.parse((ROOT / "overlay" / "chimekit" / module).read_text(encoding="utf-8"))


def _client_signatures() -> list[str]:
    """The clients' constructors and ``with_options``, as written in ``_base_client.py``."""
    tree = _hand_written("_base_client.py")
    base = next(n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.name == "BaseClient")
    written = {
        f.name: re.sub(r"(?<! )=(?! )", " = ", ast.unparse(f.args).removeprefix("self, "))
        for f in base.body
        if isinstance(f, ast.FunctionDef)
    }
    return [
        f"ChimeKit({written['__init__']})".replace("HttpT", "httpx.Client"),
        f"AsyncChimeKit({written['__init__']})".replace("HttpT", "httpx.AsyncClient"),
        f"ck.with_options({written['with_options']})".replace("HttpT", "httpx.Client"),
    ]


def _client_docstring() -> str:
    tree = _hand_written("_client.py")
    node = next(n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.name == "ChimeKit")
    return ast.get_docstring(node) or ""


def _arguments_table(plan: MethodPlan) -> list[str]:
    operation = plan.operation
    rows = []
    for argument, parameter in zip(plan.path, operation.path_params, strict=True):
        rows.append(f"| `{argument.name}` | path `{parameter.name}` | yes | {_one_line(parameter.description)} |")
    if plan.data is not None and plan.body_schema is not None:
        schema = plan.body_schema
        required = set(schema.get("required", []))
        for argument in [*plan.ids, *plan.keywords]:
            prop = schema.get("properties", {}).get(argument.wire, {})
            rows.append(
                f"| `{argument.name}` | body `{argument.wire}` | {'yes' if argument.wire in required else 'no'} | "
                f"{_one_line(prop.get('description', ''))} |"
            )
    for parameter in operation.query_params:
        rows.append(
            f"| `{parameter.python_name}` | query `{parameter.name}` | {'yes' if parameter.required else 'no'} | "
            f"{_one_line(parameter.description)} |"
        )
    if not rows:
        return []
    return ["| argument | sent as | required | description |", "|---|---|---|---|", *rows, ""]


def _flat_signature(plan: MethodPlan, returns: str, *, pages: bool = False) -> str:
    head = _signature(plan, returns, pages=pages)
    inner = " ".join(line.strip() for line in head[1:-1]).removeprefix("self, ").rstrip(",")
    return f"({inner}) -> {head[-1].removeprefix(') -> ').rstrip(':')}"


def render_api_md(declarations: Declarations, table: Table) -> str:
    lines = [
        "# ChimeKit Python SDK: API reference",
        "",
        "<!-- Generated by `make generate` (codegen/facade.py) from openapi/chimekit.yaml and the facade's",
        f"     method declarations ({DECLARATIONS}). Do not edit: `make test` fails on drift. -->",
        "",
        f"For the ChimeKit API {table.version}. Every method exists on `ChimeKit` and, awaitable, on "
        "`AsyncChimeKit`, with the same arguments; `ck.with_raw_response.<namespace>.<method>` (or "
        "`ck.<namespace>.with_raw_response.<method>`) returns the raw `APIResponse`.",
        "",
        "## Clients",
        "",
        "```python",
        *_client_signatures(),
        "```",
        "",
        _client_docstring(),
        "",
    ]
    for namespace, summary in declarations.namespaces.items():
        lines += [f"## `ck.{namespace}`", "", f"{summary[0].upper()}{summary[1:]}", ""]
        for plan in sorted((m for m in declarations.methods if m.namespace == namespace), key=lambda m: m.name):
            operation = plan.operation
            also = f" (also `ck.{plan.name}`)" if plan.on_client else ""
            unwrap = f" (the response's `{plan.returns_key}`)" if plan.returns_key else " (the whole response)"
            lines += [
                f"### `ck.{namespace}.{plan.name}`{also}",
                "",
                f"`{operation.method} {operation.path}` — operation `{operation.operation_id}`: {operation.summary}.",
                "",
                "```python",
                f"def {plan.name}{_flat_signature(plan, plan.returns)}",
                f"async def {plan.name}{_flat_signature(plan, plan.returns)}  # AsyncChimeKit",
                "```",
                "",
                plan.doc,
                "",
                *_arguments_table(plan),
                f"Returns `{plan.returns}`{unwrap}; `with_raw_response` gives an `APIResponse[{plan.returns}]`.",
                "",
            ]
        for page in (p for p in declarations.pages if p.namespace == namespace):
            lines += [
                f"### `ck.{namespace}.{page.name}`",
                "",
                "```python",
                f"def {page.name}{_flat_signature(page.method, f'Iterator[{page.item}]', pages=True)}",
                f"def {page.name}{_flat_signature(page.method, f'AsyncIterator[{page.item}]', pages=True)}"
                "  # AsyncChimeKit",
                "```",
                "",
                page.doc,
                "",
            ]
        for many in (m for m in declarations.many if m.namespace == namespace):
            code = _many_method(many, "sync")
            end = next(i for i, line in enumerate(code) if line.startswith(") ->"))
            signature = " ".join(line.strip() for line in code[: end + 1])
            lines += [
                f"### `ck.{namespace}.{many.name}`",
                "",
                "```python",
                re.sub(r"\(\s*self,\s*", "(", signature.removesuffix(":")).replace(", )", ")").replace("( ", "("),
                "```",
                "",
                many.doc,
                "",
            ]
    errors = ast.get_docstring(_hand_written("_exceptions.py")) or ""
    lines += ["## Errors", "", "```", errors.strip(), "```", ""]
    return "\n".join(lines)
