"""How text becomes terms: stemming, and synonyms for the words carers type.

Synonyms are applied when indexing: a document that mentions any phrase of a group also gets
the group's own token, so a search for any phrase is one term lookup, not a cluster of phrases.
"""

import re

from whoosh.analysis import StemmingAnalyzer

# Words are stemmed so "carers" finds "carer".
WORDS = StemmingAnalyzer()

MAX_WORDS = 12
SYNONYMS = (
    ("day centre", "day centres", "day opportunity", "day opportunities"),
    ("sitter", "sitters", "sitting service"),
    ("carer break", "carers break", "respite", "short break", "short breaks"),
    ("cleaner", "cleaners", "cleaning", "home help"),
    ("lift", "lifts", "transport", "driver"),
    ("dementia", "memory"),
)
_GROUP_OF_PHRASE = {
    tuple(phrase.split()): index for index, group in enumerate(SYNONYMS) for phrase in group
}
_LONGEST = max(len(phrase) for phrase in _GROUP_OF_PHRASE)


def words_of(text: str, most: int | None = MAX_WORDS) -> list[str]:
    words = re.findall(r"[a-z0-9]+", text.lower().replace("'", ""))
    return words if most is None else words[:most]


def group_token(index: int) -> str:
    """The token standing for synonym group `index`, as the analyzer leaves it."""
    return f"dcgsynonym{chr(ord('a') + index)}"


def concepts(words: list[str]) -> list[tuple[int | None, list[str]]]:
    """Split words into concepts: (group index, words) for a synonym phrase, else (None, [word])."""
    found = []
    position = 0
    while position < len(words):
        for length in range(min(_LONGEST, len(words) - position), 0, -1):
            group = _GROUP_OF_PHRASE.get(tuple(words[position : position + length]))
            if group is not None:
                found.append((group, words[position : position + length]))
                position += length
                break
        else:
            found.append((None, [words[position]]))
            position += 1
    return found


def group_tokens(text: str) -> list[str]:
    """The synonym group tokens for every group the text mentions."""
    groups = {group for group, _ in concepts(words_of(text, most=None)) if group is not None}
    return [group_token(group) for group in sorted(groups)]


def stems(phrase: str) -> list[str]:
    return [token.text for token in WORDS(phrase)]


assert all(stems(group_token(i)) == [group_token(i)] for i in range(len(SYNONYMS)))
