"""Sample directory data: realistic but fictional providers, and the real extra care schemes.

The providers are made up, generated from a fixed seed so every run gives the same ones. Their
phone numbers come from Ofcom's ranges reserved for drama (01632 960xxx and 07700 900xxx) and
their email addresses and websites are at example.org, so none belongs to a real person. Every one
is marked as sample data. The benchmarks use the same generator for bigger directories.

The extra care schemes are real: those the council's strategies name, with only the facts the
strategies give and a note of where each came from.
"""

import random
import re
from collections.abc import Iterator
from datetime import date, timedelta

from search_index.engine import miles_between
from webapp.directory.places import gazetteer_rows

SAMPLE_SEED = 2026
SAMPLE_COUNT = 150
CHECKED_BY = date(2026, 11, 1)

FIRST_NAMES = (
    "Ann",
    "Barbara",
    "Carol",
    "Diane",
    "Eileen",
    "Fiona",
    "Gillian",
    "Helen",
    "Irene",
    "Janet",
    "Karen",
    "Linda",
    "Margaret",
    "Nicola",
    "Pauline",
    "Rachel",
    "Sandra",
    "Tracy",
    "Wendy",
    "Alan",
    "Brian",
    "Colin",
    "David",
    "Edward",
    "Frank",
    "Graham",
    "Ian",
    "John",
    "Keith",
    "Martin",
    "Neil",
    "Peter",
    "Richard",
    "Simon",
    "Trevor",
    "Mo",
    "Priya",
    "Tomasz",
    "Grace",
)
SURNAMES = (
    "Ashdown",
    "Barnes",
    "Chafey",
    "Dibben",
    "Eldridge",
    "Frampton",
    "Gale",
    "Hardy",
    "Ivamy",
    "Jesty",
    "Kellaway",
    "Loder",
    "Marsh",
    "Newman",
    "Oliver",
    "Pitman",
    "Rideout",
    "Samways",
    "Toop",
    "Upward",
    "Vincent",
    "Warr",
    "Yeatman",
    "Cobb",
    "Hansford",
    "Lush",
    "Puckett",
)
NAME_PATTERNS = {
    "befriending": ("{town} Friends at Home", "{first}'s Good Company", "Cuppa and Chat {town}"),
    "sitting_service": ("{surname} Sitters", "{valley} Sitting Service", "Time Out {town}"),
    "respite": ("{valley} Carers' Breaks", "Breathing Space {town}", "{first}'s Respite Care"),
    "transport": ("{valley} Wheels", "{first}'s Lifts", "{town} Community Car Scheme"),
    "shopping": ("{first}'s Errands", "{town} Shop and Drop", "Basket Runners {valley}"),
    "home_help": ("{surname} Home Help", "Sparkle {town}", "{valley} Helping Hands"),
    "personal_care": ("{surname} Care", "{valley} Home Care", "Kind Hands {town}"),
    "meals": ("{first}'s Kitchen Table", "{town} Lunch Club", "Hot Pot {valley}"),
    "day_opportunities": ("{valley} Days Out", "The {town} Hub", "Green Fingers {valley}"),
    "dementia_support": (
        "{town} Memory Cafe",
        "Forget Me Not {valley}",
        "Singing for the Brain {town}",
    ),
    "gardening": ("{surname} Gardens and Odd Jobs", "{valley} Handy Help", "Pottering {town}"),
    "exercise": ("Steady Steps {town}", "{valley} Walking Group", "Seated Exercise {town}"),
}
# Dorset's vales and valleys and roughly where each lies (latitude, longitude), so a provider
# named after one is based near it; Wessex, the old kingdom, fits anywhere in Dorset.
VALLEYS = {
    "Blackmore Vale": (50.93, -2.33),
    "Stour Valley": (50.86, -2.17),
    "Piddle Valley": (50.76, -2.30),
    "Marshwood Vale": (50.78, -2.85),
    "Frome Valley": (50.73, -2.45),
    "Purbeck": (50.63, -2.05),
    "Cranborne Chase": (50.95, -2.05),
    "Allen Valley": (50.87, -1.97),
    "Char Valley": (50.76, -2.87),
}
EVERYWHERE = "Wessex"
VALLEY_MILES = 10
OFFERS = {
    "befriending": (
        "We visit people at home each week for a chat, a cup of tea and a game of cards.",
        "Regular friendly visits for people who live alone and would like more company.",
        "A volunteer or paid companion calls in, or rings for a chat on days nobody visits.",
    ),
    "sitting_service": (
        "A trained sitter stays with the person you care for so you can have a few hours off.",
        "We sit with your relative, day or evening, so you can get to appointments or rest.",
    ),
    "respite": (
        "Planned short breaks for unpaid carers, with care at home while you are away.",
        "Overnight and weekend cover so carers can take a proper break.",
    ),
    "transport": (
        "Door-to-door lifts to GP and hospital appointments, the shops and day centres.",
        "A friendly driver who waits with you and helps you in and out of the car.",
    ),
    "shopping": (
        "We do your weekly shop, collect prescriptions and post letters.",
        "Accompanied shopping trips for people who want to choose their own things.",
    ),
    "home_help": (
        "Cleaning, laundry, ironing and changing beds, by the same person each week.",
        "Help around the house so you can keep living independently.",
    ),
    "personal_care": (
        "Help getting up, washing, dressing and going to bed, from a small team you get to know.",
        "Personal care visits at times that suit you, including early mornings and evenings.",
    ),
    "meals": (
        "Home-cooked meals delivered hot or ready to heat, with special diets catered for.",
        "A weekly lunch club with a two-course meal and good company.",
    ),
    "day_opportunities": (
        "Days out with a small group: garden centres, the coast, museums and country pubs.",
        "A day of gardening, crafts and conversation at our smallholding, with lunch included.",
        "Creative sessions: painting, music and reminiscence in a relaxed setting.",
    ),
    "dementia_support": (
        "A friendly monthly cafe for people living with dementia and the people who care for them.",
        "Activities that help memory and confidence, run by staff trained in dementia care.",
    ),
    "gardening": (
        "Lawn mowing, hedge trimming and small repairs by someone local you can trust.",
        "Odd jobs around the home and garden, from changing light bulbs to fitting grab rails.",
    ),
    "exercise": (
        "Gentle seated exercise to music that helps strength and balance and prevents falls.",
        "Short, sociable walks at an easy pace, finishing with tea and cake.",
    ),
}
WHO_FOR = (
    "Older people living in their own homes.",
    "Adults of any age who need a little help to stay independent.",
    "People living with dementia and their carers.",
    "Unpaid carers and the people they look after.",
    "Older people who feel lonely or isolated, especially in rural areas.",
)
COST_UNITS = {
    "befriending": ("visit", 0, 1800),
    "sitting_service": ("hour", 1600, 2600),
    "respite": ("hour", 1900, 3000),
    "transport": ("trip", 500, 2500),
    "shopping": ("hour", 1500, 2400),
    "home_help": ("hour", 1600, 2500),
    "personal_care": ("hour", 2600, 3400),
    "meals": ("meal", 450, 900),
    "day_opportunities": ("session", 2000, 6000),
    "dementia_support": ("session", 0, 800),
    "gardening": ("hour", 1600, 2800),
    "exercise": ("session", 0, 600),
}
# Related help a provider often offers alongside its main one.
ALSO_OFFERS = {
    "befriending": ("shopping", "transport"),
    "sitting_service": ("respite", "dementia_support"),
    "respite": ("sitting_service", "personal_care"),
    "transport": ("shopping",),
    "shopping": ("befriending", "home_help"),
    "home_help": ("shopping", "meals"),
    "personal_care": ("home_help", "sitting_service", "dementia_support"),
    "meals": ("befriending",),
    "day_opportunities": ("transport", "meals", "dementia_support"),
    "dementia_support": ("befriending", "day_opportunities"),
    "gardening": ("home_help",),
    "exercise": ("befriending",),
}
# What a provider last said about taking new people; many have not said.
AVAILABILITY = ("taking_new", "taking_new", "waiting_list", "full", "", "")
OPENING = (
    "MO,TU,WE,TH,FR 09:00-17:00",
    "MO,TU,WE,TH,FR 08:00-20:00; SA,SU 09:00-13:00",
    "TU,TH 10:00-15:00",
    "MO,TU,WE,TH,FR,SA,SU 07:00-22:00",
    "WE 10:00-12:00",
)
CQC_RATINGS = ("Good", "Good", "Good", "Outstanding", "Requires improvement")
LANGUAGES = ("English", "English", "English", "English; Polish", "English; British Sign Language")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _nearby(towns: list[dict], home: dict, count: int) -> list[str]:
    def squared_distance(other: dict) -> float:
        return (float(other["latitude"]) - float(home["latitude"])) ** 2 + (
            float(other["longitude"]) - float(home["longitude"])
        ) ** 2

    return [town["name"] for town in sorted(towns, key=squared_distance)[:count]]


