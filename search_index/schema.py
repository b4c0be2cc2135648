"""One schema for everything the site searches: directory listings and advice pages."""

from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import BOOLEAN, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

# Words are stemmed so "carers" finds "carer"; spelling=True keeps whole words for suggestions.
_words = StemmingAnalyzer()


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        # "listing" or "page": lets one search be narrowed to services or to advice.
        doc_type=ID(stored=True),
        title=TEXT(analyzer=_words, stored=True, field_boost=3.0, spelling=True),
        summary=TEXT(analyzer=_words, stored=True, spelling=True),
        body=TEXT(analyzer=_words, spelling=True),
        url=STORED(),
        kind=KEYWORD(stored=True, commas=True, lowercase=True),
        help_types=KEYWORD(stored=True, commas=True, lowercase=True),
        area=KEYWORD(stored=True, commas=True, lowercase=True),
        town=STORED(),
        funding=KEYWORD(stored=True, commas=True, lowercase=True),
        registered=BOOLEAN(stored=True),
        dementia_friendly=BOOLEAN(stored=True),
        wheelchair_accessible=BOOLEAN(stored=True),
        # Sortable numbers as integers: Whoosh's sortable floats crash. Degrees x 1,000,000.
        latitude_e6=NUMERIC(bits=64, signed=True, stored=True, sortable=True),
        longitude_e6=NUMERIC(bits=64, signed=True, stored=True, sortable=True),
    )
