"""The project: where its data live and how they become graphs.

- `paths`: the project root (a checkout, `--root`, or the data installed with the package);
- `load`: every file is read here, with located errors and nothing fetched;
- `graphs`: the asserted and the reasoned graph, cached on disk, for every command;
- `files`: atomic writes; `terms`: terms between rdflib and pyoxigraph, canonical triples;
- `info`: what the project holds, counted.
"""
