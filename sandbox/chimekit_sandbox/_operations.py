"""The operation catalogue: one handler per operationId of the spec, named exactly like it.

A handler gets a validated ``Call`` (parameters and body already checked against the spec's
schemas) and returns the JSON response body, or None where the spec's response has no content.
What a schema cannot say (the member exists, the suppression is the member's, the category exists)
is the store's to check; its NotFoundError is a 404.
"""

from __future__ import annotations

from ._engine import Call
from ._records import JsonObject
from ._store import Store


class Operations:
    """The sandbox's handlers, bound to one store. ``api_key_id`` is what runs see as ``context.apiKeyId``."""

    def __init__(self, store: Store, api_key_id: str) -> None:
        self._store = store
        self._api_key_id = api_key_id

    # ------------------------------------------------------------ audience

    def identify(self, call: Call) -> JsonObject:
        return {"member": self._store.identify(call.body["externalUserId"], call.body)}

    def findMember(self, call: Call) -> JsonObject:
        return {"member": self._store.find_member(call.path["externalUserId"])}

    def updateMember(self, call: Call) -> JsonObject:
        return {"member": self._store.update_member(call.path["externalUserId"], call.body)}

    def deleteMember(self, call: Call) -> JsonObject:
        return {"id": self._store.delete_member(call.path["externalUserId"])}

    def listSuppressions(self, call: Call) -> JsonObject:
        return {"suppressions": self._store.list_suppressions(call.path["externalUserId"])}

    def addSuppression(self, call: Call) -> JsonObject:
        identity = call.body["identity"]
        suppression = self._store.add_suppression(
            call.path["externalUserId"], identity["type"], identity["value"], call.body.get("categoryId")
        )
        return {"suppression": suppression}

    def removeSuppression(self, call: Call) -> None:
        self._store.remove_suppression(call.path["externalUserId"], call.path["suppressionId"])

    # ------------------------------------------------------------ messages

    def sendMessage(self, call: Call) -> JsonObject:
        body = call.body
        sent = self._store.send_message(body["externalUserId"], body.get("categoryId"), body["content"])
        return {**sent, "audienceMember": {"id": sent["message"]["memberId"]}}

    def getMessage(self, call: Call) -> JsonObject:
        return {"message": self._store.get_message(call.path["messageId"])}

    def listMemberMessages(self, call: Call) -> JsonObject:
        limit, offset = call.query["limit"], call.query["offset"]
        messages, total = self._store.list_messages(call.path["externalUserId"], limit, offset)
        return {"messages": messages, "pagination": {"totalCount": total, "limit": limit, "offset": offset}}

    # ------------------------------------------------------------ workflows

    def runWorkflow(self, call: Call) -> JsonObject:
        body = call.body
        run = self._store.run_workflow(
            call.path["key"], body["externalUserId"], body.get("context", {}), self._api_key_id
        )
        return {"runId": run["id"], "status": run["status"]}

    def getWorkflowRun(self, call: Call) -> JsonObject:
        return {"run": self._store.get_run(call.path["runId"])}
