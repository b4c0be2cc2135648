"""The search engine on a small index of documents made here."""

from random import Random

import pytest

from search_index import IndexStore, SearchEngine, SearchRequest, box_around, miles_between

DORCHESTER = (50.7154, -2.4367)


def _listing(number: int, title: str, summary: str, **fields) -> dict:
    document = {
        "id": f"listing:{number}",
        "doc_type": "listing",
        "slug": f"listing-{number}",
        "title": title,
        "summary": summary,
        "body": fields.pop("body", ""),
        "place": fields.pop("town", "Dorchester"),
        "url": f"/find-support/listing-{number}",
        "kind": "micro_provider",
        "area": "West Dorset",
        "latitude_e6": 50_715_400,
        "longitude_e6": -2_436_700,
        "cost_pence": 2000,
    }
    document.update(fields)
    return document


DOCUMENTS = [
    _listing(1, "Hardy Befriending", "Weekly visits from a friendly volunteer for carers",
             help_types="befriending", funding="self_funders,direct_payments"),
    _listing(2, "Frome Valley Days Out", "A day opportunity with lunch and gardening",
             help_types="day_opportunities", kind="day_opportunity", funding="self_funders"),
    _listing(3, "Purbeck Wheels", "Door to door transport to appointments",
             help_types="transport", area="Purbeck", funding="direct_payments",
             latitude_e6=50_686_300, longitude_e6=-2_110_000, town="Wareham"),
    _listing(4, "Memory Cafe Sherborne", "A monthly cafe for people living with dementia",
             help_types="dementia_support", dementia_friendly=True,
             latitude_e6=50_946_900, longitude_e6=-2_517_100, town="Sherborne"),
    _listing(5, "Sparkle Home Help", "Home help: cleaning, laundry and ironing",
             help_types="home_help", registered=False),
    _listing(6, "Stour Sitters", "A sitting service so carers can rest",
             help_types="sitting_service", registered=True),
    _listing(7, "Breathing Space", "Respite care at home while carers take a break",
             help_types="respite"),
    _listing(8, "Tricky <Name> & Co", "Summary with <script>alert(1)</script> in it",
             help_types="home_help"),
]  # fmt: skip


@pytest.fixture
def engine(tmp_path):
    store = IndexStore(tmp_path)
    store.rebuild(DOCUMENTS, revision="test")
    return SearchEngine(store)


def _titles(results) -> list[str]:
    return [hit.fields["title"] for hit in results.hits]


def test_no_words_lists_everything_by_name(engine):
    results = engine.search(SearchRequest())
    assert results.total == len(DOCUMENTS)
    assert _titles(results)[0] == "Breathing Space"


def test_words_are_stemmed(engine):
    assert set(_titles(engine.search(SearchRequest(words="carer")))) == {
        "Hardy Befriending",
        "Stour Sitters",
        "Breathing Space",
    }


@pytest.mark.parametrize(
    ("typed", "finds"),
    [
        ("day centre", "Frome Valley Days Out"),
        ("sitter", "Stour Sitters"),
        ("carer break", "Breathing Space"),
        ("cleaner", "Sparkle Home Help"),
        ("lift", "Purbeck Wheels"),
        ("memory", "Memory Cafe Sherborne"),
        ("dementia", "Memory Cafe Sherborne"),
    ],
)
def test_synonyms_carers_type(engine, typed, finds):
    assert finds in _titles(engine.search(SearchRequest(words=typed)))


def test_all_words_must_match(engine):
    results = engine.search(SearchRequest(words="transport appointments"))
    assert _titles(results) == ["Purbeck Wheels"]
    assert not results.partial


def test_when_no_document_matches_every_word_those_matching_most_show(engine):
    results = engine.search(SearchRequest(words="transport gardening"))
    assert results.partial
    assert set(_titles(results)) == {"Purbeck Wheels", "Frome Valley Days Out"}
    assert results.total == len(results.hits)
    # Of three words, two is most: a document matching only one is not listed.
    ranked = engine.search(SearchRequest(words="door appointments gardening"))
    assert ranked.partial
    assert _titles(ranked) == ["Purbeck Wheels"]
    # Of four, those matching three come before those matching two.
    four = engine.search(SearchRequest(words="door appointments transport gardening"))
    assert _titles(four)[0] == "Purbeck Wheels"
    assert "Frome Valley Days Out" not in _titles(four)


