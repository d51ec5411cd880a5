from typing import Any

JsonObject = dict[str, Any]
""" Arbitrary JSON object. """
