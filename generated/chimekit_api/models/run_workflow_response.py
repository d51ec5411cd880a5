from __future__ import annotations

from ..types import Field, Model


class RunWorkflowResponse(Model):
    __slots__ = ()

    def __init__(
        self,
        *,
        run_id: str,
        status: str,
    ) -> None:
        self._init(
            {
                "runId": run_id,
                "status": status,
            }
        )

    @property
    def run_id(self) -> str:
        """The run id (`wr_…`)."""
        value: str = self._get("runId")
        return value

    @property
    def status(self) -> str:
        """The run's status when created. Known values - `queued`. Accept any string."""
        value: str = self._get("status")
        return value


RunWorkflowResponse._open = True
RunWorkflowResponse._fields = {
    "runId": Field("run_id", True, "str"),
    "status": Field("status", True, "str"),
}
