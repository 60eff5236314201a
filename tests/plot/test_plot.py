"""`plot`: the figures' data read back from the JSON sidecar and the SVG's text, and the same
bytes on every run."""

import json
import re

import pytest


@pytest.mark.slow
def test_stability_plot_points_and_text(run_cli, tmp_path):
    target = tmp_path / "stability.svg"
    done = run_cli("plot", "stability", "-o", str(target))
    assert done.returncode == 0, done.stderr
    points = json.loads((tmp_path / "stability.svg.json").read_text(encoding="utf-8"))
    # Table 1 row 8 [31]: light, bare "0% after 2 hours", coated "60% after 48 hours"
    zns = {(p["form"], p["remnantPlPercent"], p["duration"]) for p in points
           if p["reference"] == 31}
    assert zns == {("bare", 0.0, "2 hours"), ("coated", 60.0, "48 hours")}
    svg = target.read_text(encoding="utf-8")
    assert "60% 48 hours [ref. 31]" in svg
    first = target.read_bytes()
    assert run_cli("plot", "stability", "-o", str(target)).returncode == 0
    assert target.read_bytes() == first


@pytest.mark.slow
def test_optical_plot_points(run_cli, tmp_path):
    target = tmp_path / "optical.png"
    assert run_cli("plot", "optical", "-o", str(target)).returncode == 0
    points = json.loads((tmp_path / "optical.png.json").read_text(encoding="utf-8"))
    # Table 1 row 13: CsPbBr3/ZnSO4, PL peak 515 nm, PLQY 95% [36]
    assert {"plPeakNm": 515.0, "plqyPercent": 95.0, "reference": 36}.items() <= next(
        p for p in points if p["reference"] == 36).items()
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_an_unknown_image_suffix_is_refused(run_cli, tmp_path):
    done = run_cli("plot", "optical", "-o", str(tmp_path / "optical.gif"))
    assert done.returncode == 2 and re.search(r"name it \.png or \.svg", done.stderr)
