"""`describe`: a heterostructure's card and its concise bounded description."""

import pyoxigraph as ox
import pytest
from support import REPO

from perovskite_kg.errors import InputError
from perovskite_kg.inspect import card, find
from perovskite_kg.project.labels import Labels
from perovskite_kg.project.store import open_store


@pytest.fixture(scope="module")
def store():
    return open_store(REPO)


def test_the_card_of_cspbbr3_zns(store):
    node = find.resource(store, "CsPbBr3/ZnS")
    text = card.card(store, Labels(store), node)
    # Table 1 row 8: PL peak 510; light: bare "0% after 2 hours", coated "60% after 48 hours"
    assert "PL peak: 510 nm  [ref. 31; Table 1, row 8 (CsPbBr3/ZnS)]" in text
    assert "Remnant PL 60% after 48 hours light irradiation" in text
    # Fig. 5a: "pseudo type II band alignment"
    assert "has band alignment: quasi type II" in text
    assert "_:" not in text


def test_a_name_that_fits_nothing_suggests_the_closest(store):
    with pytest.raises(InputError, match="did you mean"):
        find.resource(store, "CsPbBr3/ZnSS")


def test_the_bounded_description_holds_the_quantities_and_is_sorted(store):
    node = find.resource(store, "pkr:hs-CsPbBr3-ZnS-coreshell-ref31")
    turtle = card.bounded(store, node)
    triples = list(ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE))
    values = {t.object.value for t in triples
              if t.predicate.value.endswith("#numericValue")}
    assert "510" in values  # Table 1 row 8: the PL peak, a blank node, is in the description
    assert turtle == card.bounded(store, node)
