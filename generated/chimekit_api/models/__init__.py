"""Every model of the API (read-only views over JSON), its enums, and the request bodies' TypedDicts."""

from .add_suppression_request import AddSuppressionRequest, AddSuppressionRequestDict, AddSuppressionRequestFields
from .audience_member_ref import AudienceMemberRef
from .category import Category
from .channel_content import ChannelContent, ChannelContentDict, ChannelContentFields
from .delete_member_response import DeleteMemberResponse
from .delivery import Delivery
from .email_content import EmailContent, EmailContentDict, EmailContentFields
from .error import Error
from .get_message_response import GetMessageResponse
from .identify_request import IdentifyRequest, IdentifyRequestDict, IdentifyRequestFields
from .identify_response import IdentifyResponse
from .identity import Identity
from .identity_input import IdentityInput, IdentityInputDict, IdentityInputFields
from .identity_input_type import IdentityInputType
from .in_app_manual_content import InAppManualContent, InAppManualContentDict, InAppManualContentFields
from .json_object import JsonObject
from .member import Member
from .member_response import MemberResponse
from .message import Message
from .message_detail import MessageDetail
from .message_list_item import MessageListItem
from .message_list_response import MessageListResponse
from .message_summary import MessageSummary
from .notification import Notification
from .pagination import Pagination
from .recipient import Recipient
from .run_workflow_request import RunWorkflowRequest, RunWorkflowRequestDict, RunWorkflowRequestFields
from .run_workflow_response import RunWorkflowResponse
from .send_message_request import SendMessageRequest, SendMessageRequestDict, SendMessageRequestFields
from .send_message_response import SendMessageResponse
from .suppression import Suppression
from .suppression_identity import SuppressionIdentity
from .suppression_identity_input import (
    SuppressionIdentityInput,
    SuppressionIdentityInputDict,
    SuppressionIdentityInputFields,
)
from .suppression_identity_input_type import SuppressionIdentityInputType
from .suppression_list_response import SuppressionListResponse
from .suppression_response import SuppressionResponse
from .template_content import TemplateContent, TemplateContentDict, TemplateContentFields
from .template_reference import TemplateReference, TemplateReferenceDict, TemplateReferenceFields
from .update_member_request import UpdateMemberRequest, UpdateMemberRequestDict, UpdateMemberRequestFields
from .workflow_run import WorkflowRun
from .workflow_run_response import WorkflowRunResponse

__all__ = (
    "AddSuppressionRequest",
    "AddSuppressionRequestDict",
    "AddSuppressionRequestFields",
    "AudienceMemberRef",
    "Category",
    "ChannelContent",
    "ChannelContentDict",
    "ChannelContentFields",
    "DeleteMemberResponse",
    "Delivery",
    "EmailContent",
    "EmailContentDict",
    "EmailContentFields",
    "Error",
    "GetMessageResponse",
    "IdentifyRequest",
    "IdentifyRequestDict",
    "IdentifyRequestFields",
    "IdentifyResponse",
    "Identity",
    "IdentityInput",
    "IdentityInputDict",
    "IdentityInputFields",
    "IdentityInputType",
    "InAppManualContent",
    "InAppManualContentDict",
    "InAppManualContentFields",
    "JsonObject",
    "Member",
    "MemberResponse",
    "Message",
    "MessageDetail",
    "MessageListItem",
    "MessageListResponse",
    "MessageSummary",
    "Notification",
    "Pagination",
    "Recipient",
    "RunWorkflowRequest",
    "RunWorkflowRequestDict",
    "RunWorkflowRequestFields",
    "RunWorkflowResponse",
    "SendMessageRequest",
    "SendMessageRequestDict",
    "SendMessageRequestFields",
    "SendMessageResponse",
    "Suppression",
    "SuppressionIdentity",
    "SuppressionIdentityInput",
    "SuppressionIdentityInputDict",
    "SuppressionIdentityInputFields",
    "SuppressionIdentityInputType",
    "SuppressionListResponse",
    "SuppressionResponse",
    "TemplateContent",
    "TemplateContentDict",
    "TemplateContentFields",
    "TemplateReference",
    "TemplateReferenceDict",
    "TemplateReferenceFields",
    "UpdateMemberRequest",
    "UpdateMemberRequestDict",
    "UpdateMemberRequestFields",
    "WorkflowRun",
    "WorkflowRunResponse",
)
