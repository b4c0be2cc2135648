"""Who to contact, read from webapp/content/data/contacts.toml: one place for every phone number,
its opening hours, where it was published and when we last checked it."""

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

CONTACTS_FILE = Path(__file__).resolve().parent / "data" / "contacts.toml"


@dataclass(frozen=True)
class Contact:
    key: str
    name: str
    purpose: str
    phone: str
    hours: str
    website: str
    source: str
    checked: date
    note: str = ""

    @property
    def tel(self) -> str:
        """The number as a tel: link target, without spaces."""
        return "tel:" + self.phone.replace(" ", "")


@cache
def contacts() -> dict[str, Contact]:
    with open(CONTACTS_FILE, "rb") as file:
        data = tomllib.load(file)
    return {key: Contact(key=key, **item) for key, item in data.items()}


def contact(key: str) -> Contact | None:
    return contacts().get(key)
