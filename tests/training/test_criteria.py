"""The pass criteria's text form (``--pass``) and the rule it states."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from observe.training.criteria import Criteria, CriteriaError, parse_pass
from observe.training.scoring import _reaches

fractions = st.floats(min_value=0, max_value=1, allow_nan=False).map(lambda x: round(x, 4))
kappas = st.floats(min_value=-1, max_value=1, allow_nan=False).map(lambda x: round(x, 4))


@given(agreement=st.one_of(st.none(), fractions), kappa=st.one_of(st.none(), kappas))
def test_criteria_read_back_from_their_own_text(agreement, kappa) -> None:
    """A pack's criteria, shown and typed again, would not be the same criteria."""
    if agreement is None and kappa is None:
        return
    criteria = Criteria(agreement=agreement, kappa=kappa)
    given_ = (("agreement", agreement), ("kappa", kappa))
    assert parse_pass(criteria.pass_text()) == {n: v for n, v in given_ if v is not None}


@given(st.text(max_size=40))
def test_any_text_is_conditions_or_one_sentence(text: str) -> None:
    """A mistyped --pass would end in a traceback instead of a sentence."""
    try:
        found = parse_pass(text)
    except CriteriaError as error:
        assert str(error).endswith(".") and "\n" not in str(error)
    else:
        assert set(found) <= {"agreement", "kappa"} and found


@given(fractions)
def test_a_percentage_is_the_same_as_its_fraction(value: float) -> None:
    """agreement>=85% would mean something else than agreement>=0.85."""
    assert parse_pass(f"agreement>={value * 100!r}%")["agreement"] == pytest.approx(value)


@given(value=fractions, threshold=fractions)
def test_a_figure_passes_exactly_when_it_reaches_the_threshold(value, threshold) -> None:
    """A trainee just at the threshold would fail, or one below it pass."""
    assert _reaches(value, threshold) == (round(value - threshold, 9) >= 0)
    assert _reaches(threshold, threshold)
    assert not _reaches(None, threshold)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ("agreement>0.85", "NAME>=VALUE"),
        ("precision>=0.5", "no figure"),
        ("agreement>=0.8,agreement>=0.9", "twice"),
        ("agreement>=1.5", "fraction from 0 to 1"),
        ("kappa>=high", "number from -1 to 1"),
    ],
)
def test_bad_criteria_are_one_sentence_naming_the_problem(text: str, words: str) -> None:
    """A lead mistyping the criteria would not learn what to fix."""
    with pytest.raises(CriteriaError, match=words):
        parse_pass(text)
