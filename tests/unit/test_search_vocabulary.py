"""The one vocabulary of what carers type, and the filler words a search need not match."""

import pytest

from search_index.analysis import VOCABULARY, concepts, group_tokens, wanted, words_of
from webapp.directory.vocabulary import HELP_TYPES


def _group_of(phrase: str) -> int:
    return next(i for i, group in enumerate(VOCABULARY) if phrase in group)


@pytest.mark.parametrize(
    ("typed", "means"),
    [
        ("sitter", "sitting service"),
        ("sitters", "sitting service"),
        ("someone to sit with", "sitter"),
        ("companion", "befriending"),
        ("someone to visit", "befriending"),
        ("lonely", "befriending"),
        ("carer break", "respite"),
        ("carers' breaks", "respite"),
        ("short breaks", "respite"),
        ("cleaner", "home help"),
        ("cleaning", "home help"),
        ("shopping", "errands"),
        ("lift", "transport"),
        ("lifts", "transport"),
        ("driver", "transport"),
        ("day centre", "day opportunity"),
        ("day centres", "day opportunity"),
        ("luncheon clubs", "lunch club"),
        ("hot meal", "meals"),
        ("memory", "dementia"),
        ("Alzheimer's", "dementia"),
        ("washing", "personal care"),
        ("dressing", "personal care"),
        ("gardening", "handyman"),
        ("odd jobs", "handyman"),
        ("pets", "dog walking"),
        ("walking group", "exercise"),
    ],
)
def test_everyday_words_mean_the_same_kind_of_help(typed, means):
    found = concepts(words_of(typed))
    assert [group for group, _ in found] == [_group_of(means)]


def test_a_narrower_kind_of_help_is_found_by_the_broader_but_not_the_other_way():
    lunch_club, meals = group_tokens("lunch club"), group_tokens("meals")
    assert set(meals) < set(lunch_club)  # "meals" finds lunch clubs
    assert set(lunch_club) - set(meals)  # "lunch club" does not find every mention of meals


def test_every_phrase_is_in_one_group_only():
    phrases = [phrase for group in VOCABULARY for phrase in group]
    assert len(phrases) == len(set(phrases))


@pytest.mark.parametrize("code", sorted(HELP_TYPES))
def test_every_kind_of_help_in_the_directory_is_in_the_vocabulary(code):
    name, words = HELP_TYPES[code]
    assert group_tokens(f"{name} {words}"), f"{code}: no everyday word for it is known"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("someone to sit with mum", [["someone", "to", "sit", "with"]]),
        ("sitter for my dad", [["sitter"]]),
        ("help with washing", [["washing"]]),
        ("home help near me", [["home", "help"]]),
        ("hairdresser for mum", [["hairdresser"]]),
        ("help for mum", [["help"], ["for"], ["mum"]]),  # all filler: all kept
    ],
)
def test_filler_words_need_not_match(typed, kept):
    assert [words for _, words in wanted(words_of(typed))] == kept


def test_the_words_read_are_bounded():
    words = words_of("word " * 500 + "x" * 500)
    assert len(words) == 12
    assert max(len(word) for word in words_of("y" * 500)) == 30
