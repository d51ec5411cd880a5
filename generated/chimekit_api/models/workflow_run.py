from __future__ import annotations

import datetime

from ..types import Field, Model


class WorkflowRun(Model):
    __slots__ = ()

    def __init__(
        self,
        *,
        id: str,
        workflow_version_id: str,
        workflow_id: str,
        workflow_key: str,
        status: str,
        member_id: str,
        member_external_user_id: str,
        created_at: datetime.datetime,
        started_at: datetime.datetime | None,
        finished_at: datetime.datetime | None,
        context: JsonObject,
    ) -> None:
        self._init(
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

    @property
    def id(self) -> str:
        value: str = self._get("id")
        return value

    @property
    def workflow_version_id(self) -> str:
        value: str = self._get("workflowVersionId")
        return value

    @property
    def workflow_id(self) -> str:
        value: str = self._get("workflowId")
        return value

    @property
    def workflow_key(self) -> str:
        value: str = self._get("workflowKey")
        return value

    @property
    def status(self) -> str:
        """Known values - `queued`, `running`, `completed`, `failed`, `cancelled`. Accept any string.
        A run goes `queued` → `running` (`startedAt` set) → one final state: `completed`, `failed`
        or `cancelled` (`finishedAt` set). Poll `getWorkflowRun` until it has `finishedAt`."""
        value: str = self._get("status")
        return value

    @property
    def member_id(self) -> str:
        """ChimeKit's internal member id (`mem_…`)."""
        value: str = self._get("memberId")
        return value

    @property
    def member_external_user_id(self) -> str:
        value: str = self._get("memberExternalUserId")
        return value

    @property
    def created_at(self) -> datetime.datetime:
        value: datetime.datetime = self._get("createdAt")
        return value

    @property
    def started_at(self) -> datetime.datetime | None:
        value: datetime.datetime | None = self._get("startedAt")
        return value

    @property
    def finished_at(self) -> datetime.datetime | None:
        value: datetime.datetime | None = self._get("finishedAt")
        return value

    @property
    def context(self) -> JsonObject:
        """Arbitrary JSON object."""
        value: JsonObject = self._get("context")
        return value


from ..models.json_object import JsonObject  # noqa: E402

WorkflowRun._open = True
WorkflowRun._fields = {
    "id": Field("id", True, "str"),
    "workflowVersionId": Field("workflow_version_id", True, "str"),
    "workflowId": Field("workflow_id", True, "str"),
    "workflowKey": Field("workflow_key", True, "str"),
    "status": Field("status", True, "str"),
    "memberId": Field("member_id", True, "str"),
    "memberExternalUserId": Field("member_external_user_id", True, "str"),
    "createdAt": Field("created_at", True, "datetime"),
    "startedAt": Field("started_at", True, ("union", ("datetime", "None"))),
    "finishedAt": Field("finished_at", True, ("union", ("datetime", "None"))),
    "context": Field("context", True, "object"),
}
