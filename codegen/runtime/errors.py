"""Errors the generated code raises."""

from __future__ import annotations


class UnexpectedStatus(Exception):
    """An endpoint function got a status the spec does not document, with ``raise_on_unexpected_status=True``."""

    def __init__(self, status_code: int, content: bytes) -> None:
        self.status_code = status_code
        self.content = content
        super().__init__(
            f"Unexpected status code: {status_code}\n\nResponse content:\n{content.decode(errors='ignore')}"
        )


class ResponseValidationError(ValueError):
    """A response breaks the contract: a required field is missing or has the wrong JSON type.

    Raised when the field is read (models check lazily); ``path`` names it (``member.id``).
    """

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}" if path else problem)
        self.path = path
        self.problem = problem

    def __reduce__(self) -> tuple[object, ...]:
        return type(self), (self.path, self.problem)


class RequestValidationError(ValueError):
    """Input that cannot be sent as the operation's request: ``field`` is its wire path (``content.in_app``)."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}" if field else problem)
        self.field = field
        self.problem = problem

    def __reduce__(self) -> tuple[object, ...]:
        return type(self), (self.field, self.problem)


__all__ = ["RequestValidationError", "ResponseValidationError", "UnexpectedStatus"]
