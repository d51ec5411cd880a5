"""Seed files: the records a new sandbox database starts with (``--seed FILE``, ``--seed docs``).

The format is documented in sandbox/README.md and ``chimekit-sandbox --help``. A seed is read into
the records the store keeps (``_records``), exactly as given (ids and timestamps included), then
checked twice: the seed's own keys and references here, and each record as the API will serve it
against the operation table's schemas (``chimekit_api.api.MEMBER``, ...), so that a seed cannot make
the server answer something the API does not allow.
"""

from __future__ import annotations

import difflib
import json
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Final, NoReturn, TypeAlias, TypeGuard

from chimekit_api import api

from ._records import (
    BUILT_IN_CATEGORIES,
    JsonObject,
    Seed,
    SeedError,
    SeedMember,
    SeedMessage,
    SeedSuppression,
    first_email,
    identity_key,
    member_view,
)
from ._util import derived_id, parse_stamp, stamp, workflow_ids
from ._validation import Invalid, Schema

__all__ = ["NAMED_SEEDS", "Seed", "SeedError", "SeedSource", "is_named", "load_seed"]  # Seed, SeedError: from _records

SeedSource: TypeAlias = Seed | str | Path
"""What a seed can be given as: a loaded Seed, a named seed (``"docs"``) or a seed file's path."""

# Seeds shipped in the package, by name (chimekit_sandbox/seeds/<file>).
NAMED_SEEDS: Final = {"docs": "docs.yaml"}
_SECTIONS: Final = ("categories", "members", "suppressions", "messages", "workflowRuns")
# A seed's records have the API's fields (from the spec); a message names its member by externalUserId.
_NOTIFICATION: Final = tuple(api.NOTIFICATION["properties"])
_DELIVERY: Final = tuple(api.DELIVERY["properties"])
_MESSAGE_KEYS: Final = (
    *("externalUserId" if key == "memberId" else key for key in api.MESSAGE["properties"]),
    "notification",
    "delivery",
)

# The table's schemas records are checked against, formats (date-time) included: compiled once.
_RESOURCE_ID: Final = Schema(api.RESOURCE_ID, formats=True)
_WORKFLOW_KEY: Final = Schema(api.WORKFLOW_KEY, formats=True)
_CATEGORY: Final = Schema(api.CATEGORY, formats=True)
_IDENTIFY_REQUEST: Final = Schema(api.IDENTIFY_REQUEST, formats=True)
_MEMBER: Final = Schema(api.MEMBER, formats=True)
_ADD_SUPPRESSION_REQUEST: Final = Schema(api.ADD_SUPPRESSION_REQUEST, formats=True)
_SUPPRESSION: Final = Schema(api.SUPPRESSION, formats=True)
_MESSAGE_DETAIL: Final = Schema(api.MESSAGE_DETAIL, formats=True)
_WORKFLOW_RUN: Final = Schema(api.WORKFLOW_RUN, formats=True)


def is_named(source: object) -> TypeGuard[str]:
    """Whether ``source`` names a seed of ``NAMED_SEEDS`` (a str: a Path is always a file's path)."""
    return isinstance(source, str) and source in NAMED_SEEDS


def load_seed(source: str | Path) -> Seed:
    """Read and check a seed: a name from ``NAMED_SEEDS`` (``"docs"``) or the path of a YAML/JSON file."""
    if is_named(source):
        text = resources.files(__package__).joinpath("seeds", NAMED_SEEDS[source]).read_text(encoding="utf-8")
        return _Reader(source).seed(_parse(text, json_=False, source=source))
    path = Path(source)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        close = difflib.get_close_matches(str(source), NAMED_SEEDS, n=1)
        hint = f"; did you mean the named seed {close[0]!r}?" if close and not path.suffix else ""
        named = ", ".join(repr(name) for name in NAMED_SEEDS)
        raise SeedError(
            f"{source}: cannot read the seed file ({exc.strerror or exc}), "
            f"and no named seed ({named}) is called so{hint}"
        ) from None
    return _Reader(str(source)).seed(_parse(text, json_=path.suffix.lower() == ".json", source=str(source)))


