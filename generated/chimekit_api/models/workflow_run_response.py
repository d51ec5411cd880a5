from __future__ import annotations

from ..types import Field, Model


class WorkflowRunResponse(Model):
    __slots__ = ()

    def __init__(
        self,
        *,
        run: WorkflowRun,
    ) -> None:
        self._init(
            {
                "run": run,
            }
        )

    @property
    def run(self) -> WorkflowRun:
        value: WorkflowRun = self._get("run")
        return value


from ..models.workflow_run import WorkflowRun  # noqa: E402

WorkflowRunResponse._open = True
WorkflowRunResponse._fields = {
    "run": Field("run", True, ("model", WorkflowRun)),
}
