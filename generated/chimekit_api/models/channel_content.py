from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ChannelContent")


@_attrs_define
class ChannelContent:
    """One or more channels; at least one of `in_app` and `email` (`variables` alone is not content)."""

    in_app: InAppManualContent | TemplateReference | Unset = UNSET
    """ In-app content, written out (`title`, …) or a template reference (`templateId`). """
    email: EmailContent | Unset = UNSET
    """ An email written out in the request. """
    variables: JsonObject | Unset = UNSET
    """ Arbitrary JSON object. """
    _wire_names: ClassVar[dict[str, str]] = {
        "in_app": "in_app",
        "email": "email",
        "variables": "variables",
    }
    """ Wire (JSON) name → attribute name, so ``obj["wireName"]`` reads a field. """
    _schema: ClassVar[tuple[bool, dict[str, tuple[bool, Any]]]] = (
        False,
        {
            "in_app": (
                False,
                (
                    "union",
                    (
                        ("model", "InAppManualContent"),
                        ("model", "TemplateReference"),
                    ),
                ),
            ),
            "email": (False, ("model", "EmailContent")),
            "variables": (False, ("model", "JsonObject")),
        },
    )
    """ (additional properties allowed, {wire name: (required, type)}); see chimekit._validation. """

    def to_dict(self) -> dict[str, Any]:
        in_app: dict[str, Any] | Unset
        if isinstance(self.in_app, Unset):
            in_app = UNSET
        elif isinstance(self.in_app, InAppManualContent):
            in_app = self.in_app.to_dict()
        else:
            in_app = self.in_app.to_dict()

        email: dict[str, Any] | Unset = UNSET
        if not isinstance(self.email, Unset):
            email = self.email.to_dict()

        variables: dict[str, Any] | Unset = UNSET
        if not isinstance(self.variables, Unset):
            variables = self.variables.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if in_app is not UNSET:
            field_dict["in_app"] = in_app
        if email is not UNSET:
            field_dict["email"] = email
        if variables is not UNSET:
            field_dict["variables"] = variables

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_in_app(data: object) -> InAppManualContent | TemplateReference | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_in_app_content_type_0 = InAppManualContent.from_dict(data)

                return componentsschemas_in_app_content_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_in_app_content_type_1 = TemplateReference.from_dict(data)

            return componentsschemas_in_app_content_type_1

        in_app = _parse_in_app(d.pop("in_app", UNSET))

        _email = d.pop("email", UNSET)
        email: EmailContent | Unset
        if isinstance(_email, Unset):
            email = UNSET
        else:
            email = EmailContent.from_dict(_email)

        _variables = d.pop("variables", UNSET)
        variables: JsonObject | Unset
        if isinstance(_variables, Unset):
            variables = UNSET
        else:
            variables = JsonObject.from_dict(_variables)

        channel_content = cls(
            in_app=in_app,
            email=email,
            variables=variables,
        )

        return channel_content

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
from ..models.email_content import EmailContent  # noqa: E402
from ..models.in_app_manual_content import InAppManualContent  # noqa: E402
from ..models.json_object import JsonObject  # noqa: E402
from ..models.template_reference import TemplateReference  # noqa: E402
