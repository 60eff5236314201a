"""Drawing: one figure per plot kind, written atomically as PNG or SVG with a JSON sidecar.

Determinism: the Agg backend, `svg.hashsalt` fixed, text kept as text in SVG (`svg.fonttype`
none, which also lets tests read the labels back), and no date or software version in the file's
metadata.
"""

import json
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)

from perovskite_kg.errors import InputError  # noqa: E402
from perovskite_kg.project import files  # noqa: E402

plt.rcParams.update({"svg.hashsalt": "perovskite-kg", "svg.fonttype": "none",
                     "font.size": 8, "path.simplify": False})
_METADATA = {"svg": {"Date": None, "Creator": None}, "png": {"Software": None}}


def stability(points: list[dict]):
    """One panel per stressor: remnant PL of the bare and the coated NCs, per heterostructure,
    each coated bar labelled with its duration (and temperature) and reference."""
    stressors = sorted({p["stressor"] for p in points})
    rows = {s: sorted({p["heterostructure"] for p in points if p["stressor"] == s})
            for s in stressors}
    heights = [max(len(r), 1) for r in rows.values()]
    figure, axes = plt.subplots(len(stressors), 1, figsize=(9, 0.42 * sum(heights) + 1.2 * len(
        stressors)), gridspec_kw={"height_ratios": heights}, squeeze=False)
    for axis, stressor in zip(axes[:, 0], stressors):
        names = rows[stressor]
        for form, offset, colour in (("bare", -0.2, "#bbbbbb"), ("coated", 0.2, "#1f77b4")):
            for p in (p for p in points if p["stressor"] == stressor and p["form"] == form):
                y = names.index(p["heterostructure"]) + offset
                axis.barh(y, p["remnantPlPercent"], height=0.38, color=colour,
                          label=form if y == offset else None)
                words = ", ".join(filter(None, (p["duration"], p["temperature"])))
                axis.text(p["remnantPlPercent"] + 1, y, f"{p['remnantPlPercent']:g}% {words} "
                          f"[ref. {p['reference']}]", va="center", fontsize=6)
        axis.set_yticks(range(len(names)), [textwrap.fill(n, 34) for n in names], fontsize=6)
        axis.invert_yaxis()
        axis.set_xlim(0, 150)
        axis.set_title(f"stressor: {stressor}", fontsize=8, loc="left")
        axis.set_xlabel("remnant PL (% of the initial PL)")
    axes[0, 0].legend(loc="lower right", fontsize=6)
    figure.suptitle("Table 1: remnant PL before (bare) and after (coated) encapsulation")
    figure.tight_layout(rect=(0, 0, 1, 0.985))
    return figure


def optical(points: list[dict]):
    """PL peak against PLQY, one colour per shell family, each mark labelled with its reference."""
    figure, axis = plt.subplots(figsize=(7, 5))
    for family in sorted({p["shellFamily"] for p in points}):
        mine = [p for p in points if p["shellFamily"] == family]
        axis.scatter([p["plPeakNm"] for p in mine], [p["plqyPercent"] for p in mine], label=family)
        for p in mine:
            axis.annotate(f"ref. {p['reference']}", (p["plPeakNm"], p["plqyPercent"]),
                          textcoords="offset points", xytext=(4, 3), fontsize=6)
    axis.set_xlabel("PL peak (nm)")
    axis.set_ylabel("PLQY (%)")
    axis.set_title("PL peak and PLQY of coated nanocrystals by shell family (Table 1)")
    axis.legend(fontsize=7)
    figure.tight_layout()
    return figure


def write(figure, points: list[dict], path: Path) -> list[Path]:
    """The figure at `path` (its suffix chooses PNG or SVG) and the points at `path`.json."""
    fmt = path.suffix.lstrip(".").lower()
    if fmt not in _METADATA:
        raise InputError(f"cannot tell the image format from '{path.name}': name it .png or .svg")
    with files.atomic(path) as out:
        figure.savefig(out, format=fmt, metadata=_METADATA[fmt], dpi=150)
    plt.close(figure)
    sidecar = path.with_name(path.name + ".json")
    with files.atomic(sidecar) as out:
        out.write(json.dumps(points, indent=2, sort_keys=True, ensure_ascii=False).encode() + b"\n")
    return [path, sidecar]