def test_filler_words_do_not_have_to_match(engine):
    assert _titles(engine.search(SearchRequest(words="someone to sit with mum"))) == [
        "Stour Sitters"
    ]
    assert _titles(engine.search(SearchRequest(words="sitter for my dad"))) == ["Stour Sitters"]
    # A search of filler only still searches them rather than listing everything.
    assert engine.search(SearchRequest(words="help for mum")).total < len(DOCUMENTS)


def test_a_search_with_no_results_among_the_filters_lists_nothing(engine):
    # Only an advice page would match: the count and the list both say none.
    results = engine.search(
        SearchRequest(words="laundry", filters={"kind": frozenset({"day_opportunity"})})
    )
    assert results.total == 0
    assert results.hits == []


def test_a_spelling_mistake_gets_a_suggestion_of_real_words(engine):
    results = engine.search(SearchRequest(words="befrending"))
    assert results.total == 0
    assert results.suggestion == "befriending"
    assert engine.search(SearchRequest(words="transprt apointments")).suggestion == (
        "transport appointments"
    )


@pytest.mark.parametrize(
    "typed",
    [
        "sitter",  # has results: no suggestion
        "someone to sit with mum",  # filler words are never "corrected"
        "befrending dt6",  # nor is anything with a digit, like a postcode
        "zzqxv",  # nothing near enough
        "sitter hairdresser",  # would not find more than it does
    ],
)
def test_did_you_mean_is_only_offered_when_it_helps(engine, typed):
    assert engine.search(SearchRequest(words=typed)).suggestion is None


def test_a_suggestion_must_find_something_within_the_filters(engine):
    purbeck = {"area": frozenset({"Purbeck"})}
    assert engine.search(SearchRequest(words="befrending", filters=purbeck)).suggestion is None


def test_filters_combine_and_counts_ignore_their_own_group(engine):
    results = engine.search(SearchRequest(filters={"funding": frozenset({"direct_payments"})}))
    assert set(_titles(results)) == {"Hardy Befriending", "Purbeck Wheels"}
    # Funding counts show what choosing another value would add, not zero.
    assert results.facets["funding"] == {"direct_payments": 2, "self_funders": 2}
    assert results.facets["area"] == {"West Dorset": 1, "Purbeck": 1}
    both = engine.search(
        SearchRequest(
            filters={
                "funding": frozenset({"direct_payments", "self_funders"}),
                "area": frozenset({"Purbeck"}),
            }
        )
    )
    assert _titles(both) == ["Purbeck Wheels"]


def test_boolean_filters(engine):
    results = engine.search(SearchRequest(filters={"registered": frozenset({"yes"})}))
    assert _titles(results) == ["Stour Sitters"]
    assert results.facets["registered"] == {"yes": 1, "no": 1}
    dementia = engine.search(SearchRequest(filters={"dementia_friendly": frozenset({"yes"})}))
    assert _titles(dementia) == ["Memory Cafe Sherborne"]


def test_an_unknown_filter_value_matches_nothing_rather_than_failing(engine):
    assert engine.search(SearchRequest(filters={"kind": frozenset({"spaceship"})})).total == 0


def test_sort_by_distance_and_within_miles(engine):
    nearest = engine.search(SearchRequest(near=DORCHESTER, sort="distance"))
    assert _titles(nearest)[-2:] == ["Purbeck Wheels", "Memory Cafe Sherborne"]
    assert nearest.hits[0].miles == pytest.approx(0, abs=0.01)
    assert nearest.hits[-1].miles == pytest.approx(16.4, abs=0.5)
    within = engine.search(SearchRequest(near=DORCHESTER, within_miles=15))
    assert "Memory Cafe Sherborne" not in _titles(within)
    assert "Purbeck Wheels" in _titles(within)


