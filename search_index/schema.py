"""One schema for everything the site searches: directory listings and advice pages."""

from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import BOOLEAN, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

# Words are stemmed so "carers" finds "carer"; spelling=True also keeps the whole words, so
# "Did you mean" suggests real words rather than stems.
WORDS = StemmingAnalyzer()
# Fields a search's words are looked for in, and how much a match in each counts.
TEXT_FIELDS = ("title", "summary", "body", "place")
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
)
BOOLEAN_FACETS = ("registered", "dementia_friendly", "wheelchair_accessible")


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        # "listing" or "page": lets one search be narrowed to services or to advice.
        doc_type=ID(stored=True),
        slug=ID(stored=True),
        title=TEXT(analyzer=WORDS, stored=True, field_boost=3.0, spelling=True, sortable=True),
        summary=TEXT(analyzer=WORDS, stored=True, field_boost=1.5, spelling=True),
        body=TEXT(analyzer=WORDS, spelling=True),
        place=TEXT(analyzer=WORDS, field_boost=1.5, spelling=True),
        url=STORED(),
        town=STORED(),
        kind=KEYWORD(stored=True, commas=True),
        help_types=KEYWORD(stored=True, commas=True),
        area=KEYWORD(stored=True, commas=True),
        funding=KEYWORD(stored=True, commas=True),
        registered=BOOLEAN(stored=True),
        dementia_friendly=BOOLEAN(stored=True),
        wheelchair_accessible=BOOLEAN(stored=True),
        is_sample=BOOLEAN(stored=True),
        # Sortable numbers as integers: Whoosh's sortable floats crash. Degrees x 1,000,000,
        # and money in pence.
        latitude_e6=NUMERIC(bits=64, signed=True, stored=True, sortable=True),
        longitude_e6=NUMERIC(bits=64, signed=True, stored=True, sortable=True),
        cost_pence=NUMERIC(bits=64, signed=True, stored=True, sortable=True),
    )
