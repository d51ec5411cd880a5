from enum import StrEnum


class IdentityInputType(StrEnum):
    EMAIL = "email"

    def __str__(self) -> str:
        return str(self.value)