def test_pages(engine):
    first = engine.search(SearchRequest(per_page=3))
    third = engine.search(SearchRequest(per_page=3, page=3))
    assert first.pages == 3
    assert len(first.hits) == 3
    assert len(third.hits) == 2
    beyond = engine.search(SearchRequest(per_page=3, page=99999))
    assert beyond.hits == []


def test_matched_words_are_highlighted_and_everything_else_escaped(engine):
    hit = engine.search(SearchRequest(words="carers rest")).hits[0]
    assert hit.summary_html.startswith("A sitting service so <mark")
    assert ">carers</mark> can <mark" in hit.summary_html
    assert hit.summary_html.endswith(">rest</mark>")
    tricky = engine.search(SearchRequest(words="tricky")).hits[0]
    assert "<script>" not in tricky.summary_html
    assert "&lt;script&gt;" in tricky.summary_html


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "the and of", "%%% *** ((( ", "x" * 2000, "AND OR NOT", '"unclosed', "日本語"],
)
def test_odd_input_never_fails(engine, typed):
    engine.search(SearchRequest(words=typed))


def test_an_update_is_searchable_at_once(engine):
    assert engine.search(SearchRequest(words="pottery")).total == 0
    engine.store.update(
        [_listing(9, "Pottery Club", "Pottery for beginners", help_types="day_opportunities")],
        removed_ids=["listing:5"],
        revision="test-2",
    )
    assert _titles(engine.search(SearchRequest(words="pottery"))) == ["Pottery Club"]
    assert engine.search(SearchRequest(words="sparkle")).total == 0
    assert engine.store.revision() == "test-2"


def test_a_rebuild_is_picked_up_by_the_next_search(engine):
    engine.search(SearchRequest())
    engine.store.rebuild(DOCUMENTS[:2], revision="smaller")
    assert engine.search(SearchRequest()).total == 2


def test_an_empty_index_searches_safely(tmp_path):
    store = IndexStore(tmp_path)
    store.rebuild([], revision="empty")
    results = SearchEngine(store).search(SearchRequest(words="anything", near=DORCHESTER))
    assert results.total == 0


def test_the_first_listing_added_to_an_index_of_only_advice_pages_is_found_by_distance(tmp_path):
    # The pages' segment has no map-position columns; the listing's segment has them.
    store = IndexStore(tmp_path)
    pages = [
        {"id": f"page:{n}", "doc_type": "page", "title": f"Advice {n}", "url": f"/advice/{n}"}
        for n in (1, 2)
    ]
    store.rebuild(pages, revision="pages-only")
    engine = SearchEngine(store)
    assert engine.search(SearchRequest()).total == 2
    store.update([DOCUMENTS[2]], removed_ids=[], revision="first-listing")
    results = engine.search(SearchRequest(near=DORCHESTER, within_miles=30))
    assert _titles(results) == ["Purbeck Wheels"]
    assert results.hits[0].miles == pytest.approx(16, abs=3)
    assert _titles(engine.search(SearchRequest(words="wheels"))) == ["Purbeck Wheels"]


@pytest.mark.parametrize("centre", [(50.714, -2.44), (50.62, -1.95), (60.0, 5.0), (-33.9, 151.2)])
@pytest.mark.parametrize("miles", [0.5, 5, 50])
def test_the_box_around_a_circle_holds_every_point_within_it(centre, miles):
    south, north, west, east = box_around(centre, miles)
    random = Random(f"{centre}{miles}")  # noqa: S311  (points to test with, not secrets)
    spread = 3 * miles / 69  # degrees: a square well beyond the circle
    points = [
        (
            centre[0] + random.uniform(-spread, spread),
            centre[1] + random.uniform(-spread, spread) * 2,
        )
        for _ in range(20_000)
    ]
    within = [point for point in points if miles_between(centre, point) <= miles]
    assert len(within) > 100
    assert all(south <= lat <= north and west <= lon <= east for lat, lon in within)
    # And it is a box around the circle, not the whole map: the furthest points in it are
    # only a little beyond the circle's reach.
    assert miles_between(centre, (north, centre[1])) <= miles * 1.0001
    assert miles_between(centre, (centre[0], east)) <= miles * 1.01