def _valleys_near(home: dict) -> list[str]:
    here = (float(home["latitude"]), float(home["longitude"]))
    near = [name for name, point in VALLEYS.items() if miles_between(here, point) <= VALLEY_MILES]
    return [*near, EVERYWHERE]


def _unused_name(
    chosen: str, patterns: tuple[str, ...], facts: dict, valleys: list[str], used: set[str]
) -> str:
    """The chosen pattern's name or, if a provider already has it, the next pattern's, one with
    another valley near by or the person's full name; numbered only when all are taken (big
    benchmark directories), so no two providers share a name."""
    start = patterns.index(chosen)
    full_name = f"{facts['first']} {facts['surname']}"
    names = [
        pattern.format(**(facts | {"valley": valley, "first": first}))
        for first in (facts["first"], full_name)
        for pattern in patterns[start:] + patterns[:start]
        for valley in dict.fromkeys([facts["valley"], *valleys])
    ]
    name = next((name for name in names if name not in used), names[0])
    number = 2
    while name in used:
        name, number = f"{names[0]} {number}", number + 1
    return name


def generate_providers(count: int = SAMPLE_COUNT, seed: int = SAMPLE_SEED) -> Iterator[dict]:
    """Fictional providers as import records (the directory CSV's columns)."""
    rng = random.Random(seed)  # noqa: S311  (repeatable made-up data, not security)
    places = [row for row in gazetteer_rows() if row["kind"] in ("town", "village")]
    # Bigger places get more providers, as they would.
    weights = [4 if row["kind"] == "town" else 1 for row in places]
    used: set[str] = set()
    for number in range(count):
        home = rng.choices(places, weights)[0]
        main = rng.choice(list(OFFERS))
        kind = (
            "day_opportunity"
            if main == "day_opportunities"
            else rng.choice(
                ("micro_provider", "micro_provider", "micro_provider", "community_group")
            )
        )
        helps = [main, *rng.sample(ALSO_OFFERS[main], k=rng.randint(0, len(ALSO_OFFERS[main])))]
        first, surname = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        valleys = _valleys_near(home)
        facts = {
            "town": home["name"],
            "first": first,
            "surname": surname,
            "valley": rng.choice(valleys),
        }
        pattern = rng.choice(NAME_PATTERNS[main])
        name = _unused_name(pattern, NAME_PATTERNS[main], facts, valleys, used)
        used.add(name)
        slug = _slug(name)
        offers = [rng.choice(OFFERS[help_code]) for help_code in helps]
        unit, low, high = COST_UNITS[main]
        pence = rng.randrange(low, high + 1, 50) if high else 0
        registered = main == "personal_care" or "personal_care" in helps
        checked = CHECKED_BY - timedelta(days=rng.randint(0, 330))
        availability = rng.choice(AVAILABILITY)
        dementia = "dementia_support" in helps or rng.random() < 0.3
        phone = (
            f"07700 900{rng.randint(0, 999):03d}"
            if kind == "micro_provider" and rng.random() < 0.5
            else f"01632 960{rng.randint(0, 999):03d}"
        )
        funding = ["self_funders"]
        if kind != "community_group" or rng.random() < 0.3:
            funding.append("direct_payments")
        if rng.random() < 0.4:
            funding.append("individual_service_funds")
        yield {
            "id": f"sample-{number + 1:06d}",
            "slug": slug,
            "name": name,
            "organisation": name
            if kind != "community_group"
            else f"{home['name']} Community Trust",
            "kind": kind,
            "summary": offers[0],
            "description": " ".join(offers[1:])
            + f" Run by {first} {surname} and a small local team based in {home['name']}.",
            "who_for": rng.choice(WHO_FOR),
            "help_types": "; ".join(dict.fromkeys(helps)),
            "area": home["area"],
            "town": home["name"],
            "address": "",
            "postcode": "",
            "latitude": home["latitude"],
            "longitude": home["longitude"],
            "service_areas": "; ".join(_nearby(places, home, rng.randint(2, 6))),
            "phone": phone,
            "email": f"{slug}@example.org",
            "website": f"https://example.org/{slug}",
            "contact_name": f"{first} {surname}",
            "cost_description": "Free" if not pence else "",
            "cost_amount": f"{pence / 100:.2f}" if pence else "",
            "cost_unit": unit if pence else "",
            "opening_times": rng.choice(OPENING),
            "funding": "; ".join(funding),
            "cqc_registered": "yes" if registered else "no",
            "cqc_rating": rng.choice(CQC_RATINGS) if registered else "",
            "cqc_rating_date": (checked - timedelta(days=rng.randint(60, 900))).isoformat()
            if registered
            else "",
            "dementia_friendly": "yes" if dementia else "no",
            "wheelchair_accessible": "yes" if rng.random() < 0.6 else "no",
            "languages": rng.choice(LANGUAGES),
            "minimum_age": "18",
            "last_checked": checked.isoformat(),
            "availability": availability,
            "availability_updated_on": checked.isoformat() if availability else "",
            "is_sample": "yes",
            "source_note": "Sample data: a made-up provider for trying out the directory.",
        }


