from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Unset

T = TypeVar("T", bound="WorkflowRun")


@_attrs_define
class WorkflowRun:
    id: str
    workflow_version_id: str
    workflow_id: str
    workflow_key: str
    status: str
    """ Known values - `queued`, `running`, `completed`, `failed`, `cancelled`. Accept any string.
    A run goes `queued` → `running` (`startedAt` set) → one final state: `completed`, `failed`
    or `cancelled` (`finishedAt` set). Poll `getWorkflowRun` until it has `finishedAt`.
     """
    member_id: str
    """ ChimeKit's internal member id (`mem_…`). """
    member_external_user_id: str
    created_at: datetime.datetime
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    context: JsonObject
    """ Arbitrary JSON object. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _wire_names: ClassVar[dict[str, str]] = {
        "id": "id",
        "workflowVersionId": "workflow_version_id",
        "workflowId": "workflow_id",
        "workflowKey": "workflow_key",
        "status": "status",
        "memberId": "member_id",
        "memberExternalUserId": "member_external_user_id",
        "createdAt": "created_at",
        "startedAt": "started_at",
        "finishedAt": "finished_at",
        "context": "context",
    }
    """ Wire (JSON) name → attribute name, so ``obj["wireName"]`` reads a field. """
    _schema: ClassVar[tuple[bool, dict[str, tuple[bool, Any]]]] = (
        True,
        {
            "id": (True, "str"),
            "workflowVersionId": (True, "str"),
            "workflowId": (True, "str"),
            "workflowKey": (True, "str"),
            "status": (True, "str"),
            "memberId": (True, "str"),
            "memberExternalUserId": (True, "str"),
            "createdAt": (True, "datetime"),
            "startedAt": (
                True,
                (
                    "union",
                    (
                        "datetime",
                        "None",
                    ),
                ),
            ),
            "finishedAt": (
                True,
                (
                    "union",
                    (
                        "datetime",
                        "None",
                    ),
                ),
            ),
            "context": (True, ("model", "JsonObject")),
        },
    )
    """ (additional properties allowed, {wire name: (required, type)}); see chimekit._validation. """

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        workflow_version_id = self.workflow_version_id

        workflow_id = self.workflow_id

        workflow_key = self.workflow_key

        status = self.status

        member_id = self.member_id

        member_external_user_id = self.member_external_user_id

        created_at = self.created_at.isoformat()

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        context = self.context.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "workflowVersionId": workflow_version_id,
                "workflowId": workflow_id,
                "workflowKey": workflow_key,
                "status": status,
                "memberId": member_id,
                "memberExternalUserId": member_external_user_id,
                "createdAt": created_at,
                "startedAt": started_at,
                "finishedAt": finished_at,
                "context": context,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        workflow_version_id = d.pop("workflowVersionId")

        workflow_id = d.pop("workflowId")

        workflow_key = d.pop("workflowKey")

        status = d.pop("status")

        member_id = d.pop("memberId")

        member_external_user_id = d.pop("memberExternalUserId")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        started_at = d.pop("startedAt")
        if started_at is not None:
            if not isinstance(started_at, str):
                raise TypeError("startedAt: expected datetime.datetime | None")
            try:
                started_at_type_0 = datetime.datetime.fromisoformat(started_at)

            except KeyError as exc:  # say where: "notification.snippet"
                raise KeyError(f"startedAt.{exc.args[0]}") from None
            except (TypeError, ValueError) as exc:
                raise TypeError(f"startedAt: {exc}") from None
            started_at = started_at_type_0

        finished_at = d.pop("finishedAt")
        if finished_at is not None:
            if not isinstance(finished_at, str):
                raise TypeError("finishedAt: expected datetime.datetime | None")
            try:
                finished_at_type_0 = datetime.datetime.fromisoformat(finished_at)

            except KeyError as exc:  # say where: "notification.snippet"
                raise KeyError(f"finishedAt.{exc.args[0]}") from None
            except (TypeError, ValueError) as exc:
                raise TypeError(f"finishedAt: {exc}") from None
            finished_at = finished_at_type_0

        context = JsonObject.from_dict(d.pop("context"))

        workflow_run = cls(
            id=id,
            workflow_version_id=workflow_version_id,
            workflow_id=workflow_id,
            workflow_key=workflow_key,
            status=status,
            member_id=member_id,
            member_external_user_id=member_external_user_id,
            created_at=created_at,
            started_at=started_at,
            finished_at=finished_at,
            context=context,
        )

        workflow_run.additional_properties = d
        return workflow_run

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
