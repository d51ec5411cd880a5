"""Contains all the data models used in inputs/outputs"""

from .add_suppression_request import AddSuppressionRequest
from .audience_member_ref import AudienceMemberRef
from .category import Category
from .channel_content import ChannelContent
from .delete_member_response import DeleteMemberResponse
from .delivery import Delivery
from .email_content import EmailContent
from .error import Error
from .get_message_response import GetMessageResponse
from .identify_request import IdentifyRequest
from .identify_response import IdentifyResponse
from .identity import Identity
from .identity_input import IdentityInput
from .identity_input_type import IdentityInputType
from .in_app_manual_content import InAppManualContent
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
from .run_workflow_request import RunWorkflowRequest
from .run_workflow_response import RunWorkflowResponse
from .send_message_request import SendMessageRequest
from .send_message_response import SendMessageResponse
from .suppression import Suppression
from .suppression_identity import SuppressionIdentity
from .suppression_identity_input import SuppressionIdentityInput
from .suppression_identity_input_type import SuppressionIdentityInputType
from .suppression_list_response import SuppressionListResponse
from .suppression_response import SuppressionResponse
from .template_content import TemplateContent
from .template_reference import TemplateReference
from .update_member_request import UpdateMemberRequest
from .workflow_run import WorkflowRun
from .workflow_run_response import WorkflowRunResponse

__all__ = (
    "AddSuppressionRequest",
    "AudienceMemberRef",
    "Category",
    "ChannelContent",
    "DeleteMemberResponse",
    "Delivery",
    "EmailContent",
    "Error",
    "GetMessageResponse",
    "IdentifyRequest",
    "IdentifyResponse",
    "Identity",
    "IdentityInput",
    "IdentityInputType",
    "InAppManualContent",
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
    "RunWorkflowResponse",
    "SendMessageRequest",
    "SendMessageResponse",
    "Suppression",
    "SuppressionIdentity",
    "SuppressionIdentityInput",
    "SuppressionIdentityInputType",
    "SuppressionListResponse",
    "SuppressionResponse",
    "TemplateContent",
    "TemplateReference",
    "UpdateMemberRequest",
    "WorkflowRun",
    "WorkflowRunResponse",
)
