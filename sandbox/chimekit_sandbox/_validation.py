"""Request validation that mirrors the JSON schemas of openapi/chimekit.yaml exactly.

Every check here corresponds to a keyword in the spec (required, type, additionalProperties,
minLength/maxLength/pattern/enum, maxItems, oneOf, not). ``make contract`` proves both directions:
what the spec allows is accepted, what it forbids is a ``400`` whose message starts with the
offending field's path.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, Final

JsonObject = dict[str, Any]

_EXTERNAL_USER_ID: Final = re.compile(r"[A-Za-z0-9_@+:=|~-][A-Za-z0-9_.@+:=|~-]*")
_RESOURCE_ID: Final = re.compile(r"[A-Za-z0-9_-]+")
_INTEGER: Final = re.compile(r"-?[0-9]+")
_MAX_BODY_BYTES: Final = 16 * 1024 * 1024


class ValidationError(Exception):
    """A request that the spec forbids; ``str(err)`` is ``"<field path>: <problem>"``."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path or 'body'}: {problem}")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _object(value: Any, path: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()) -> JsonObject:
    if not isinstance(value, dict):
        raise ValidationError(path, f"must be an object, not {_type_name(value)}")
    for key in value:
        if key not in allowed:
            raise ValidationError(_join(path, key), "is not allowed")
    for key in required:
        if key not in value:
            raise ValidationError(_join(path, key), "is required")
    return value


def _string(
    value: Any, path: str, *, min_length: int = 0, max_length: int | None = None, pattern: re.Pattern[str] | None = None
) -> str:
    if not isinstance(value, str):
        raise ValidationError(path, f"must be a string, not {_type_name(value)}")
    if len(value) < min_length:
        raise ValidationError(path, f"must be at least {min_length} characters")
    if max_length is not None and len(value) > max_length:
        raise ValidationError(path, f"must be at most {max_length} characters")
    if pattern is not None and pattern.fullmatch(value) is None:
        raise ValidationError(path, "has characters that are not allowed")
    return value


def _json_object(value: Any, path: str) -> JsonObject:
    if not isinstance(value, dict):
        raise ValidationError(path, f"must be an object, not {_type_name(value)}")
    return value


# ---------------------------------------------------------------- identifiers


def external_user_id(value: Any, path: str = "externalUserId") -> str:
    return _string(value, path, min_length=1, max_length=256, pattern=_EXTERNAL_USER_ID)


def resource_id(value: Any, path: str) -> str:
    return _string(value, path, min_length=1, max_length=128, pattern=_RESOURCE_ID)


def workflow_key(value: Any, path: str = "key") -> str:
    return _string(value, path, min_length=1, max_length=128, pattern=_RESOURCE_ID)


MAX_OFFSET: Final = 2**31 - 1
"""The spec's maximum for ``offset``."""


def query_integer(raw: str | None, name: str, *, default: int, minimum: int, maximum: int | None) -> int:
    if raw is None:
        return default
    if _INTEGER.fullmatch(raw) is None:
        raise ValidationError(name, "must be an integer")
    if len(raw) > 1000:  # beyond what int() parses by default; no real page is that far
        raise ValidationError(name, "is too large")
    value = int(raw)
    if value < minimum:
        raise ValidationError(name, f"must be at least {minimum}")
    if maximum is not None and value > maximum:
        raise ValidationError(name, f"must be at most {maximum}")
    return value


# ---------------------------------------------------------------- bodies


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("number out of range")
    return value


def parse_json_body(body: bytes, content_type: str | None) -> JsonObject:
    """The request body as a JSON object, or ValidationError (wrong type, bad JSON, not an object)."""
    if not body:
        raise ValidationError("body", "is required")
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    if media_type != "application/json":
        raise ValidationError("body", "Content-Type must be application/json")
    if len(body) > _MAX_BODY_BYTES:
        raise ValidationError("body", "is too large")
    try:
        value = json.loads(body.decode("utf-8"), parse_constant=_reject_constant, parse_float=_finite_float)
        # Lone surrogates (\ud800) parse but cannot be stored or sent back as UTF-8.
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except (ValueError, RecursionError) as exc:
        raise ValidationError("body", "is not valid JSON") from exc
    if not isinstance(value, dict):
        raise ValidationError("body", f"must be a JSON object, not {_type_name(value)}")
    return value


def _identity_input(value: Any, path: str, *, with_verified: bool) -> JsonObject:
    allowed = ("type", "value", "verified") if with_verified else ("type", "value")
    obj = _object(value, path, allowed, ("type", "value"))
    if obj["type"] != "email":
        raise ValidationError(_join(path, "type"), "must be one of: email")
    _string(obj["value"], _join(path, "value"), min_length=1, max_length=320)
    if with_verified and "verified" in obj and not isinstance(obj["verified"], bool):
        raise ValidationError(_join(path, "verified"), f"must be a boolean, not {_type_name(obj['verified'])}")
    return obj


