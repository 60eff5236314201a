"""perovskite-kg: a knowledge graph of single-particle encapsulation of perovskite nanocrystals.

The package's tree is the pipeline, each step a package that owns its data types, its list of
choices (formats, engines) and its rendering:

    project/   where the data live and how they become graphs: paths, loading, the asserted and
               reasoned graph (cached), atomic files, terms between rdflib and pyoxigraph
    reason/    graph in, graph out: OWL 2 RL (rl.py) and OWL 2 DL (dl.py), analysis, report
    validate/  the SHACL shapes, where problems are written, the report
    query/     stored queries and their headers, the guard, parameters, execution, results
    export/    formats, the JSON-LD context, the export's provenance
    inspect/   what the graph holds, for people: classes, properties, one resource's card
    plot/      figures of the review's data: stability, optical properties
    curate/    a chemist's YAML template in, one paper's graph file out (new-paper, curate)
    build.py   the main job, through every step; cli.py  argparse only
    update.py  build without exports, extending the cache when papers were added
    steps.py   the progress lines build and update print

Import rules (tests/test_architecture.py checks them):
- `errors` and `namespaces` import nothing of the package;
- `reason` imports only `errors` and `namespaces`: it is handed graphs and returns graphs;
- `project` imports `reason` (to compute the reasoned graph), never another step;
- the steps (`validate`, `query`, `export`, `inspect`, `plot`, and later ones) import `project`
  and `reason`, never each other;
- nothing imports `cli`, `build`, `update` or `serve`, except `cli`, which runs them.
"""

__version__ = "0.2.0"
"""The one place the version is written (pyproject.toml reads it from here)."""
