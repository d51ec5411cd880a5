"""SQLite persistence: one connection, explicit transactions, JSON documents per row.

Rows keep their payload as ASCII JSON (``doc``) next to the few columns that are looked up.
Writes run in ``BEGIN IMMEDIATE`` transactions, so concurrent writers (threads of one server or
several servers sharing one ``--db`` file) are serialised by SQLite itself; the ``UNIQUE``
constraint on ``external_id`` makes "one member per externalUserId" hold regardless.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Final

from ._util import derived_id, dumps, loads, new_id, now

JsonObject = dict[str, Any]

DEFAULT_CATEGORY_ID: Final = "cat_product"
# The default category is "Product", as in the docs' examples; "Billing" is there to scope suppressions to.
_SEED_CATEGORIES: Final = ((DEFAULT_CATEGORY_ID, "Product"), ("cat_billing", "Billing"))

_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS members (
    id TEXT PRIMARY KEY,
    external_id TEXT NOT NULL UNIQUE,
    doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS categories (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS suppressions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    member_id TEXT NOT NULL,
    identity_key TEXT NOT NULL,
    category_id TEXT NOT NULL,
    doc TEXT NOT NULL,
    UNIQUE (member_id, identity_key, category_id)
);
CREATE TABLE IF NOT EXISTS messages (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    member_id TEXT NOT NULL,
    doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_by_member ON messages (member_id, seq);
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL
);
"""


class NotFoundError(Exception):
    """A resource the request names does not exist; ``str(err)`` is the error message."""


def _identity_key(identity_type: str, value: str) -> str:
    # Emails match case-insensitively; JSON keeps the key ASCII whatever the value holds.
    return dumps([identity_type, value.lower() if identity_type == "email" else value])


def _first_email(identities: list[JsonObject]) -> str | None:
    for identity in identities:
        if identity["type"] == "email":
            return str(identity["value"])
    return None


