"""The template's words into terms and numbers, in process (fast): the printed forms of a number
and the controlled values read from the shipped ontology and shapes."""

from decimal import Decimal

import pytest
from support import REPO

from perovskite_kg.curate import run, values
from perovskite_kg.curate.choices import NotAChoice
from perovskite_kg.namespaces import PK, UNIT


@pytest.fixture(scope="module")
def vocabulary():
    return run.vocabulary(REPO)


@pytest.mark.parametrize("written, expected", [
    ("517", {PK.numericValue: 517}),
    ("~515", {PK.numericValue: 515, PK.isApproximate: True}),  # Table 1 row 6 prints "~515"
    ("52–64", {PK.minValue: 52, PK.maxValue: 64}),  # Table 1 row 5 prints "52–64%"
    ("<3", {PK.upperBound: 3}),  # Table 1 row 3 prints "<3 days"
    ("17.8%", {PK.numericValue: Decimal("17.8")}),
])
def test_printed_numbers(written, expected):
    amount = values.amount(written)
    assert {p: lit.toPython() for p, lit in amount.pairs} == expected
    assert amount.written == written


def test_a_word_is_not_a_number():
    with pytest.raises(values.NotANumber, match="not a number as printed"):
        values.amount("seventy")


def test_durations_take_the_units_the_shapes_allow(vocabulary):
    amount, unit = values.with_unit("7 days")
    assert dict(amount.pairs)[PK.numericValue].toPython() == 7
    assert vocabulary.duration_unit.pick(unit) == UNIT.DAY
    assert vocabulary.duration_unit.pick("hours") == UNIT.HR
    with pytest.raises(NotAChoice):
        vocabulary.duration_unit.pick("nm")  # pksh:DurationUnit allows HR, DAY, MIN only


def test_labels_local_names_and_prefixes_pick_terms(vocabulary):
    assert vocabulary.architecture.pick("core/shell") == PK.CoreShell
    assert vocabulary.architecture.pick("Janus") == PK.Janus
    assert vocabulary.tested_form.pick("coated") == PK.CoatedNanocrystal
    assert vocabulary.stressor.pick("water") == PK.Water
    assert vocabulary.metric.pick("EQE") == PK.EQE  # skos:altLabel
    assert vocabulary.family.pick("oxide") == PK.Oxide


def test_a_misspelt_value_gets_the_closest_first(vocabulary):
    with pytest.raises(NotAChoice, match=r"did you mean 'water'\?"):
        vocabulary.stressor.pick("watr")
