"""The API's types, to annotate your own code: ``from chimekit.types import Member, SendMessageRequestDict``.

Results (``Member``, ``SendMessageResponse``, ``WorkflowRun``, ``MessageListItem``, ...), request models and
their dicts (``IdentityInputDict``, ``SendMessageRequestDict``, ...): the models generated from the spec, the
same objects as ``chimekit_api.models`` (this module only re-exports them).
"""

from chimekit_api.models import *  # noqa: F403
from chimekit_api.models import __all__ as __all__