DORSET_EXTRA_CARE_DEFINITION = (
    "In Dorset a scheme counts as extra care housing when it has self-contained flats, "
    "communal areas, hot meals on site and a care team available 24 hours a day."
)
STRATEGY_2022 = (
    "Dorset Council, Commissioning for A Better Life for Older People with Support Needs in "
    "Dorset: Our Strategy 2022-27"
)
INTENTIONS_2017 = "Dorset Care commissioning intentions, version 3, 2 March 2017"


def _scheme(slug: str, name: str, town: str, **facts) -> dict:
    place = next(row for row in gazetteer_rows() if row["name"] == town)
    return {
        "id": f"scheme-{slug}",
        "slug": slug,
        "name": name,
        "organisation": "Dorset Council",
        "kind": "extra_care_scheme",
        "help_types": "housing_with_care; personal_care; meals",
        "area": place["area"],
        "town": town,
        "latitude": place["latitude"],
        "longitude": place["longitude"],
        "service_areas": "Dorset Council area",
        "who_for": "People who need care and support and want a home of their own. Dorset "
        "sees extra care as suitable for people of any age who need it, not only over-55s.",
        "care_team_24_hours": "yes",
        "meals": "yes",
        "communal_facilities": "Communal areas (details to be confirmed)",
        "last_checked": "2026-11-25",
        "is_sample": "no",
        **facts,
    }


