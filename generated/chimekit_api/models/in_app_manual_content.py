from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="InAppManualContent")


@_attrs_define
class InAppManualContent:
    """An in-app notification written out in the request."""

    title: str
    """ The notification's title. """
    snippet: str | Unset = UNSET
    """ A short preview line. """
    body: str | Unset = UNSET
    """ The notification's body. """
    actions: list[JsonObject] | Unset = UNSET
    """ Buttons or links shown with the notification (free-form objects). """
    variables: JsonObject | Unset = UNSET
    """ Arbitrary JSON object. """
    _wire_names: ClassVar[dict[str, str]] = {
        "title": "title",
        "snippet": "snippet",
        "body": "body",
        "actions": "actions",
        "variables": "variables",
    }
    """ Wire (JSON) name → attribute name, so ``obj["wireName"]`` reads a field. """
    _schema: ClassVar[tuple[bool, dict[str, tuple[bool, Any]]]] = (
        False,
        {
            "title": (True, "str"),
            "snippet": (False, "str"),
            "body": (False, "str"),
            "actions": (False, ("list", ("model", "JsonObject"))),
            "variables": (False, ("model", "JsonObject")),
        },
    )
    """ (additional properties allowed, {wire name: (required, type)}); see chimekit._validation. """

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        snippet = self.snippet

        body = self.body

        actions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.actions, Unset):
            actions = []
            for actions_item_data in self.actions:
                actions_item = actions_item_data.to_dict()
                actions.append(actions_item)

        variables: dict[str, Any] | Unset = UNSET
        if not isinstance(self.variables, Unset):
            variables = self.variables.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
            }
        )
        if snippet is not UNSET:
            field_dict["snippet"] = snippet
        if body is not UNSET:
            field_dict["body"] = body
        if actions is not UNSET:
            field_dict["actions"] = actions
        if variables is not UNSET:
            field_dict["variables"] = variables

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        title = d.pop("title")

        snippet = d.pop("snippet", UNSET)

        body = d.pop("body", UNSET)

        _actions = d.pop("actions", UNSET)
        actions: list[JsonObject] | Unset = UNSET
        if _actions is not UNSET:
            actions = []
            for actions_item_data in _actions:
                actions_item = JsonObject.from_dict(actions_item_data)

                actions.append(actions_item)

        _variables = d.pop("variables", UNSET)
        variables: JsonObject | Unset
        if isinstance(_variables, Unset):
            variables = UNSET
        else:
            variables = JsonObject.from_dict(_variables)

        in_app_manual_content = cls(
            title=title,
            snippet=snippet,
            body=body,
            actions=actions,
            variables=variables,
        )

        return in_app_manual_content

    def __getitem__(self, key: str) -> Any:
        """Reads a field by its wire (JSON) name, e.g. ``obj["createdAt"]``; fields unknown to this client too."""
        name = self._wire_names.get(key)
        if name is None:
            raise KeyError(key)
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


# Imported after the class: models refer to each other.
from ..models.json_object import JsonObject  # noqa: E402
