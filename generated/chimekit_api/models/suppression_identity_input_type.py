from enum import StrEnum


class SuppressionIdentityInputType(StrEnum):
    EMAIL = "email"

    def __str__(self) -> str:
        return str(self.value)
