"""Calling the generated package ``chimekit_api`` directly (no retries, no error mapping)."""

from __future__ import annotations

import os

from chimekit_api import AuthenticatedClient
from chimekit_api.api.audience import find_member
from chimekit_api.models import MemberResponse


def main() -> None:
    client = AuthenticatedClient(
        base_url=os.environ.get("CHIMEKIT_BASE_URL", "https://api.chimekit.com"),
        token=os.environ["CHIMEKIT_SECRET_KEY"],
    )
    with client:
        response = find_member.sync_detailed("user_123", client=client)
        if isinstance(response.parsed, MemberResponse) and response.parsed.member is not None:
            print(response.parsed.member.display_name)


if __name__ == "__main__":
    main()
