"""How text becomes terms: stemming, the words carers type, and the words that need not match.

VOCABULARY is the one list of the everyday words people use for each kind of help. It is applied
when indexing: a document that mentions any phrase of a group also gets the group's own token, so
a search for any phrase is one term lookup, not a cluster of phrases. Phrases are compared by
their stems, so plurals and other endings ("sitters", "carers breaks") match too.
"""

import re

from whoosh.analysis import StemmingAnalyzer
from whoosh.lang.porter import stem

# Words are stemmed so "carers" finds "carer".
WORDS = StemmingAnalyzer()

# The most words and characters of a query that are read: enough for any real question, and a
# ceiling on the work one request can cause.
MAX_WORDS = 12
MAX_QUERY_CHARACTERS = 200
MAX_WORD_CHARACTERS = 30

# Each group: the everyday phrases that mean one kind of help. Groups stay narrow, since every
# document mentioning a phrase is found by all the others.
VOCABULARY = (
    ("day centre", "day center", "day care", "day opportunity", "day service", "day club"),
    (
        "sitter",
        "sitting service",
        "sit with",
        "someone to sit with",
        "granny sitter",
    ),
    (
        "carer break",
        "carers break",
        "break for carers",
        "respite",
        "respite care",
        "short break",
        "time off",
    ),
    (
        "cleaner",
        "cleaning",
        "home help",
        "housework",
        "domestic help",
        "housekeeping",
        "ironing",
        "laundry",
    ),
    (
        "lift",
        "transport",
        "driver",
        "driving",
        "community car",
        "car scheme",
        "taxi",
        "hospital transport",
    ),
    ("dementia", "memory", "memory loss", "alzheimers", "alzheimer", "forgetful", "confused"),
    (
        "befriending",
        "befriender",
        "companion",
        "companionship",
        "someone to visit",
        "someone to talk to",
        "visitor",
        "lonely",
        "loneliness",
        "isolated",
        "isolation",
        "friendship",
    ),
    ("shopping", "errands", "prescriptions", "groceries", "supermarket"),
    (
        "personal care",
        "washing",
        "dressing",
        "bathing",
        "showering",
        "getting up",
        "home care",
        "domiciliary care",
        "care at home",
    ),
    ("lunch club", "luncheon club"),
    (
        "meals",
        "meals on wheels",
        "hot meal",
        "cooking",
        "cooked meal",
    ),
    ("gardening", "gardener", "garden", "handyman", "handy man", "odd jobs", "diy", "lawn"),
    ("pets", "pet care", "dog walking", "dog walker"),
    ("exercise", "keep fit", "fitness", "walking group", "seated exercise", "chair exercise"),
    ("extra care", "housing with care", "assisted living", "sheltered housing"),
)
SYNONYMS = VOCABULARY  # the name the engine's highlighting uses
# A narrower kind of help (by its group's first phrase) and the broader kind it is part of. A
# document mentioning the narrower is about the broader too, so "meals" finds lunch clubs; but
# "lunch club" does not find every page that mentions meals (care homes, extra care).
BROADER = {"lunch club": "meals"}

# Words that say who or how rather than what: a search need not match them ("someone to sit
# with mum" means a sitter). Phrases above are found first, so "home help" still counts.
FILLER_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "any",
        "at",
        "can",
        "could",
        "do",
        "does",
        "find",
        "for",
        "from",
        "get",
        "gets",
        "getting",
        "he",
        "help",
        "helps",
        "her",
        "him",
        "his",
        "i",
        "in",
        "is",
        "it",
        "looking",
        "me",
        "mine",
        "mother",
        "mum",
        "mam",
        "mom",
        "dad",
        "father",
        "grandad",
        "grandma",
        "gran",
        "nan",
        "husband",
        "wife",
        "parent",
        "parents",
        "relative",
        "elderly",
        "older",
        "old",
        "person",
        "people",
        "my",
        "near",
        "need",
        "needs",
        "needing",
        "of",
        "on",
        "or",
        "our",
        "please",
        "some",
        "someone",
        "somebody",
        "she",
        "support",
        "the",
        "their",
        "them",
        "to",
        "want",
        "wants",
        "we",
        "who",
        "with",
        "you",
        "your",
        "care",
        "services",
        "service",
        "local",
        "around",
        "area",
    ]
)

_GROUP_OF_PHRASE = {
    tuple(stem(word) for word in phrase.split()): index
    for index, group in enumerate(VOCABULARY)
    for phrase in group
}
_GROUP_NAMED = {group[0]: index for index, group in enumerate(VOCABULARY)}
_BROADER_GROUP = {_GROUP_NAMED[narrow]: _GROUP_NAMED[broad] for narrow, broad in BROADER.items()}
_LONGEST = max(len(phrase) for phrase in _GROUP_OF_PHRASE)


def words_of(text: str, most: int | None = MAX_WORDS) -> list[str]:
    if most is not None:
        text = text[:MAX_QUERY_CHARACTERS]
    words = re.findall(r"[a-z0-9]+", text.lower().replace("'", "").replace("’", ""))
    if most is None:
        return words
    return [word[:MAX_WORD_CHARACTERS] for word in words[:most]]


def group_token(index: int) -> str:
    """The token standing for vocabulary group `index`, as the analyzer leaves it."""
    return f"dcgsynonym{chr(ord('a') + index)}"


def concepts(words: list[str]) -> list[tuple[int | None, list[str]]]:
    """Split words into concepts: (group index, words) for a vocabulary phrase, else
    (None, [word])."""
    stemmed = [stem(word) for word in words]
    found = []
    position = 0
    while position < len(words):
        for length in range(min(_LONGEST, len(words) - position), 0, -1):
            group = _GROUP_OF_PHRASE.get(tuple(stemmed[position : position + length]))
            if group is not None:
                found.append((group, words[position : position + length]))
                position += length
                break
        else:
            found.append((None, [words[position]]))
            position += 1
    return found


def wanted(words: list[str]) -> list[tuple[int | None, list[str]]]:
    """The concepts a search must find: vocabulary phrases and the words that are not filler.
    If every word is filler ("help for mum"), all of them, so a search is never empty."""
    found = concepts(words)
    kept = [(group, ws) for group, ws in found if group is not None or ws[0] not in FILLER_WORDS]
    return kept or found


def group_tokens(text: str) -> list[str]:
    """The vocabulary group tokens for every group the text mentions, and the broader groups
    of those."""
    groups = {group for group, _ in concepts(words_of(text, most=None)) if group is not None}
    groups |= {_BROADER_GROUP[group] for group in groups if group in _BROADER_GROUP}
    return [group_token(group) for group in sorted(groups)]


def stems(phrase: str) -> list[str]:
    return [token.text for token in WORDS(phrase)]


assert all(stems(group_token(i)) == [group_token(i)] for i in range(len(VOCABULARY)))
