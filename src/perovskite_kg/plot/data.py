"""The points of each plot, read from the graph: values, units and the reference of each."""

import pyoxigraph as ox

from perovskite_kg.namespaces import ASSERTED_GRAPH, PREFIX_IRIS
from perovskite_kg.project.labels import Labels

_STABILITY = """
SELECT ?heterostructure ?stressor ?form ?remnant ?duration ?temperature ?reference WHERE {
  ?heterostructure pk:hasStabilityTest ?test ; pk:citesReference/pk:referenceNumber ?reference .
  ?test pk:stressor ?stressor ; pk:testedForm ?form ; pk:remnantPl/pk:leastValue ?remnant .
  OPTIONAL { ?test pk:duration ?duration }
  OPTIONAL { ?test pk:temperature ?temperature }
} ORDER BY ?stressor ?heterostructure ?form ?remnant"""

_OPTICAL = f"""
SELECT ?heterostructure ?peak ?plqy ?family ?reference WHERE {{
  ?heterostructure pk:plPeak/pk:leastValue ?peak ; pk:plqy/pk:leastValue ?plqy ;
                   pk:hasShell ?shell ; pk:citesReference/pk:referenceNumber ?reference .
  GRAPH <{ASSERTED_GRAPH}> {{ ?shell a ?family }}
}} ORDER BY ?family ?heterostructure"""


def stability(store: ox.Store, labels: Labels) -> list[dict]:
    """Remnant PL (least value, %) of the bare and the coated nanocrystal, per test."""
    rows = []
    for row in _run(store, _STABILITY):
        rows.append({
            "heterostructure": labels.text(row["heterostructure"]),
            "stressor": labels.text(row["stressor"]),
            "form": "coated" if row["form"].value.endswith("CoatedNanocrystal") else "bare",
            "remnantPlPercent": float(row["remnant"].value),
            "duration": labels.text(row["duration"]),
            "temperature": labels.text(row["temperature"]),
            "reference": int(row["reference"].value),
        })
    return rows


def optical(store: ox.Store, labels: Labels) -> list[dict]:
    """PL peak (nm) against PLQY (%), with the shell's family, per heterostructure."""
    return [{"heterostructure": labels.text(row["heterostructure"]),
             "plPeakNm": float(row["peak"].value), "plqyPercent": float(row["plqy"].value),
             "shellFamily": labels.text(row["family"]), "reference": int(row["reference"].value)}
            for row in _run(store, _OPTICAL)]


def _run(store: ox.Store, text: str):
    return store.query(text, prefixes=PREFIX_IRIS, use_default_graph_as_union=True)
