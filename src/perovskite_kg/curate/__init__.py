"""Curation: a chemist's template in, a graph file of one paper out (`new-paper`, `curate`).

- `choices`: the controlled values (architectures, stressors, units, ...) read from the ontology
  and the shapes, and the matching of a curator's word to one of them, with did-you-mean;
- `template`: the empty YAML template `new-paper` writes, each controlled key listing its values;
- `reading`: the filled template read with its line numbers (ruamel.yaml);
- `values`: numbers as printed ("~515", "52-64", "<3", "7 days") into quantities;
- `mapping`: the template as triples, linked to what the graph already holds, and the template
  line each node came from, so that validation results are told in the curator's words.

The step never validates by itself: the runner (`cli curate`) hands the mapped graph to
`validate` with the rest of the graph and asks `mapping.Origins` where each problem was written.
"""

TEMPLATE_SUFFIXES = (".yaml", ".yml")
"""The file types `curate` reads."""
