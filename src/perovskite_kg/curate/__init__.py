"""Curation: a chemist's template in, a graph file of one paper out (`new-paper`, `curate`).

- `choices`: the controlled values (architectures, stressors, units, ...) read from the ontology
  and the shapes, and the matching of a curator's word to one of them, with did-you-mean;
- `template`: the empty YAML template `new-paper` writes, each controlled key listing its values;
- `reading`: the filled template read with its line numbers (ruamel.yaml);
- `values`: numbers as printed ("~515", "52-64", "<3", "7 days") into quantities;
- `mapping`: the template as triples, linked to what the graph already holds, and the template
  line each node came from, so that validation results are told in the curator's words;
- `run`: `new-paper` and `curate` start to finish.

The step does not import `validate` (steps never import each other): the runner (`cli curate`)
hands `run.curate` the check to use, `validate.shapes.check_curated`.
"""

TEMPLATE_SUFFIXES = (".yaml", ".yml")
"""The file types `curate` reads."""
