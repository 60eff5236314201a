"""Screenshots of the pages, for people to look at: headless Chromium against a live server.

    python benchmarks/screenshots.py

Writes benchmarks/screenshots/{home,question,resource,part,ontology}.png (the tests keep theirs in
their own tmp folders; only this script writes here).
"""

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from support.live import Live  # noqa: E402

OUT = ROOT / "benchmarks" / "screenshots"
PAGES = {"home": "/", "question": "/questions/water-resistant-shells?minDays=7",
         "resource": "/resource/hs-CsPbBr3-SiO2-janus-ref24",
         "part": "/resource/hs-CsPbBr3-SiO2-janus-ref24-hasFinding-ImprovedStability",
         "ontology": "/ontology"}
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--window-size=1280,1200"]


def main() -> None:
    OUT.mkdir(exist_ok=True)
    server = Live()
    try:
        for name, path in PAGES.items():
            with tempfile.TemporaryDirectory() as profile:
                subprocess.run(["chromium", *FLAGS, f"--user-data-dir={profile}",
                                f"--screenshot={OUT / f'{name}.png'}", server.base + path],
                               check=True, capture_output=True, timeout=120)
            print(OUT / f"{name}.png")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
