"""Table 1 of the review, typed by hand from the review text (one source for every test).

Zhong, Cao and Zhang, Nanoscale 2021, 13, 19341, Table 1 "Summary of the structures, optical
properties and stabilities of single-particle-level coated lead halide perovskite NCs".
Cells are copied as printed, with formula subscripts as ASCII digits and the en dash (–), "~",
"<" and "°C" kept. Each stability cell is split at its semicolons into clauses, in printed order.
"—" (no value) is None. Row 5 lists three compounds in one cell; its PLQY cell one value each.
"""

ROWS = [
    {
        "row": 1, "group": "Oxides", "compounds": ["CsPbBr3/SiO2"], "structure": "Janus",
        "pl_peak": "517", "plqy": ["80"], "ref": 24,
        "before": ["Remnant PL 17.8% after 7 days water treatment",
                   "remnant PL 84% after 6 hours light irradiation",
                   "storing in ambient for 1 days"],
        "after": ["Remnant PL 80% after 7 days water treatment",
                  "remnant PL 98% after 6 hours light irradiation",
                  "storing in ambient for 4 days"],
    },
    {
        "row": 2, "group": "Oxides", "compounds": ["CsPbBr3/ZrO2"], "structure": "Janus",
        "pl_peak": "514", "plqy": ["90"], "ref": 25,
        "before": ["Remnant PL 5% after 8 days water treatment",
                   "remnant PL 70% after 3 hours light irradiation"],
        "after": ["Remnant PL 80% after 8 days water treatment",
                  "remnant PL 90% after 3 hours light irradiation"],
    },
    {
        "row": 3, "group": "Oxides", "compounds": ["CsPbBr3/SiO2"], "structure": "Core/shell",
        "pl_peak": "501", "plqy": ["90"], "ref": 26,
        "before": ["Remnant PL 0% after storing in water for 16 min under ultrasonic treatment",
                   "storing in ambient <3 days"],
        "after": ["Remnant PL 112% after storing in water for 40 min under ultrasonic treatment",
                  "storing in ambient for 28 days"],
    },
    {
        "row": 4, "group": "Oxides", "compounds": ["CsPbMnX3/SiO2"], "structure": "Core/shell",
        "pl_peak": "446/607", "plqy": ["54.7"], "ref": 27,
        "before": ["Remnant PL 0% after storing in water for 6 days",
                   "remnant PL 50% after heating at 100 °C for 1 hour"],
        "after": ["Remnant PL 90% after storing in water for 6 days",
                  "remnant PL 90% after heating at 100 °C for 1 hour"],
    },
    {
        "row": 5, "group": "Oxides", "compounds": ["CsPbI3/SiO2", "CsPbI3/ZrO2", "CsPbI3/TaO5"],
        "structure": "Core/shell", "pl_peak": "696", "plqy": ["51.1", "57.7", "59.7"], "ref": 28,
        "before": ["Remnant PL 52–64% after 2 hours water treatment",
                   "remnant PL 67.2% after heating at 100 °C",
                   "remnant PL 25.8% after 3 hours light irradiation"],
        "after": ["Remnant PL 95–108% after 2 hours water treatment",
                  "remnant PL 85–90% after heating at 100 °C",
                  "remnant PL 52.7–62.1% after 3 hours light irradiation"],
    },
    {
        "row": 6, "group": "Oxides", "compounds": ["CsPbBr3/TiO2"], "structure": "Core/shell",
        "pl_peak": "~515", "plqy": None, "ref": 29,
        "before": ["Remnant PL 0% after 15 min water treatment",
                   "remnant PL 37% after 24 hours light irradiation"],
        "after": ["Remnant PL 85% after 84 days water treatment",
                  "remnant PL 75% after 24 hours light irradiation"],
    },
    {
        "row": 7, "group": "Semiconductors", "compounds": ["CsPbBr3/Ag2S"], "structure": "Core/island",
        "pl_peak": "520", "plqy": ["82"], "ref": 30,
        "before": ["Remnant PL 0% after 4 days water treatment"],
        "after": ["Remnant PL 6.35% after 30 days water treatment"],
    },
    {
        "row": 8, "group": "Semiconductors", "compounds": ["CsPbBr3/ZnS"], "structure": "Core/shell",
        "pl_peak": "510", "plqy": None, "ref": 31,
        "before": ["Remnant PL 0% after 2 hours light irradiation"],
        "after": ["Remnant PL 60% after 48 hours light irradiation"],
    },
    {
        "row": 9, "group": "Semiconductors", "compounds": ["CsPbBr3/Rb4PbBr6"], "structure": "Core/shell",
        "pl_peak": "507", "plqy": ["85"], "ref": 32,
        "before": ["Remnant PL 0% after 2 hours light irradiation"],
        "after": ["Remnant PL 90% after 42 hours light irradiation"],
    },
    {
        "row": 10, "group": "Semiconductors", "compounds": ["CsPbBr3/CdS"], "structure": "Core/shell",
        "pl_peak": "510", "plqy": ["90"], "ref": 33,
        "before": ["Remnant PL 65% after 14 hours light irradiation",
                   "remnant PL ~0% after heating at 60 °C for 9 hours"],
        "after": ["Remnant PL 80% after 14 hours light irradiation",
                  "remnant PL 40% after heating at 60 °C for 9 hours"],
    },
    {
        "row": 11, "group": "Metal", "compounds": ["CsPbBr3/Pt single atoms"], "structure": "Core/island",
        "pl_peak": "510", "plqy": ["0.1"], "ref": 34,
        "before": ["Aggregation after 20 min light irradiation by xenon lamp"],
        "after": ["Maintain structure after 60 min light irradiation by xenon lamp"],
    },
    {
        "row": 12, "group": "Others", "compounds": ["CsPbBr3/PbSO4"], "structure": "Core/shell",
        "pl_peak": "510", "plqy": ["92"], "ref": 35,
        "before": ["Remnant PL 44% after 150 min ethanol treatment",
                   "remnant PL 50% after 90 min acetone treatment",
                   "remnant PL 80% after 300 min light irradiation"],
        "after": ["Remnant PL 75% after 150 min ethanol treatment",
                  "remnant PL 90% after 90 min acetone treatment",
                  "remnant PL 105% after 300 min light irradiation"],
    },
    {
        "row": 13, "group": "Others", "compounds": ["CsPbBr3/ZnSO4"], "structure": "Core/shell",
        "pl_peak": "515", "plqy": ["95"], "ref": 36,
        "before": ["Anion-exchange after 40 min"],
        "after": ["No anion-exchange after 48 h"],
    },
    {
        "row": 14, "group": "Others", "compounds": ["APbX3@PAA-b-PS (A = FA or Cs)"],
        "structure": "Core/shell", "pl_peak": "460–650", "plqy": ["30–61"], "ref": 37,
        "before": ["Quenching with added water",
                   "remnant PL 18% after 60 min light irradiation"],
        "after": ["Remnant PL 100% after storing in water for 23 days",
                  "remnant PL 92% after 60 min light irradiation"],
    },
]
