"""The judged query set: what people type finds what they would expect, in the first five."""

from tests.judged_queries import JUDGEMENTS, figures, judge_all


def test_the_judged_set_is_big_enough_and_varied():
    assert len(JUDGEMENTS) >= 60
    assert sum(bool(j.pages) for j in JUDGEMENTS) >= 10  # advice pages on site search
    assert sum(j.within is not None for j in JUDGEMENTS) >= 8  # with places


def test_at_least_95_percent_find_an_expected_result_in_the_top_five(app, client):
    outcomes = judge_all(client)
    missed = [
        (o.judgement.words or o.judgement.location, o.rank, o.shown[:5])
        for o in outcomes
        if not o.rank or o.rank > 5
    ]
    assert figures(outcomes)["top_five"] >= 0.95, missed
