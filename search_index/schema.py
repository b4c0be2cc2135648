"""One schema for everything the site searches: directory listings and advice pages."""

from whoosh.fields import BOOLEAN, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from search_index.analysis import WORDS, group_tokens

# spelling=True keeps the whole words as well as the stems, so "Did you mean" suggests real
# words rather than stems.
SPELLING_FIELDS = ("title", "summary", "topics", "place")
# A search's words are matched in one field that holds all the text, the more important parts
# repeated so they weigh more: one field is several times quicker to search than five.
WEIGHTS = {"title": 3, "summary": 2, "topics": 2, "body": 1, "place": 1}
# What a document is about: its name and its kinds of help (a listing) or its topic (an advice
# page). One that matches here ranks above one that only mentions the words, as a listing's
# summary may mention other services ("lifts to ... day centres").
HEADLINE_FIELDS = ("title", "topics")
# Filter groups: each is a field whose values can be chosen, with counts.
FACET_FIELDS = (
    "doc_type",
    "kind",
    "help_types",
    "area",
    "funding",
    "registered",
    "dementia_friendly",
    "wheelchair_accessible",
    "availability",
)
BOOLEAN_FACETS = ("registered", "dementia_friendly", "wheelchair_accessible")


# Raised whenever the schema changes, so every index built with the old one is rebuilt.
SCHEMA_VERSION = 7


def _whole_number() -> NUMERIC:
    return NUMERIC(int, bits=32, signed=True, stored=True, sortable=True, shift_step=0)


def with_content(document: dict) -> dict:
    """The document as indexed: its text parts gathered, by weight, into `content`."""
    parts = [(document.get(name) or "") for name, weight in WEIGHTS.items() for _ in range(weight)]
    indexed = {key: value for key, value in document.items() if key != "body"}
    text = " ".join(parts)
    indexed["content"] = " ".join([text, *group_tokens(text)])
    headline = " ".join(document.get(name) or "" for name in HEADLINE_FIELDS)
    indexed["headline"] = " ".join([headline, *group_tokens(headline)])
    return indexed


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        # "listing" or "page": lets one search be narrowed to services or to advice.
        doc_type=ID(stored=True),
        slug=ID(stored=True),
        content=TEXT(analyzer=WORDS),
        # The HEADLINE_FIELDS alone, searched to rank documents about the words first.
        headline=TEXT(analyzer=WORDS),
        # These are kept for showing and for spelling suggestions (the long body is not: too
        # costly to index twice); searches use `content`.
        title=TEXT(analyzer=WORDS, stored=True, spelling=True, sortable=True),
        summary=TEXT(analyzer=WORDS, stored=True, spelling=True),
        # The kinds of help or the topic, in the words people use.
        topics=TEXT(analyzer=WORDS, spelling=True),
        place=TEXT(analyzer=WORDS, spelling=True),
        url=STORED(),
        town=STORED(),
        kind=KEYWORD(stored=True, commas=True),
        help_types=KEYWORD(stored=True, commas=True),
        area=KEYWORD(stored=True, commas=True),
        funding=KEYWORD(stored=True, commas=True),
        # What the provider last said: taking_new, waiting_list or full.
        availability=KEYWORD(stored=True, commas=True),
        registered=BOOLEAN(stored=True),
        dementia_friendly=BOOLEAN(stored=True),
        wheelchair_accessible=BOOLEAN(stored=True),
        is_sample=BOOLEAN(stored=True),
        # Sortable numbers as integers: Whoosh's sortable floats crash. Degrees x 1,000,000,
        # and money in pence. They are read from columns, never searched by range, so one term
        # each (shift_step=0) rather than a tier of sixteen keeps indexing quick.
        latitude_e6=_whole_number(),
        longitude_e6=_whole_number(),
        cost_pence=_whole_number(),
    )
