from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Unset

T = TypeVar("T", bound="Message")


@_attrs_define
class Message:
    """A stored message. `memberId` is ChimeKit's internal member id (`mem_…`)."""

    id: str
    """ The message id (`msg_…`). """
    member_id: str
    """ ChimeKit's internal member id (`mem_…`). """
    category_id: str
    """ The message's category id (`cat_…`). """
    source: str
    """ Where the message came from. Known values - `sdk`, `workflow`. Accept any string. """
    template_id: None | str
    """ The template sent, or null. """
    template_version_id: None | str
    """ The template version sent, or null. """
    payload: JsonObject
    """ Arbitrary JSON object. """
    dispatch_status: str
    """ Known values - `dispatched`, `scheduled`, `failed`. Accept any string.
     """
    scheduled_for: datetime.datetime | None
    """ When a scheduled message goes out, or null. """
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _wire_names: ClassVar[dict[str, str]] = {
        "id": "id",
        "memberId": "member_id",
        "categoryId": "category_id",
        "source": "source",
        "templateId": "template_id",
        "templateVersionId": "template_version_id",
        "payload": "payload",
        "dispatchStatus": "dispatch_status",
        "scheduledFor": "scheduled_for",
        "createdAt": "created_at",
    }
    """ Wire (JSON) name → attribute name, so ``obj["wireName"]`` reads a field. """
    _schema: ClassVar[tuple[bool, dict[str, tuple[bool, Any]]]] = (
        True,
        {
            "id": (True, "str"),
            "memberId": (True, "str"),
            "categoryId": (True, "str"),
            "source": (True, "str"),
            "templateId": (
                True,
                (
                    "union",
                    (
                        "str",
                        "None",
                    ),
                ),
            ),
            "templateVersionId": (
                True,
                (
                    "union",
                    (
                        "str",
                        "None",
                    ),
                ),
            ),
            "payload": (True, ("model", "JsonObject")),
            "dispatchStatus": (True, "str"),
            "scheduledFor": (
                True,
                (
                    "union",
                    (
                        "datetime",
                        "None",
                    ),
                ),
            ),
            "createdAt": (True, "datetime"),
        },
    )
    """ (additional properties allowed, {wire name: (required, type)}); see chimekit._validation. """

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        member_id = self.member_id

        category_id = self.category_id

        source = self.source

        template_id: None | str
        template_id = self.template_id

        template_version_id: None | str
        template_version_id = self.template_version_id

        payload = self.payload.to_dict()

        dispatch_status = self.dispatch_status

        scheduled_for: None | str
        if isinstance(self.scheduled_for, datetime.datetime):
            scheduled_for = self.scheduled_for.isoformat()
        else:
            scheduled_for = self.scheduled_for

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "memberId": member_id,
                "categoryId": category_id,
                "source": source,
                "templateId": template_id,
                "templateVersionId": template_version_id,
                "payload": payload,
                "dispatchStatus": dispatch_status,
                "scheduledFor": scheduled_for,
                "createdAt": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        member_id = d.pop("memberId")

        category_id = d.pop("categoryId")

        source = d.pop("source")

        template_id = d.pop("templateId")
        if not (template_id is None or isinstance(template_id, (str,))):
            raise TypeError("templateId: expected None | str")

        template_version_id = d.pop("templateVersionId")
        if not (template_version_id is None or isinstance(template_version_id, (str,))):
            raise TypeError("templateVersionId: expected None | str")

        payload = JsonObject.from_dict(d.pop("payload"))

        dispatch_status = d.pop("dispatchStatus")

        scheduled_for = d.pop("scheduledFor")
        if scheduled_for is not None:
            if not isinstance(scheduled_for, str):
                raise TypeError("scheduledFor: expected datetime.datetime | None")
            try:
                scheduled_for_type_0 = datetime.datetime.fromisoformat(scheduled_for)

            except KeyError as exc:  # say where: "notification.snippet"
                raise KeyError(f"scheduledFor.{exc.args[0]}") from None
            except (TypeError, ValueError) as exc:
                raise TypeError(f"scheduledFor: {exc}") from None
            scheduled_for = scheduled_for_type_0

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        message = cls(
            id=id,
            member_id=member_id,
            category_id=category_id,
            source=source,
            template_id=template_id,
            template_version_id=template_version_id,
            payload=payload,
            dispatch_status=dispatch_status,
            scheduled_for=scheduled_for,
            created_at=created_at,
        )

        message.additional_properties = d
        return message

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