def extra_care_schemes() -> list[dict]:
    """The schemes the council's strategies name, with the facts current sources give (each
    source and the date checked in the scheme's source note)."""
    return [
        _scheme(
            "poundbury-extra-care",
            "Poundbury extra care housing",
            "Poundbury",
            summary="An extra care scheme planned at Poundbury, Dorchester, that has not been "
            "built.",
            description="The Crown Gate site at Poundbury was set aside in 2017 for an extra "
            "care scheme. It was never built. In December 2025 Places for People showed "
            "Dorchester Town Council outline plans for 57 ordinary homes on the site instead. "
            + DORSET_EXTRA_CARE_DEFINITION,
            scheme_status="planned",
            source_note="Local Democracy Reporting Service, 2 December 2025: the Crown Gate "
            "site, earmarked since 2017 for a 76-home extra care scheme that was never built, "
            "now has outline plans for 57 homes (checked 2026-11-25). "
            f"{INTENTIONS_2017} had given 60 flats due in autumn 2017.",
        ),
        _scheme(
            "gillingham-extra-care",
            "Gillingham extra care housing",
            "Gillingham",
            summary="St Martin's House: 55 extra care flats for social rent in Gillingham.",
            description="St Martin's House in Queen Street, Gillingham, has 55 one- and "
            "two-bedroom flats for social rent, for people with care and support needs who "
            "live in Dorset. Magna, a Dorset housing association, built it with Dorset "
            "Council, and Care Dorset provides the care. " + DORSET_EXTRA_CARE_DEFINITION,
            flats="55",
            tenures="rent",
            landlord="Magna Housing",
            care_provider="Care Dorset",
            communal_facilities="Gardens, a courtyard, mobility scooter stores and electric "
            "car charging",
            scheme_status="open",
            source_note="Magna Housing, St Martin's extra care scheme topped out; local news "
            "report that the scheme is open and welcoming its first residents (checked "
            f"2026-11-25). {INTENTIONS_2017}: about 55 units planned.",
        ),
        _scheme(
            "bridport-extra-care",
            "Bridport extra care housing",
            "Bridport",
            summary="Planned extra care housing for affordable rent off Flood Lane, Bridport.",
            description="Dorset Council plans an extra care scheme off Flood Lane in "
            "Bridport, as part of its Bridport Gateway development with a care home and "
            "respite beds. The flats are to be rented at affordable rents. "
            + DORSET_EXTRA_CARE_DEFINITION
            + " Size and opening date to be confirmed.",
            tenures="rent",
            scheme_status="planned",
            source_note="Dorset Council, Bridport Gateway page (checked 2026-11-25): a "
            "purpose-built extra care scheme off Flood Lane, rental only at affordable rents. "
            f"{STRATEGY_2022}: a substantial development planned in Bridport.",
        ),
        _scheme(
            "wareham-extra-care",
            "Wareham extra care housing",
            "Wareham",
            summary="Planned extra care housing at Purbeck Gateway, Worgret Road, Wareham.",
            description="Purbeck Gateway is Dorset Council's plan for the former middle "
            "school site near Wareham town centre. Plans approved in March 2022 include "
            "extra care housing, supported living, space for a GP surgery and a community "
            "restaurant: about 90 affordable homes in all for adults with care and support "
            "needs. " + DORSET_EXTRA_CARE_DEFINITION + " Opening date to be confirmed.",
            scheme_status="planned",
            source_note="Dorset Council, Accommodation with support: Purbeck Gateway "
            "(checked 2026-11-25): about 90 affordable homes, plans approved by Cabinet on "
            f"1 March 2022. {STRATEGY_2022} listed a Wareham scheme and a Purbeck "
            "development separately; they are the same plan.",
        ),
        _scheme(
            "purbeck-extra-care",
            "Purbeck extra care housing",
            "Wareham",
            summary="The Purbeck extra care development is the Purbeck Gateway scheme in Wareham.",
            description="The council's 2022 strategy named a Purbeck development as well as "
            "a Wareham scheme. They are one plan: Purbeck Gateway, on Worgret Road in "
            "Wareham. See that listing. " + DORSET_EXTRA_CARE_DEFINITION,
            scheme_status="planned",
            source_note="Dorset Council, Accommodation with support: Purbeck Gateway "
            f"(checked 2026-11-25). {STRATEGY_2022}: a substantial development planned in "
            "Purbeck.",
        ),
    ]


def sample_records() -> list[dict]:
    return [*extra_care_schemes(), *generate_providers()]