def _profile_fields(obj: JsonObject) -> None:
    if "displayName" in obj:
        _string(obj["displayName"], "displayName", max_length=256)
    if "attributes" in obj:
        _json_object(obj["attributes"], "attributes")
    if "identities" in obj:
        identities = obj["identities"]
        if not isinstance(identities, list):
            raise ValidationError("identities", f"must be an array, not {_type_name(identities)}")
        if len(identities) > 20:
            raise ValidationError("identities", "must have at most 20 items")
        for index, item in enumerate(identities):
            _identity_input(item, f"identities[{index}]", with_verified=True)


def identify_request(body: JsonObject) -> JsonObject:
    obj = _object(body, "", ("externalUserId", "displayName", "attributes", "identities"), ("externalUserId",))
    external_user_id(obj["externalUserId"])
    _profile_fields(obj)
    return obj


def update_member_request(body: JsonObject) -> JsonObject:
    obj = _object(body, "", ("displayName", "attributes", "identities"))
    _profile_fields(obj)
    return obj


def add_suppression_request(body: JsonObject) -> JsonObject:
    obj = _object(body, "", ("identity", "categoryId"), ("identity",))
    _identity_input(obj["identity"], "identity", with_verified=False)
    if "categoryId" in obj:
        resource_id(obj["categoryId"], "categoryId")
    return obj


def run_workflow_request(body: JsonObject) -> JsonObject:
    obj = _object(body, "", ("externalUserId", "context"), ("externalUserId",))
    external_user_id(obj["externalUserId"])
    if "context" in obj:
        _json_object(obj["context"], "context")
    return obj


def _template_reference(value: JsonObject, path: str) -> None:
    _object(value, path, ("templateId", "templateVersionId", "variables"), ("templateId",))
    resource_id(value["templateId"], _join(path, "templateId"))
    if "templateVersionId" in value:
        resource_id(value["templateVersionId"], _join(path, "templateVersionId"))
    if "variables" in value:
        _json_object(value["variables"], _join(path, "variables"))


def _in_app(value: Any, path: str) -> None:
    if not isinstance(value, dict):
        raise ValidationError(path, f"must be an object, not {_type_name(value)}")
    if "templateId" in value:
        _template_reference(value, path)
        return
    obj = _object(value, path, ("title", "snippet", "body", "actions", "variables"), ("title",))
    _string(obj["title"], _join(path, "title"), min_length=1, max_length=500)
    if "snippet" in obj:
        _string(obj["snippet"], _join(path, "snippet"), max_length=1000)
    if "body" in obj:
        _string(obj["body"], _join(path, "body"), max_length=100000)
    if "actions" in obj:
        actions = obj["actions"]
        actions_path = _join(path, "actions")
        if not isinstance(actions, list):
            raise ValidationError(actions_path, f"must be an array, not {_type_name(actions)}")
        if len(actions) > 10:
            raise ValidationError(actions_path, "must have at most 10 items")
        for index, action in enumerate(actions):
            _json_object(action, f"{actions_path}[{index}]")
    if "variables" in obj:
        _json_object(obj["variables"], _join(path, "variables"))


def _email(value: Any, path: str) -> None:
    obj = _object(value, path, ("subject", "body", "variables"), ("subject", "body"))
    _string(obj["subject"], _join(path, "subject"), min_length=1, max_length=998)
    _string(obj["body"], _join(path, "body"), min_length=1, max_length=1000000)
    if "variables" in obj:
        _json_object(obj["variables"], _join(path, "variables"))


def _content(value: Any) -> None:
    path = "content"
    if not isinstance(value, dict):
        raise ValidationError(path, f"must be an object, not {_type_name(value)}")
    if "templateId" in value:
        for key in value:
            if key in ("in_app", "email"):
                raise ValidationError(_join(path, key), "is not allowed with content.templateId")
        _template_reference(value, path)
        return
    _object(value, path, ("in_app", "email", "variables"))
    if "in_app" not in value and "email" not in value:
        raise ValidationError(path, "needs templateId or at least one channel (in_app, email)")
    if "in_app" in value:
        _in_app(value["in_app"], _join(path, "in_app"))
    if "email" in value:
        _email(value["email"], _join(path, "email"))
    if "variables" in value:
        _json_object(value["variables"], _join(path, "variables"))


def send_message_request(body: JsonObject) -> JsonObject:
    obj = _object(body, "", ("externalUserId", "categoryId", "content"), ("externalUserId", "content"))
    external_user_id(obj["externalUserId"])
    if "categoryId" in obj:
        resource_id(obj["categoryId"], "categoryId")
    _content(obj["content"])
    return obj
