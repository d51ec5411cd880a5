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
from datetime import datetime, timedelta
from typing import Final

from ._records import (
    BUILT_IN_CATEGORIES,
    TIMELINE,
    JsonObject,
    Seed,
    SeedError,
    as_created,
    as_of,
    first_email,
    identity_key,
    member_view,
)
from ._util import Clock, dumps, loads, new_id, stamp, workflow_ids

_TABLES: Final = ("members", "categories", "suppressions", "messages", "runs")

# How long a workflow run or an email delivery stays in each state (queued, running/sent, ...).
DEFAULT_STEP_SECONDS: Final = 0.2

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


class Store:
    """The sandbox's state. Thread-safe; every public method is one SQLite transaction.

    A new database starts with the records of ``seed`` (a loaded ``Seed``: see ``load_seed``), or with
    the built-in categories alone. Runs and email deliveries made through the API move on one state
    every ``step_seconds`` of ``clock`` time.
    """

    def __init__(
        self,
        db_path: str | None = None,
        *,
        seed: Seed | None = None,
        step_seconds: float = DEFAULT_STEP_SECONDS,
        clock: Clock | None = None,
    ) -> None:
        if step_seconds < 0:
            raise ValueError("step_seconds must not be negative")
        self.clock = clock or Clock()
        self._step = timedelta(seconds=step_seconds)
        self._seed = seed
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
            new = db.execute("SELECT 1 FROM categories LIMIT 1").fetchone() is None
            if new:
                self._load(db)
        if not new and seed is not None:
            self._db.close()
            raise SeedError(
                f"{db_path} already holds state and a seed goes into a new database only "
                "(delete the file to seed it again, or leave out the seed to keep its state)"
            )

    def _load(self, db: sqlite3.Connection) -> None:
        """The initial state of a new (or reset) database: the seed's records, or the built-in categories."""
        seed = self._seed
        categories = seed.categories if seed is not None else BUILT_IN_CATEGORIES
        db.executemany("INSERT INTO categories (id, name) VALUES (?, ?)", [(c["id"], c["name"]) for c in categories])
        if seed is None:
            return
        db.executemany(
            "INSERT INTO members (id, external_id, doc) VALUES (?, ?, ?)",
            [(m.member_id, m.external_id, dumps(m.doc)) for m in seed.members],
        )
        db.executemany(
            "INSERT INTO suppressions (id, member_id, identity_key, category_id, doc) VALUES (?, ?, ?, ?, ?)",
            [
                (
                    s.doc["id"],
                    s.member_id,
                    identity_key(s.doc["identity"]),
                    s.doc["category"]["id"] if s.doc["category"] else "",
                    dumps(s.doc),
                )
                for s in seed.suppressions
            ],
        )
        db.executemany(
            "INSERT INTO messages (id, member_id, doc) VALUES (?, ?, ?)",
            [(m.stored["message"]["id"], m.member_id, dumps(m.stored)) for m in seed.messages],
        )
        db.executemany("INSERT INTO runs (id, doc) VALUES (?, ?)", [(r["id"], dumps(r)) for r in seed.runs])

    def reset(self) -> None:
        """Back to the initial state: the seed's records (or the built-in categories), nothing else."""
        with self._transaction(write=True) as db:
            for table in _TABLES:
                db.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed table names)
            self._load(db)

    def _now(self) -> str:
        return stamp(self.clock.now())

    def _step_times(self, start: datetime, count: int) -> list[str]:
        """The times of the ``count`` lifecycle steps after ``start``, one step apart."""
        return [stamp(start + n * self._step) for n in range(1, count + 1)]

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

    def _save_profile(
        self, db: sqlite3.Connection, member_id: str, stored: JsonObject, doc: JsonObject, now: str
    ) -> JsonObject:
        """Save ``doc`` over ``stored`` and return it as saved: ``updated`` moves only when something changed."""
        if doc == stored:
            return stored
        doc = {**doc, "updated": now}
        self._save_member(db, member_id, doc)
        return doc

    @staticmethod
    def _with_profile(doc: JsonObject, fields: JsonObject) -> JsonObject:
        """``doc`` with the given profile fields; an identity the member has keeps its id and metadata."""
        doc = dict(doc)
        if "displayName" in fields:
            doc["displayName"] = fields["displayName"]
        if "attributes" in fields:
            doc["attributes"] = fields["attributes"]
        if "identities" in fields:
            known = {identity_key(i): i for i in doc["identities"]}
            identities = []
            for given in fields["identities"]:
                same = known.get(identity_key(given))
                identities.append(
                    {
                        "id": same["id"] if same else new_id("aid"),
                        "type": given["type"],
                        "value": given["value"],
                        "verified": given.get("verified", False),
                        "metadata": same["metadata"] if same else None,
                    }
                )
            doc["identities"] = identities
        return doc

    @staticmethod
    def _fresh_profile(now: str) -> JsonObject:
        return {
            "displayName": None,
            "attributes": {},
            "identities": [],
            "created": now,
            "updated": now,
            "deleted": None,
            "lastSeen": None,
        }

    def identify(self, external_id: str, fields: JsonObject) -> JsonObject:
        """Upsert by externalUserId; a deleted member is revived with a fresh profile."""
        now = self._now()
        with self._transaction(write=True) as db:
            row = self._member_row(db, external_id)
            if row is None:
                member_id, doc = new_id("mem"), self._with_profile(self._fresh_profile(now), fields)
                db.execute(
                    "INSERT INTO members (id, external_id, doc) VALUES (?, ?, ?)", (member_id, external_id, dumps(doc))
                )
                return member_view(external_id, doc)
            member_id, stored = row
            doc = stored if stored["deleted"] is None else {**self._fresh_profile(now), "created": stored["created"]}
            return member_view(
                external_id, self._save_profile(db, member_id, stored, self._with_profile(doc, fields), now)
            )

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
            member_id, stored = row
            return member_view(
                external_id, self._save_profile(db, member_id, stored, self._with_profile(stored, fields), self._now())
            )

    def delete_member(self, external_id: str) -> str | None:
        with self._transaction(write=True) as db:
            row = self._member_row(db, external_id)
            if row is None or row[1]["deleted"] is not None:
                return None
            member_id, doc = row
            doc["deleted"] = doc["updated"] = self._now()
            self._save_member(db, member_id, doc)
            return external_id

    # ------------------------------------------------------------ suppressions

    @staticmethod
    def _category(db: sqlite3.Connection, category_id: str | None) -> JsonObject:
        """The category named, or the default one (the first) for None; 404 naming the known ones."""
        if category_id is None:
            row = db.execute("SELECT id, name FROM categories ORDER BY rowid LIMIT 1").fetchone()
        else:
            row = db.execute("SELECT id, name FROM categories WHERE id = ?", (category_id,)).fetchone()
        if row is None:
            known = ", ".join(known_id for (known_id,) in db.execute("SELECT id FROM categories ORDER BY rowid"))
            raise NotFoundError(f"categoryId: category {category_id} not found (known: {known})")
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
            key = identity_key({"type": identity_type, "value": value})
            identity = next((i for i in doc["identities"] if identity_key(i) == key), None)
            if identity is None:
                identity = {
                    "id": new_id("aid"),
                    "type": identity_type,
                    "value": value,
                    "verified": False,
                    "metadata": None,
                }
                doc["identities"].append(identity)
                doc["updated"] = self._now()
                self._save_member(db, member_id, doc)
            scope = category["id"] if category else ""
            existing = db.execute(
                "SELECT doc FROM suppressions WHERE member_id = ? AND identity_key = ? AND category_id = ?",
                (member_id, key, scope),
            ).fetchone()
            if existing is not None:
                return loads(existing[0])  # type: ignore[no-any-return]
            now = self._now()
            suppression = {
                "id": new_id("sup"),
                "reason": "opt-out",
                "createdAt": now,
                "updatedAt": now,
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
            (member_id, identity_key({"type": "email", "value": address}), category_id),
        ).fetchone()
        return row is not None

    # ------------------------------------------------------------ messages

    def send_message(self, external_id: str, category_id: str | None, content: JsonObject) -> JsonObject:
        """Store a message; its records as created: ``message``, ``delivery`` and ``notification``."""
        with self._transaction(write=True) as db:
            member_id, doc = self._active_member(db, external_id)
            category = self._category(db, category_id)
            moment = self.clock.now()
            created = stamp(moment)
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
                address = first_email(doc["identities"])
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
                    "createdAt": created,
                }
                if status == "queued":  # then sent, then delivered, one step apart
                    sent, delivered = self._step_times(moment, 2)
                    delivery[TIMELINE] = [[sent, {"status": "sent"}], [delivered, {"status": "delivered"}]]
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
                "createdAt": created,
            }
            stored = {"message": message, "delivery": delivery, "notification": notification, "category": category}
            db.execute(
                "INSERT INTO messages (id, member_id, doc) VALUES (?, ?, ?)", (message["id"], member_id, dumps(stored))
            )
            return {
                "message": message,
                "delivery": as_created(delivery) if delivery else None,
                "notification": notification,
            }

    @staticmethod
    def _recipient(db: sqlite3.Connection, member_id: str) -> JsonObject:
        external_id, doc_text = db.execute("SELECT external_id, doc FROM members WHERE id = ?", (member_id,)).fetchone()
        doc = loads(doc_text)
        return {
            "id": member_id,
            "externalUserId": external_id,
            "displayName": doc["displayName"],
            "email": first_email(doc["identities"]),
        }

    def get_message(self, message_id: str) -> JsonObject:
        with self._transaction(write=False) as db:
            row = db.execute("SELECT member_id, doc FROM messages WHERE id = ?", (message_id,)).fetchone()
            if row is None:
                raise NotFoundError("message not found")
            stored = loads(row[1])
            return {
                "message": stored["message"],
                "delivery": as_of(stored["delivery"], self.clock.now()),
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
        now = self.clock.now()
        for (doc_text,) in rows:
            stored = loads(doc_text)
            message, notification = stored["message"], stored["notification"]
            summary = {key: message[key] for key in _SUMMARY_KEYS}
            summary["snippet"] = notification["snippet"] if notification else None
            items.append(
                {
                    "message": summary,
                    "delivery": as_of(stored["delivery"], now),
                    "recipient": recipient,
                    "category": stored["category"],
                }
            )
        return items, total

    # ------------------------------------------------------------ workflows

    def run_workflow(self, key: str, external_id: str, context: JsonObject, api_key_id: str) -> JsonObject:
        """Queue a run (returned as created); it starts one step later and finishes one step after that:
        ``completed``, or ``failed`` when its context holds ``"sandbox": {"fail": true}``."""
        moment = self.clock.now()
        started, finished = self._step_times(moment, 2)
        directive = context.get("sandbox")
        outcome = "failed" if isinstance(directive, dict) and directive.get("fail") is True else "completed"
        workflow_id, version_id = workflow_ids(key)
        with self._transaction(write=True) as db:
            member_id, _ = self._active_member(db, external_id)
            run = {
                "id": new_id("wr"),
                "workflowVersionId": version_id,
                "workflowId": workflow_id,
                "workflowKey": key,
                "status": "queued",
                "memberId": member_id,
                "memberExternalUserId": external_id,
                "createdAt": stamp(moment),
                "startedAt": None,
                "finishedAt": None,
                "context": {**context, "apiKeyId": api_key_id},
                TIMELINE: [
                    [started, {"status": "running", "startedAt": started}],
                    [finished, {"status": outcome, "finishedAt": finished}],
                ],
            }
            db.execute("INSERT INTO runs (id, doc) VALUES (?, ?)", (run["id"], dumps(run)))
            return as_created(run)

    def get_run(self, run_id: str) -> JsonObject:
        with self._transaction(write=False) as db:
            row = db.execute("SELECT doc FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise NotFoundError("workflow run not found")
        run = as_of(loads(row[0]), self.clock.now())
        assert run is not None  # a stored run is a record
        return run


_SUMMARY_KEYS: Final = ("id", "memberId", "categoryId", "source", "dispatchStatus", "scheduledFor", "createdAt")
