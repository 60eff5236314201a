"""Tables name things for people, and parameters accept the words people use."""

import pyoxigraph as ox
import pytest
from support import REPO

from perovskite_kg.errors import InputError
from perovskite_kg.project.labels import Labels
from perovskite_kg.project.store import open_store
from perovskite_kg.query import answers, params, stored


@pytest.fixture(scope="module")
def store():
    return open_store(REPO)


@pytest.fixture(scope="module")
def labels(store):
    return Labels(store)


def test_a_heterostructure_reads_by_its_label_and_a_quantity_with_its_unit(labels):
    # Table 1 row 8: CsPbBr3/ZnS [31], PL peak "510" (nm)
    hs = ox.NamedNode("https://w3id.org/perovskite-kg/resource/hs-CsPbBr3-ZnS-coreshell-ref31")
    assert labels.text(hs) == "CsPbBr3/ZnS core/shell NCs (ref. 31)"
    assert "510 nm" in labels.quantities.values()
    assert not any(text.startswith("_:") for text in labels.quantities.values())


@pytest.mark.parametrize("word", ["pk:Heating", "Heating", "heating",
                                  "https://w3id.org/perovskite-kg/ontology#Heating"])
def test_a_stressor_by_iri_local_name_or_label(store, labels, word):
    query = stored.find(REPO, "stability-under-stressor")
    bound = params.bindings(query, [f"stressor={word}"], answers.allowed(store, labels, query))
    assert bound[ox.Variable("stressor")].value.endswith("#Heating")


def test_pce_by_its_alternative_label(store, labels):
    query = stored.find(REPO, "figures-of-merit-best-first")
    bound = params.bindings(query, ["metric=PCE"], answers.allowed(store, labels, query))
    assert bound[ox.Variable("metric")].value.endswith("#PCE")


def test_an_unknown_value_is_refused_with_the_closest(store, labels):
    query = stored.find(REPO, "stability-under-stressor")
    with pytest.raises(InputError, match=r"did you mean pk:Heating\?"):
        params.bindings(query, ["stressor=Heat"], answers.allowed(store, labels, query))


def test_an_unknown_reference_number_is_refused(store, labels):
    query = stored.find(REPO, "what-reference-reports")
    with pytest.raises(InputError, match="no such value"):
        params.bindings(query, ["reference=999"], answers.allowed(store, labels, query))


def test_search_finds_queries_by_words_of_their_question():
    found = {q.name for q in stored.search(stored.stored(REPO), "water")}
    assert "water-resistant-shells" in found and "plqy-ranking" not in found