class Store:
    """The sandbox's state. Thread-safe; every public method is one SQLite transaction."""

    def __init__(self, db_path: str | None = None) -> None:
        self._lock = threading.Lock()
        self._db = sqlite3.connect(db_path or ":memory:", isolation_level=None, check_same_thread=False, timeout=30)
        if db_path:
            self._db.execute("PRAGMA journal_mode=WAL")
        # FULL: a write acknowledged to the client survives a crash of the process or the machine.
        self._db.execute("PRAGMA synchronous=FULL")
        with self._transaction(write=True) as db:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.executemany("INSERT OR IGNORE INTO categories (id, name) VALUES (?, ?)", _SEED_CATEGORIES)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _transaction(self, *, write: bool) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # ------------------------------------------------------------ members

    @staticmethod
    def _member_row(db: sqlite3.Connection, external_id: str) -> tuple[str, JsonObject] | None:
        row = db.execute("SELECT id, doc FROM members WHERE external_id = ?", (external_id,)).fetchone()
        if row is None:
            return None
        return str(row[0]), loads(row[1])

    def _active_member(self, db: sqlite3.Connection, external_id: str) -> tuple[str, JsonObject]:
        row = self._member_row(db, external_id)
        if row is None or row[1]["deleted"] is not None:
            raise NotFoundError("member not found")
        return row

    @staticmethod
    def _save_member(db: sqlite3.Connection, member_id: str, doc: JsonObject) -> None:
        db.execute("UPDATE members SET doc = ? WHERE id = ?", (dumps(doc), member_id))

    @staticmethod
    def _apply_profile(doc: JsonObject, fields: JsonObject) -> None:
        if "displayName" in fields:
            doc["displayName"] = fields["displayName"]
        if "attributes" in fields:
            doc["attributes"] = fields["attributes"]
        if "identities" in fields:
            known = {_identity_key(i["type"], i["value"]): i["id"] for i in doc["identities"]}
            doc["identities"] = [
                {
                    "id": known.get(_identity_key(given["type"], given["value"])) or new_id("aid"),
                    "type": given["type"],
                    "value": given["value"],
                    "verified": given.get("verified", False),
                    "metadata": None,
                }
                for given in fields["identities"]
            ]

    @staticmethod
    def _fresh_profile(stamp: str) -> JsonObject:
        return {
            "displayName": None,
            "attributes": {},
            "identities": [],
            "created": stamp,
            "updated": stamp,
            "deleted": None,
            "lastSeen": None,
        }

    def identify(self, external_id: str, fields: JsonObject) -> JsonObject:
        """Upsert by externalUserId; a deleted member is revived with a fresh profile."""
        stamp = now()
        with self._transaction(write=True) as db:
            row = self._member_row(db, external_id)
            if row is None:
                member_id, doc = new_id("mem"), self._fresh_profile(stamp)
                self._apply_profile(doc, fields)
                db.execute(
                    "INSERT INTO members (id, external_id, doc) VALUES (?, ?, ?)", (member_id, external_id, dumps(doc))
                )
                return member_view(external_id, doc)
            member_id, doc = row
            if doc["deleted"] is not None:
                doc = {**self._fresh_profile(stamp), "created": doc["created"]}
            self._apply_profile(doc, fields)
            doc["updated"] = stamp
            self._save_member(db, member_id, doc)
            return member_view(external_id, doc)

    def find_member(self, external_id: str) -> JsonObject | None:
        with self._transaction(write=False) as db:
            row = self._member_row(db, external_id)
        if row is None or row[1]["deleted"] is not None:
            return None
        return member_view(external_id, row[1])

    def update_member(self, external_id: str, fields: JsonObject) -> JsonObject | None:
        with self._transaction(write=True) as db:
            row = self._member_row(db, external_id)
            if row is None or row[1]["deleted"] is not None:
                return None
            member_id, doc = row
            self._apply_profile(doc, fields)
            doc["updated"] = now()
            self._save_member(db, member_id, doc)
            return member_view(external_id, doc)

    def delete_member(self, external_id: str) -> str | None:
        with self._transaction(write=True) as db:
            row = self._member_row(db, external_id)
            if row is None or row[1]["deleted"] is not None:
                return None
            member_id, doc = row
            doc["deleted"] = doc["updated"] = now()
            self._save_member(db, member_id, doc)
            return external_id

    # ------------------------------------------------------------ suppressions

    @staticmethod
    def _category(db: sqlite3.Connection, category_id: str | None) -> JsonObject:
        row = db.execute(
            "SELECT id, name FROM categories WHERE id = ?", (category_id or DEFAULT_CATEGORY_ID,)
        ).fetchone()
        if row is None:
            raise NotFoundError("categoryId: category not found")
        return {"id": row[0], "name": row[1]}

    def list_suppressions(self, external_id: str) -> list[JsonObject]:
        with self._transaction(write=False) as db:
            member_id, _ = self._active_member(db, external_id)
            rows = db.execute("SELECT doc FROM suppressions WHERE member_id = ? ORDER BY seq", (member_id,))
            return [loads(doc) for (doc,) in rows]

    def add_suppression(self, external_id: str, identity_type: str, value: str, category_id: str | None) -> JsonObject:
        with self._transaction(write=True) as db:
            member_id, doc = self._active_member(db, external_id)
            category = self._category(db, category_id) if category_id is not None else None
            key = _identity_key(identity_type, value)
            identity = next((i for i in doc["identities"] if _identity_key(i["type"], i["value"]) == key), None)
            if identity is None:
                identity = {
                    "id": new_id("aid"),
                    "type": identity_type,
                    "value": value,
                    "verified": False,
                    "metadata": None,
                }
                doc["identities"].append(identity)
                doc["updated"] = now()
                self._save_member(db, member_id, doc)
            scope = category["id"] if category else ""
            existing = db.execute(
                "SELECT doc FROM suppressions WHERE member_id = ? AND identity_key = ? AND category_id = ?",
                (member_id, key, scope),
            ).fetchone()
            if existing is not None:
                return loads(existing[0])  # type: ignore[no-any-return]
            stamp = now()
            suppression = {
                "id": new_id("sup"),
                "reason": "opt-out",
                "createdAt": stamp,
                "updatedAt": stamp,
                "identity": dict(identity),
                "category": category,
            }
            db.execute(
                "INSERT INTO suppressions (id, member_id, identity_key, category_id, doc) VALUES (?, ?, ?, ?, ?)",
                (suppression["id"], member_id, key, scope, dumps(suppression)),
            )
            return suppression

    def remove_suppression(self, external_id: str, suppression_id: str) -> None:
        with self._transaction(write=True) as db:
            member_id, _ = self._active_member(db, external_id)
            cursor = db.execute("DELETE FROM suppressions WHERE id = ? AND member_id = ?", (suppression_id, member_id))
            if cursor.rowcount == 0:
                raise NotFoundError("suppression not found")

    @staticmethod
    def _is_suppressed(db: sqlite3.Connection, member_id: str, address: str, category_id: str) -> bool:
        row = db.execute(
            "SELECT 1 FROM suppressions WHERE member_id = ? AND identity_key = ? AND category_id IN ('', ?)",
            (member_id, _identity_key("email", address), category_id),
        ).fetchone()
        return row is not None

    # ------------------------------------------------------------ messages

    def send_message(self, external_id: str, category_id: str | None, content: JsonObject) -> JsonObject:
        with self._transaction(write=True) as db:
            member_id, doc = self._active_member(db, external_id)
            category = self._category(db, category_id)
            stamp = now()
            notification: JsonObject | None = None
            delivery: JsonObject | None = None
            template_id = content.get("templateId")
            template_version_id = content.get("templateVersionId")
            payload: JsonObject = dict(content.get("variables") or {})
            in_app = content.get("in_app")
            if in_app is not None:
                payload.update(in_app.get("variables") or {})
                if "templateId" in in_app:
                    template_id, template_version_id = in_app["templateId"], in_app.get("templateVersionId")
                notification = {
                    "id": new_id("not"),
                    "title": in_app.get("title", in_app.get("templateId")),
                    "snippet": in_app.get("snippet"),
                    "body": in_app.get("body"),
                    "actions": in_app.get("actions"),
                    "readAt": None,
                    "archivedAt": None,
                }
            email = content.get("email")
            if email is not None:
                payload.update(email.get("variables") or {})
                address = _first_email(doc["identities"])
                if address is None:
                    status = "failed"
                elif self._is_suppressed(db, member_id, address, category["id"]):
                    status = "suppressed"
                else:
                    status = "queued"
                delivery = {
                    "id": new_id("dlv"),
                    "channel": "email",
                    "status": status,
                    "to": address,
                    "createdAt": stamp,
                }
            message = {
                "id": new_id("msg"),
                "memberId": member_id,
                "categoryId": category["id"],
                "source": "sdk",
                "templateId": template_id,
                "templateVersionId": template_version_id,
                "payload": payload,
                "dispatchStatus": "dispatched",
                "scheduledFor": None,
                "createdAt": stamp,
            }
            stored = {"message": message, "delivery": delivery, "notification": notification, "category": category}
            db.execute(
                "INSERT INTO messages (id, member_id, doc) VALUES (?, ?, ?)", (message["id"], member_id, dumps(stored))
            )
            return {
                "message": message,
                "delivery": delivery,
                "notification": notification,
                "audienceMember": {"id": member_id},
            }

    @staticmethod
    def _recipient(db: sqlite3.Connection, member_id: str) -> JsonObject:
        external_id, doc_text = db.execute("SELECT external_id, doc FROM members WHERE id = ?", (member_id,)).fetchone()
        doc = loads(doc_text)
        return {
            "id": member_id,
            "externalUserId": external_id,
            "displayName": doc["displayName"],
            "email": _first_email(doc["identities"]),
        }

    def get_message(self, message_id: str) -> JsonObject:
        with self._transaction(write=False) as db:
            row = db.execute("SELECT member_id, doc FROM messages WHERE id = ?", (message_id,)).fetchone()
            if row is None:
                raise NotFoundError("message not found")
            stored = loads(row[1])
            return {
                "message": stored["message"],
                "delivery": stored["delivery"],
                "notification": stored["notification"],
                "recipient": self._recipient(db, row[0]),
            }

    def list_messages(self, external_id: str, limit: int, offset: int) -> tuple[list[JsonObject], int]:
        """One page of the member's messages, newest first, and how many there are in all."""
        with self._transaction(write=False) as db:
            member_id, _ = self._active_member(db, external_id)
            recipient = self._recipient(db, member_id)
            (total,) = db.execute("SELECT COUNT(*) FROM messages WHERE member_id = ?", (member_id,)).fetchone()
            rows = db.execute(
                "SELECT doc FROM messages WHERE member_id = ? ORDER BY seq DESC LIMIT ? OFFSET ?",
                (member_id, limit, offset),
            ).fetchall()
        items = []
        for (doc_text,) in rows:
            stored = loads(doc_text)
            message, notification = stored["message"], stored["notification"]
            summary = {key: message[key] for key in _SUMMARY_KEYS}
            summary["snippet"] = notification["snippet"] if notification else None
            items.append(
                {
                    "message": summary,
                    "delivery": stored["delivery"],
                    "recipient": recipient,
                    "category": stored["category"],
                }
            )
        return items, total

    # ------------------------------------------------------------ workflows

    def run_workflow(self, key: str, external_id: str, context: JsonObject, api_key_id: str) -> JsonObject:
        with self._transaction(write=True) as db:
            member_id, _ = self._active_member(db, external_id)
            run = {
                "id": new_id("wr"),
                "workflowVersionId": derived_id("wv", key, "1"),
                "workflowId": derived_id("wf", key),
                "workflowKey": key,
                "status": "queued",
                "memberId": member_id,
                "memberExternalUserId": external_id,
                "createdAt": now(),
                "startedAt": None,
                "finishedAt": None,
                "context": {**context, "apiKeyId": api_key_id},
            }
            db.execute("INSERT INTO runs (id, doc) VALUES (?, ?)", (run["id"], dumps(run)))
            return {"runId": run["id"], "status": run["status"]}

    def get_run(self, run_id: str) -> JsonObject:
        with self._transaction(write=False) as db:
            row = db.execute("SELECT doc FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise NotFoundError("workflow run not found")
        return loads(row[0])  # type: ignore[no-any-return]


_SUMMARY_KEYS: Final = ("id", "memberId", "categoryId", "source", "dispatchStatus", "scheduledFor", "createdAt")


def member_view(external_id: str, doc: JsonObject) -> JsonObject:
    """A member as audience endpoints return it (``id`` is the externalUserId)."""
    identities = doc["identities"]
    return {
        "id": external_id,
        "email": _first_email(identities),
        "displayName": doc["displayName"],
        "identities": [{"type": i["type"], "value": i["value"], "verified": i["verified"]} for i in identities],
        "attributes": doc["attributes"],
        "created": doc["created"],
        "updated": doc["updated"],
        "deleted": doc["deleted"],
        "lastSeen": doc["lastSeen"],
    }