def _parse(text: str, *, json_: bool, source: str) -> Any:
    if json_:
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise SeedError(f"{source}: not valid JSON ({exc})") from None
    import yaml

    class Loader(yaml.SafeLoader):
        """YAML without implicit timestamps: a timestamp keeps the text the file gives."""

    Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    try:
        return yaml.load(text, Loader=Loader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as exc:
        raise SeedError(f"{source}: not valid YAML ({exc})") from None


class _Reader:
    """Reads one seed document; every problem is a SeedError naming ``source`` and the record's path."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.loaded_at = stamp(datetime.now(UTC))  # the timestamp of whatever the file leaves out

    def fail(self, path: str, problem: str) -> NoReturn:
        raise SeedError(f"{self.source}: {path}: {problem}")

    def record(self, value: Any, path: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()) -> JsonObject:
        if not isinstance(value, dict):
            self.fail(path, "must be a mapping")
        for key in value:
            if key not in allowed:
                self.fail(f"{path}.{key}", f"is not a seed field here (known: {', '.join(allowed)})")
        for key in required:
            if value.get(key) is None:
                self.fail(f"{path}.{key}", "is required")
        return value

    def items(self, value: Any, path: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(path, "must be a list")
        return value

    def conforms(self, schema: Schema, value: Any, path: str) -> None:
        """``value`` (the record at ``path``) is valid for ``schema``."""
        try:
            schema.check(value, path)
        except Invalid as exc:
            raise SeedError(f"{self.source}: {exc}") from None

    # ------------------------------------------------------------ the document

    def seed(self, document: Any) -> Seed:
        if document is None:
            document = {}
        top = self.record(document, "seed", _SECTIONS)
        categories = self.categories(top.get("categories"))
        members = [self.member(raw, f"members[{n}]") for n, raw in enumerate(self.items(top.get("members"), "members"))]
        self.unique_all([m.external_id for m in members], "externalUserId", "members")
        self.unique_all([m.member_id for m in members], "memberId", "members")
        by_external = {m.external_id: m for m in members}
        by_category = {c["id"]: c for c in categories}

        suppressions = [
            self.suppression(raw, f"suppressions[{n}]", by_external, by_category)
            for n, raw in enumerate(self.items(top.get("suppressions"), "suppressions"))
        ]
        messages = [
            self.message(raw, f"messages[{n}]", n, by_external, by_category, categories[0])
            for n, raw in enumerate(self.items(top.get("messages"), "messages"))
        ]
        runs = [
            self.run(raw, f"workflowRuns[{n}]", n, by_external)
            for n, raw in enumerate(self.items(top.get("workflowRuns"), "workflowRuns"))
        ]
        self.unique_all([s.doc["id"] for s in suppressions], "id", "suppressions")
        scopes: set[tuple[str, str, str | None]] = set()  # one suppression per identity and category, as in the API
        for n, suppression in enumerate(suppressions):
            category = suppression.doc["category"]
            scope = (suppression.member_id, identity_key(suppression.doc["identity"]), category and category["id"])
            if scope in scopes:
                where = f"category {category['id']}" if category else "all categories"
                self.fail(f"suppressions[{n}].identity", f"a second suppression of this identity for {where}")
            scopes.add(scope)
        self.unique_all([m.stored["message"]["id"] for m in messages], "id", "messages")
        self.unique_all([r["id"] for r in runs], "id", "workflowRuns")
        return Seed(
            source=self.source,
            categories=tuple(categories),
            members=tuple(members),
            # Inserted oldest first: the store lists suppressions oldest first and messages newest first.
            suppressions=tuple(sorted(suppressions, key=lambda s: parse_stamp(s.doc["createdAt"]))),
            messages=tuple(sorted(messages, key=lambda m: parse_stamp(m.stored["message"]["createdAt"]))),
            runs=tuple(runs),
        )

    def unique_all(self, values: list[str], key: str, section: str) -> None:
        seen: set[str] = set()
        for n, value in enumerate(values):
            if value in seen:
                self.fail(f"{section}[{n}].{key}", f"{value} appears twice in the seed")
            seen.add(value)

    def categories(self, raw: Any) -> list[JsonObject]:
        if raw is None:
            return [dict(c) for c in BUILT_IN_CATEGORIES]
        entries = self.items(raw, "categories")
        if not entries:
            self.fail("categories", "must list at least one category (the first is the default)")
        categories = []
        for n, entry in enumerate(entries):
            path = f"categories[{n}]"
            category = self.record(entry, path, ("id", "name"), ("id", "name"))
            self.conforms(_RESOURCE_ID, category["id"], f"{path}.id")
            self.conforms(_CATEGORY, category, path)
            categories.append({"id": category["id"], "name": category["name"]})
        self.unique_all([c["id"] for c in categories], "id", "categories")
        return categories

    def member(self, raw: Any, path: str) -> SeedMember:
        fields = ("externalUserId", "memberId", "displayName", "attributes", "identities")
        times = ("created", "updated", "deleted", "lastSeen")
        given = self.record(raw, path, fields + times, ("externalUserId",))
        external_id = given["externalUserId"]
        identities = []
        for n, entry in enumerate(self.items(given.get("identities"), f"{path}.identities")):
            identity = self.record(
                entry, f"{path}.identities[{n}]", ("id", "type", "value", "verified", "metadata"), ("type", "value")
            )
            identities.append(
                {
                    "id": identity.get("id") or derived_id("aid", external_id, identity["type"], identity["value"]),
                    "type": identity["type"],
                    "value": identity["value"],
                    "verified": identity.get("verified", False),
                    "metadata": identity.get("metadata"),
                }
            )
        # What identify would accept for this profile (the id's pattern, identity types, lengths, ...).
        request = {
            key: given[key] for key in ("externalUserId", "displayName", "attributes") if given.get(key) is not None
        }
        request["identities"] = [{k: i[k] for k in ("type", "value", "verified")} for i in identities]
        self.conforms(_IDENTIFY_REQUEST, request, path)
        member_id = given.get("memberId") or derived_id("mem", external_id)
        self.conforms(_RESOURCE_ID, member_id, f"{path}.memberId")
        created = given.get("created") or self.loaded_at
        doc = {
            "displayName": given.get("displayName"),
            "attributes": given.get("attributes") or {},
            "identities": identities,
            "created": created,
            "updated": given.get("updated") or created,
            "deleted": given.get("deleted"),
            "lastSeen": given.get("lastSeen"),
        }
        self.conforms(_MEMBER, member_view(external_id, doc), path)
        return SeedMember(member_id, external_id, doc)

    def owner(self, given: JsonObject, path: str, members: dict[str, SeedMember]) -> SeedMember:
        member = members.get(given["externalUserId"])
        if member is None:
            self.fail(f"{path}.externalUserId", f"no member {given['externalUserId']} in the seed's members")
        return member

    def category(self, category_id: Any, path: str, categories: dict[str, JsonObject]) -> JsonObject:
        if category_id not in categories:
            self.fail(path, f"category {category_id} is not in the seed (known: {', '.join(categories)})")
        return categories[category_id]

    def suppression(
        self, raw: Any, path: str, members: dict[str, SeedMember], categories: dict[str, JsonObject]
    ) -> SeedSuppression:
        keys = ("id", "externalUserId", "identity", "categoryId", "reason", "createdAt", "updatedAt")
        given = self.record(raw, path, keys, ("externalUserId", "identity"))
        member = self.owner(given, path, members)
        wanted = self.record(given["identity"], f"{path}.identity", ("type", "value"), ("type", "value"))
        request = {"identity": wanted} | ({"categoryId": given["categoryId"]} if given.get("categoryId") else {})
        self.conforms(_ADD_SUPPRESSION_REQUEST, request, path)
        same = [i for i in member.doc["identities"] if identity_key(i) == identity_key(wanted)]
        if not same:
            self.fail(
                f"{path}.identity", f"member {member.external_id} has no {wanted['type']} identity {wanted['value']}"
            )
        category_id = given.get("categoryId")
        category = self.category(category_id, f"{path}.categoryId", categories) if category_id else None
        created = given.get("createdAt") or self.loaded_at
        scope = category_id or ""
        doc = {
            "id": given.get("id") or derived_id("sup", member.external_id, wanted["type"], wanted["value"], scope),
            "reason": given.get("reason", "opt-out"),
            "createdAt": created,
            "updatedAt": given.get("updatedAt") or created,
            "identity": dict(same[0]),
            "category": dict(category) if category else None,
        }
        self.conforms(_RESOURCE_ID, doc["id"], f"{path}.id")
        self.conforms(_SUPPRESSION, doc, path)
        return SeedSuppression(member.member_id, doc)

    def message(
        self,
        raw: Any,
        path: str,
        position: int,
        members: dict[str, SeedMember],
        categories: dict[str, JsonObject],
        default_category: JsonObject,
    ) -> SeedMessage:
        given = self.record(raw, path, _MESSAGE_KEYS, ("externalUserId",))
        member = self.owner(given, path, members)
        category_id = given.get("categoryId")
        category = self.category(category_id, f"{path}.categoryId", categories) if category_id else default_category
        message_id = given.get("id") or derived_id("msg", self.source, str(position))
        self.conforms(_RESOURCE_ID, message_id, f"{path}.id")
        created = given.get("createdAt") or self.loaded_at
        message = {
            "id": message_id,
            "memberId": member.member_id,
            "categoryId": category["id"],
            "source": given.get("source", "sdk"),
            "templateId": given.get("templateId"),
            "templateVersionId": given.get("templateVersionId"),
            "payload": given.get("payload", {}),
            "dispatchStatus": given.get("dispatchStatus", "dispatched"),
            "scheduledFor": given.get("scheduledFor"),
            "createdAt": created,
        }
        notification = None
        if given.get("notification") is not None:
            raw_notification = self.record(given["notification"], f"{path}.notification", _NOTIFICATION, ("title",))
            notification = {key: raw_notification.get(key) for key in _NOTIFICATION}
            notification["id"] = notification["id"] or derived_id("not", message_id)
        delivery = None
        if given.get("delivery") is not None:
            raw_delivery = self.record(given["delivery"], f"{path}.delivery", _DELIVERY, ("status",))
            delivery = {
                "id": raw_delivery.get("id") or derived_id("dlv", message_id),
                "channel": raw_delivery.get("channel", "email"),
                "status": raw_delivery["status"],
                "to": raw_delivery["to"] if "to" in raw_delivery else first_email(member.doc["identities"]),
                "createdAt": raw_delivery.get("createdAt") or created,
            }
        recipient = {"id": member.member_id, "externalUserId": member.external_id, "displayName": None, "email": None}
        detail = {"message": message, "delivery": delivery, "notification": notification, "recipient": recipient}
        self.conforms(_MESSAGE_DETAIL, detail, path)
        stored = {"message": message, "delivery": delivery, "notification": notification, "category": dict(category)}
        return SeedMessage(member.member_id, stored)

    def run(self, raw: Any, path: str, position: int, members: dict[str, SeedMember]) -> JsonObject:
        keys = (
            "id",
            "workflowKey",
            "workflowId",
            "workflowVersionId",
            "externalUserId",
            "status",
            "createdAt",
            "startedAt",
            "finishedAt",
            "context",
        )
        given = self.record(raw, path, keys, ("workflowKey", "externalUserId"))
        member = self.owner(given, path, members)
        key = given["workflowKey"]
        self.conforms(_WORKFLOW_KEY, key, f"{path}.workflowKey")
        workflow_id, version_id = workflow_ids(key)
        run = {
            "id": given.get("id") or derived_id("wr", self.source, str(position)),
            "workflowVersionId": given.get("workflowVersionId") or version_id,
            "workflowId": given.get("workflowId") or workflow_id,
            "workflowKey": key,
            "status": given.get("status", "queued"),
            "memberId": member.member_id,
            "memberExternalUserId": member.external_id,
            "createdAt": given.get("createdAt") or self.loaded_at,
            "startedAt": given.get("startedAt"),
            "finishedAt": given.get("finishedAt"),
            "context": given.get("context", {}),
        }
        self.conforms(_RESOURCE_ID, run["id"], f"{path}.id")
        self.conforms(_WORKFLOW_RUN, run, path)
        return run
