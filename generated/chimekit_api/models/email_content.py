from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EmailContent")


@_attrs_define
class EmailContent:
    """An email written out in the request."""

    subject: str
    """ The subject line. """
    body: str
    """ The email body (HTML or plain text). """
    variables: JsonObject | Unset = UNSET
    """ Arbitrary JSON object. """
    _wire_names: ClassVar[dict[str, str]] = {
        "subject": "subject",
        "body": "body",
        "variables": "variables",
    }
    """ Wire (JSON) name → attribute name, so ``obj["wireName"]`` reads a field. """
    _schema: ClassVar[tuple[bool, dict[str, tuple[bool, Any]]]] = (
        False,
        {
            "subject": (True, "str"),
            "body": (True, "str"),
            "variables": (False, ("model", "JsonObject")),
        },
    )
    """ (additional properties allowed, {wire name: (required, type)}); see chimekit._validation. """

    def to_dict(self) -> dict[str, Any]:
        subject = self.subject

        body = self.body

        variables: dict[str, Any] | Unset = UNSET
        if not isinstance(self.variables, Unset):
            variables = self.variables.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "subject": subject,
                "body": body,
            }
        )
        if variables is not UNSET:
            field_dict["variables"] = variables

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        subject = d.pop("subject")

        body = d.pop("body")

        _variables = d.pop("variables", UNSET)
        variables: JsonObject | Unset
        if isinstance(_variables, Unset):
            variables = UNSET
        else:
            variables = JsonObject.from_dict(_variables)

        email_content = cls(
            subject=subject,
            body=body,
            variables=variables,
        )

        return email_content

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
