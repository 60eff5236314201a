"""The empty template `perovskite-kg new-paper --doi ...` writes: one YAML file per paper.

YAML rather than spreadsheets: one file holds the paper's record, its heterostructures and,
under each, its stability tests and applications, so nothing is joined by hand across sheets;
each key's allowed values are written in a comment on the key's own line (or the line above),
taken from the ontology and the shapes when the template is written. Empty values are left out.
"""

import re

from perovskite_kg.curate.choices import Vocabulary
from perovskite_kg.curate.values import FORMS_HELP

DOI = re.compile(r"^10\.[0-9]{4,9}/\S+$")


def _one_of(choice) -> str:
    return "one of: " + ", ".join(choice.labels)


def text(doi: str, vocabulary: Vocabulary) -> str:
    """The template for the paper `doi`, its controlled values listed from `vocabulary`."""
    v = vocabulary
    return f"""\
# perovskite-kg: facts from one paper, for `perovskite-kg curate THIS-FILE`.
# Fill in the values after the colons; what you leave empty is skipped. A line starting with
# '#' is help. Write words and numbers as the paper prints them; numbers:
#   {FORMS_HELP}.
# Quote a value that holds ': ' or '#' ("..."). Every fact says where the paper states it
# ('where': Table 1, Fig. 2b, Section 3.2). Nothing is written to graph/ until it all checks.

paper:
  doi: {doi}
  authors: []        # as printed, in order: [A. Smith, B. Jones]
  title:
  journal:           # abbreviation as printed: J. Am. Chem. Soc.
  year:
  volume:
  pages:             # 406-412, or the article number
  # key:             # optional; default: first author's surname and year (smith-2023)

heterostructures:
  - name as written:         # as the paper writes it: CsPbBr3/ZnO
    core:                    # formula: CsPbBr3 (see graph/materials.ttl, or 'new materials')
    shell:                   # formula: ZnO; several shells, inner first: [SiO2, PMMA]
    architecture:            # {_one_of(v.architecture)}
    coverage:                # {_one_of(v.coverage)}; or empty
    coverage basis:          # stated (the paper says so; default) or implied (from the quote)
    PL peak (nm):
    PLQY (%):
    shell thickness (nm):
    where:                   # Table 1, Fig. 2b
    quote:                   # the paper's sentence that reports it
    stability tests:
      # tested form: {_one_of(v.tested_form)}
      # stressor: {_one_of(v.stressor)}
      # outcome (when there is no remnant PL): {_one_of(v.outcome)}
      - tested form:
        stressor:
        duration:            # 7 days; units: {", ".join(v.duration_unit.labels)}
        remnant PL (%):      # of the initial PL
        temperature (°C):
        outcome:
        as written:          # the paper's words for the test
        where:               # if not the heterostructure's places
    applications:
      # kind: {_one_of(v.application)}
      - kind:
        demonstrated:        # yes (made) or no (only proposed)
        where:
        quote:
        figures of merit:
          # metric: {_one_of(v.metric)}
          # unit: {_one_of(v.figure_unit)}
          - metric:
            value:
            unit:

# Only for a core or shell that graph/materials.ttl does not hold yet:
new materials:
  # family: {_one_of(v.family)}
  - formula:
    family:
    name:
"""
