"""Errors the generated code raises."""


class UnexpectedStatus(Exception):
    """Raised by api functions when the response status an undocumented status and Client.raise_on_unexpected_status is True"""

    def __init__(self, status_code: int, content: bytes):
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


__all__ = ["ResponseValidationError", "UnexpectedStatus"]
