"""`perovskite-kg site -o DIR`: static pages whose links work from file://, the same bytes from
the same sources, and a folder that is not a site is never overwritten."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from support import MINI_PROJECT

VOID = "http://rdfs.org/ns/void#"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        self.links += [found[k] for k in ("href", "src") if found.get(k)]
        if found.get("id"):
            self.ids.add(found["id"])


def _parsed(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(site: Path) -> list[str]:
    """Every relative link of every page that names no file (or no anchor) of the site."""
    broken, anchors = [], {}
    for page in sorted(site.rglob("*.html")):
        for link in _parsed(page).links:
            if link.startswith(("http://", "https://", "mailto:")):
                continue
            target, _, fragment = link.partition("#")
            path = (page.parent / target).resolve() if target else page
            if not path.is_file():
                broken.append(f"{page.relative_to(site)}: {link}")
            elif fragment:
                if path not in anchors:
                    anchors[path] = _parsed(path).ids
                if fragment not in anchors[path]:
                    broken.append(f"{page.relative_to(site)}: {link} (no such anchor)")
    return broken


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_two_runs_are_byte_identical(run_cli, tmp_path):
    for name in ("one", "two"):
        done = run_cli("--root", str(MINI_PROJECT), "site", "-o", str(tmp_path / name))
        assert done.returncode == 0, done.stderr
    one, two = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert one == two
    assert "questions/heterostructures.html" in one and "downloads/void.ttl" in one


def test_a_folder_that_is_not_a_site_is_refused(run_cli, tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    done = run_cli("--root", str(MINI_PROJECT), "site", "-o", str(tmp_path))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "is not a site written by `perovskite-kg site`" in \
        done.stderr
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.slow
def test_the_shipped_site_links_work_from_files(run_cli, tmp_path):
    site = tmp_path / "site"
    done = run_cli("site", "-o", str(site))
    assert done.returncode == 0, done.stderr
    assert broken_links(site) == []
    page = (site / "questions" / "water-resistant-shells.html").read_text(encoding="utf-8")
    answer = page.split('id="answer"')[1].split("</table>")[0]
    # At the defaults (80%, 7 days): TiO2 (ref. 29), PAA-b-PS (37), ZrO2 (25), SiO2 (24), Table 1.
    for resource in ("hs-CsPbBr3-TiO2-coreshell-ref29", "hs-CsPbBr3-ZrO2-janus-ref25",
                     "hs-CsPbBr3-SiO2-janus-ref24"):
        assert f'href="../resource/{resource}.html"' in answer
    assert answer.count("<tr>") == 5
    void = Graph().parse(site / "downloads" / "void.ttl")
    dumps = {str(o) for o in void.objects(None, URIRef(VOID + "dataDump"))}
    assert "https://w3id.org/perovskite-kg/downloads/perovskite-kg.ttl" in dumps
    assert all((site / "downloads" / d.rsplit("/", 1)[-1]).is_file() for d in dumps)
