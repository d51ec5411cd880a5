from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Unset

T = TypeVar("T", bound="Notification")


@_attrs_define
class Notification:
    """The in-app notification created for a message."""

    id: str
    """ The notification id (`not_…`). """
    title: str
    snippet: None | str
    body: None | str
    actions: list[JsonObject] | None
    read_at: datetime.datetime | None
    archived_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _wire_names: ClassVar[dict[str, str]] = {
        "id": "id",
        "title": "title",
        "snippet": "snippet",
        "body": "body",
        "actions": "actions",
        "readAt": "read_at",
        "archivedAt": "archived_at",
    }
    """ Wire (JSON) name → attribute name, so ``obj["wireName"]`` reads a field. """
    _schema: ClassVar[tuple[bool, dict[str, tuple[bool, Any]]]] = (
        True,
        {
            "id": (True, "str"),
            "title": (True, "str"),
            "snippet": (
                True,
                (
                    "union",
                    (
                        "str",
                        "None",
                    ),
                ),
            ),
            "body": (
                True,
                (
                    "union",
                    (
                        "str",
                        "None",
                    ),
                ),
            ),
            "actions": (
                True,
                (
                    "union",
                    (
                        ("list", ("model", "JsonObject")),
                        "None",
                    ),
                ),
            ),
            "readAt": (
                True,
                (
                    "union",
                    (
                        "datetime",
                        "None",
                    ),
                ),
            ),
            "archivedAt": (
                True,
                (
                    "union",
                    (
                        "datetime",
                        "None",
                    ),
                ),
            ),
        },
    )
    """ (additional properties allowed, {wire name: (required, type)}); see chimekit._validation. """

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        title = self.title

        snippet: None | str
        snippet = self.snippet

        body: None | str
        body = self.body

        actions: list[dict[str, Any]] | None
        if isinstance(self.actions, list):
            actions = []
            for actions_type_0_item_data in self.actions:
                actions_type_0_item = actions_type_0_item_data.to_dict()
                actions.append(actions_type_0_item)

        else:
            actions = self.actions

        read_at: None | str
        if isinstance(self.read_at, datetime.datetime):
            read_at = self.read_at.isoformat()
        else:
            read_at = self.read_at

        archived_at: None | str
        if isinstance(self.archived_at, datetime.datetime):
            archived_at = self.archived_at.isoformat()
        else:
            archived_at = self.archived_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "title": title,
                "snippet": snippet,
                "body": body,
                "actions": actions,
                "readAt": read_at,
                "archivedAt": archived_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        title = d.pop("title")

        snippet = d.pop("snippet")
        if not (snippet is None or isinstance(snippet, (str,))):
            raise TypeError("snippet: expected None | str")

        body = d.pop("body")
        if not (body is None or isinstance(body, (str,))):
            raise TypeError("body: expected None | str")

        actions = d.pop("actions")
        if actions is not None:
            if not isinstance(actions, list):
                raise TypeError("actions: expected list[JsonObject] | None")
            try:
                actions_type_0 = []
                _actions_type_0 = actions
                for actions_type_0_item_data in _actions_type_0:
                    actions_type_0_item = JsonObject.from_dict(actions_type_0_item_data)

                    actions_type_0.append(actions_type_0_item)

            except KeyError as exc:  # say where: "notification.snippet"
                raise KeyError(f"actions.{exc.args[0]}") from None
            except (TypeError, ValueError) as exc:
                raise TypeError(f"actions: {exc}") from None
            actions = actions_type_0

        read_at = d.pop("readAt")
        if read_at is not None:
            if not isinstance(read_at, str):
                raise TypeError("readAt: expected datetime.datetime | None")
            try:
                read_at_type_0 = datetime.datetime.fromisoformat(read_at)

            except KeyError as exc:  # say where: "notification.snippet"
                raise KeyError(f"readAt.{exc.args[0]}") from None
            except (TypeError, ValueError) as exc:
                raise TypeError(f"readAt: {exc}") from None
            read_at = read_at_type_0

        archived_at = d.pop("archivedAt")
        if archived_at is not None:
            if not isinstance(archived_at, str):
                raise TypeError("archivedAt: expected datetime.datetime | None")
            try:
                archived_at_type_0 = datetime.datetime.fromisoformat(archived_at)

            except KeyError as exc:  # say where: "notification.snippet"
                raise KeyError(f"archivedAt.{exc.args[0]}") from None
            except (TypeError, ValueError) as exc:
                raise TypeError(f"archivedAt: {exc}") from None
            archived_at = archived_at_type_0

        notification = cls(
            id=id,
            title=title,
            snippet=snippet,
            body=body,
            actions=actions,
            read_at=read_at,
            archived_at=archived_at,
        )

        notification.additional_properties = d
        return notification

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        """Reads a field by its wire (JSON) name, e.g. ``obj["createdAt"]``; fields unknown to this client too."""
        name = self._wire_names.get(key)
        if name is None:
            return self.additional_properties[key]
        value = getattr(self, name)
        if isinstance(value, Unset):
            raise KeyError(key)
        return value

    def __contains__(self, key: str) -> bool:
        try:
            self[key]
        except KeyError:
            return False
        return True

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]


# Imported after the class: models refer to each other.
from ..models.json_object import JsonObject  # noqa: E402
