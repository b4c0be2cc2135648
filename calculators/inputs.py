"""Reading the JSON the command line and the API take: amounts as Decimal, checked, with a plain
message and the field's name for anything we cannot use."""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from calculators.errors import InputError
from calculators.money import AmountTextError, read_amount

MAX_AMOUNT = Decimal("100000000")


def _label(field: str) -> str:
    return field.rsplit(".", 1)[-1].replace("_", " ")


class Reader:
    """Reads fields from one JSON object; finish() rejects any field nobody asked for."""

    def __init__(self, data: Any, prefix: str = ""):
        if not isinstance(data, Mapping):
            raise InputError(
                f"{_label(prefix) if prefix else 'The input'} must be a JSON object", prefix or None
            )
        self.data = data
        self.prefix = prefix
        self.seen: set[str] = set()

    def path(self, name: str) -> str:
        return f"{self.prefix}.{name}" if self.prefix else name

    def _get(self, name: str, required: bool) -> Any:
        self.seen.add(name)
        value = self.data.get(name)
        if value is None and required:
            raise InputError(f"Enter the {_label(name)}: it is required", self.path(name))
        return value

    def money(self, name: str, default: Decimal | None = None, required: bool = False) -> Decimal:
        value = self._get(name, required and default is None)
        if value is None:
            return default
        if isinstance(value, str):
            amount = self._written_amount(name, value)
        else:
            amount = self._number(name, value, "an amount in pounds, like 250.50")
        if amount < 0:
            raise InputError(f"The {_label(name)} cannot be negative", self.path(name))
        if amount > MAX_AMOUNT:
            raise InputError(f"The {_label(name)} must be £100 million or less", self.path(name))
        return amount

    def fraction(
        self, name: str, default: Decimal | None = Decimal(0), most: Decimal = Decimal(1)
    ) -> Decimal | None:
        value = self._get(name, False)
        if value is None:
            return default
        rate = self._number(name, value, "a fraction, like 0.05 for 5%")
        if not 0 <= rate <= most:
            raise InputError(
                f"The {_label(name)} must be a fraction from 0 to {most}, like 0.05 for 5%",
                self.path(name),
            )
        return rate

    def whole(
        self, name: str, default: int | None, least: int, most: int, required: bool = False
    ) -> int | None:
        value = self._get(name, required)
        if value is None:
            return default
        number = self._number(name, value, "a whole number")
        if number != number.to_integral_value() or not least <= number <= most:
            raise InputError(
                f"The {_label(name)} must be a whole number from {least} to {most}", self.path(name)
            )
        return int(number)

    def boolean(self, name: str, default: bool = False) -> bool:
        value = self._get(name, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise InputError(f"The {_label(name)} must be true or false", self.path(name))
        return value

    def choice(self, name: str, options: tuple[str, ...], default: str | None = None) -> str:
        value = self._get(name, default is None)
        if value is None:
            return default
        if value not in options:
            raise InputError(
                f"The {_label(name)} must be one of: {', '.join(options)}", self.path(name)
            )
        return value

    def day(self, name: str, default: date | None = None) -> date:
        value = self._get(name, default is None)
        if value is None:
            return default
        if isinstance(value, str) and len(value) == 10:
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise InputError(
            f"The {_label(name)} must be a date from 0001-01-01 to 9999-12-31, written as "
            "YYYY-MM-DD, like 2026-11-23",
            self.path(name),
        )

    def text(self, name: str, default: str | None = None) -> str:
        value = self._get(name, default is None)
        if value is None:
            return default
        if not isinstance(value, str) or len(value) > 200:
            raise InputError(
                f"The {_label(name)} must be text of up to 200 characters", self.path(name)
            )
        return value

    def choices(self, name: str, options: tuple[str, ...], most: int) -> tuple[str, ...]:
        """A list of values, each one of the options (repeats allowed)."""
        value = self._get(name, False)
        if value is None:
            return ()
        if not isinstance(value, list) or len(value) > most:
            raise InputError(
                f"The {_label(name)} must be a list of up to {most} items", self.path(name)
            )
        for item in value:
            if not isinstance(item, str) or item not in options:
                raise InputError(
                    f"Each of the {_label(name)} must be one of: {', '.join(options)}",
                    self.path(name),
                )
        return tuple(value)

    def is_object(self, name: str) -> bool:
        return isinstance(self.data.get(name), Mapping)

    def child(self, name: str, required: bool = False) -> "Reader | None":
        value = self._get(name, required)
        return None if value is None else Reader(value, self.path(name))

    def children(self, name: str, most: int) -> list["Reader"]:
        value = self._get(name, False)
        if value is None:
            return []
        if not isinstance(value, list) or len(value) > most:
            raise InputError(
                f"The {_label(name)} must be a list of up to {most} items", self.path(name)
            )
        return [Reader(item, f"{self.path(name)}[{index}]") for index, item in enumerate(value)]

    def finish(self) -> None:
        unknown = sorted(set(self.data) - self.seen)
        if unknown:
            raise InputError(f"We do not recognise the field {unknown[0]!r}", self.path(unknown[0]))

    def _written_amount(self, name: str, text: str) -> Decimal:
        """An amount sent as text, read as the planner reads what people type ("£1,234.50")."""
        try:
            return read_amount(text)
        except AmountTextError as error:
            problem = (
                "cannot be negative"
                if error.negative
                else 'must be an amount in pounds, like 250.50 or "£1,234.50"'
            )
            raise InputError(f"The {_label(name)} {problem}", self.path(name)) from None

    def _number(self, name: str, value: Any, example: str) -> Decimal:
        # bool is an int in Python, but true is never a number; text is a number only for amounts
        # of money (see money()), as the OpenAPI document says.
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            raise InputError(f"The {_label(name)} must be {example}", self.path(name))
        number = Decimal(str(value))
        if not number.is_finite():
            raise InputError(f"The {_label(name)} must be {example}", self.path(name))
        return number
