class InputError(ValueError):
    """Input the calculators cannot use, with the field it is about and a plain message."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def as_dict(self) -> dict:
        return {"error": self.message, "field": self.field}
