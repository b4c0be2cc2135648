"""Where someone is: UK postcodes and Dorset place names, and distances between them."""

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from webapp.database import get_session
from webapp.models import Place

GAZETTEER_FILE = Path(__file__).resolve().parent / "data" / "gazetteer.csv"
# Dorset Council's local authority code in the ONS Postcode Directory.
DORSET_COUNCIL_CODE = "E06000059"
UNKNOWN_PLACE = _l(
    "We could not find that town or postcode in Dorset. Check it, or try the nearest town"
)

# A full UK postcode (outward and inward codes), or just the outward code (district).
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})?$")
# The longest place name, in words ("Sturminster Newton", "Winfrith Newburgh"), looked for in
# what someone typed; and the fewest letters a misspelt name may be wrong by to be suggested.
_LONGEST_NAME_WORDS = 3
_INWARD = re.compile(r"^[0-9][A-Za-z]{2}$")
_MOST_SPELLING_EDITS = 2


@dataclass(frozen=True)
class Point:
    name: str
    latitude: float
    longitude: float


def normalise_postcode(text: str) -> str | None:
    """'dt11xj' -> 'DT1 1XJ', 'dt1' -> 'DT1'; None if it is not a postcode's shape."""
    match = _POSTCODE.match(re.sub(r"\s+", " ", text.strip().upper()))
    if not match:
        return None
    outward, inward = match.groups()
    return f"{outward} {inward}" if inward else outward


def place_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def find_place(session: Session, text: str) -> Point | None:
    """A postcode (falling back to its district) or a town or village name, or None."""
    postcode = normalise_postcode(text)
    keys = [place_key(text)]
    if postcode and " " in postcode:
        keys = [place_key(postcode), place_key(postcode.split(" ")[0])]
    for key in keys:
        place = session.scalar(select(Place).where(Place.key == key))
        if place:
            name = postcode if postcode and " " in postcode else place.name
            return Point(name, place.latitude_e6 / 1e6, place.longitude_e6 / 1e6)
    return None


def place_in_words(session: Session, words: str) -> tuple[str, Point | None, str]:
    """A town, village or postcode named in search words ("befriending in Bridport", "lunch
    club DT6"): the words without it, the place, and the place as typed. The longest name wins,
    and the words are unchanged if none is named."""
    tokens = words.split()
    spans = {
        (start, start + length)
        for length in range(1, _LONGEST_NAME_WORDS + 1)
        for start in range(len(tokens) - length + 1)
    }
    keys = {span: place_key("".join(tokens[span[0] : span[1]])) for span in spans}
    known = {
        place.key: place
        for place in session.scalars(select(Place).where(Place.key.in_(set(keys.values()))))
    }
    found = [span for span in spans if keys[span] in known]
    if not found:
        return words, None, ""
    start, end = max(found, key=lambda span: (span[1] - span[0], -span[0]))
    place = known[keys[(start, end)]]
    if place.kind == "district" and end < len(tokens) and _INWARD.match(tokens[end]):
        end += 1  # a full postcode not loaded: its district is near enough
    typed = " ".join(tokens[start:end])
    name = normalise_postcode(typed) if place.kind in ("postcode", "district") else place.name
    point = Point(name or place.name, place.latitude_e6 / 1e6, place.longitude_e6 / 1e6)
    return " ".join(tokens[:start] + tokens[end:]), point, typed


def nearest_place_name(session: Session, text: str) -> str | None:
    """The town or village whose name is closest in spelling to a place we could not find
    ("Dorchster" -> "Dorchester"), or None if none is close."""
    if normalise_postcode(text):
        return None
    names = session.scalars(select(Place.name).where(Place.kind.in_(("town", "village")))).all()
    found = process.extractOne(
        text.strip(),
        names,
        scorer=DamerauLevenshtein.distance,
        processor=str.lower,
        score_cutoff=_MOST_SPELLING_EDITS,
    )
    return found[0] if found else None


def unknown_place_message(suggestion: str | None) -> str:
    """The error for a place we could not find, naming the closest known one if any."""
    if suggestion is None:
        return str(UNKNOWN_PLACE)
    # The suggestion is a gazetteer name, never what was typed; gettext gives plain text.
    return _(
        "We could not find that town or postcode in Dorset. Did you mean %(place)s?",
        place=suggestion,
    )


def gazetteer_rows() -> Iterator[dict]:
    with open(GAZETTEER_FILE, encoding="utf-8") as file:
        yield from csv.DictReader(line for line in file if not line.startswith("#"))


def load_gazetteer(session: Session) -> int:
    """Replace the towns, villages and districts with those in the shipped gazetteer file."""
    session.execute(delete(Place).where(Place.kind != "postcode"))
    count = 0
    for row in gazetteer_rows():
        session.add(
            Place(
                key=place_key(row["name"]),
                name=row["name"],
                kind=row["kind"],
                area=row["area"],
                latitude_e6=round(float(row["latitude"]) * 1e6),
                longitude_e6=round(float(row["longitude"]) * 1e6),
            )
        )
        count += 1
    return count


def load_postcode_directory(session: Session, lines: Iterable[str]) -> int:
    """Load live Dorset postcodes from a file in the ONS Postcode Directory CSV layout
    (columns pcds, doterm, oslaua, lat, long), replacing any loaded before."""
    session.execute(delete(Place).where(Place.kind == "postcode"))
    count = 0
    for row in csv.DictReader(lines):
        if row.get("oslaua") != DORSET_COUNCIL_CODE or row.get("doterm"):
            continue
        postcode = normalise_postcode(row["pcds"])
        if not postcode:
            continue
        session.add(
            Place(
                key=place_key(postcode),
                name=postcode,
                kind="postcode",
                latitude_e6=round(float(row["lat"]) * 1e6),
                longitude_e6=round(float(row["long"]) * 1e6),
            )
        )
        count += 1
    return count


def place_in_dorset(field) -> Point | None:
    """The place a form's town or postcode field names, or None with an error on the field."""
    place = find_place(get_session(), field.data or "")
    if place is None:
        field.errors.append(UNKNOWN_PLACE)
    return place
