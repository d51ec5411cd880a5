"""The records the store keeps, and what the store and the seed loader both know about them.

A loaded ``Seed`` holds records in the store's own form; ``member_view`` is a stored member as the API
serves it; ``as_of`` is a stored run or delivery at a given time (see ``TIMELINE``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, NamedTuple

from ._util import dumps, parse_stamp

JsonObject = dict[str, Any]

# Without a seed, or a seed without categories: the default category (the first) is "Product", as in
# the docs' examples; "Billing" is there to scope suppressions to.
BUILT_IN_CATEGORIES: Final = ({"id": "cat_product", "name": "Product"}, {"id": "cat_billing", "name": "Billing"})

TIMELINE: Final = "_timeline"
"""A stored run or delivery made through the API carries its future: [[time, changes], ...] (see as_of)."""


class SeedError(ValueError):
    """A seed that cannot be loaded; the message names the file and the offending record's path."""


class SeedMember(NamedTuple):
    member_id: str
    external_id: str
    doc: JsonObject  # the store's member document


class SeedSuppression(NamedTuple):
    member_id: str
    doc: JsonObject  # the suppression as served


class SeedMessage(NamedTuple):
    member_id: str
    stored: JsonObject  # {"message", "delivery", "notification", "category"}


@dataclass(frozen=True)
class Seed:
    """A checked seed, in the order the store inserts it (suppressions and messages oldest first)."""

    source: str
    categories: tuple[JsonObject, ...]
    members: tuple[SeedMember, ...]
    suppressions: tuple[SeedSuppression, ...]
    messages: tuple[SeedMessage, ...]
    runs: tuple[JsonObject, ...]


def as_created(record: JsonObject) -> JsonObject:
    """A stored record without its timeline: as it was when created."""
    return {key: value for key, value in record.items() if key != TIMELINE}


def as_of(record: JsonObject | None, moment: datetime) -> JsonObject | None:
    """A stored record as it is at ``moment``: the steps of its timeline whose time has come, applied in order.

    Records without a timeline (seeded ones, or those already in their final state) are returned as stored.
    """
    if record is None or TIMELINE not in record:
        return record
    view = as_created(record)
    for at, changes in record[TIMELINE]:
        if parse_stamp(at) > moment:
            break
        view.update(changes)
    return view


def identity_key(identity: JsonObject) -> str:
    """What makes two identities the same: the type and the value (emails case-insensitively); ASCII JSON."""
    identity_type, value = identity["type"], identity["value"]
    return dumps([identity_type, value.lower() if identity_type == "email" else value])


def first_email(identities: list[JsonObject]) -> str | None:
    for identity in identities:
        if identity["type"] == "email":
            return str(identity["value"])
    return None


def member_view(external_id: str, doc: JsonObject) -> JsonObject:
    """A member as audience endpoints return it (``id`` is the externalUserId)."""
    identities = doc["identities"]
    return {
        "id": external_id,
        "email": first_email(identities),
        "displayName": doc["displayName"],
        "identities": [{"type": i["type"], "value": i["value"], "verified": i["verified"]} for i in identities],
        "attributes": doc["attributes"],
        "created": doc["created"],
        "updated": doc["updated"],
        "deleted": doc["deleted"],
        "lastSeen": doc["lastSeen"],
    }
