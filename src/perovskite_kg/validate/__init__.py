"""Validation: facts against the SHACL shapes, each problem located in its file and line.

- `shapes`: what is read (the shapes, the ontology, the fact files) and the pySHACL run;
- `vocabulary`: the two rules outside pySHACL (every pk: term used is declared, and used as
  declared);
- `locations`: where in the files a node is written, and its readable name;
- `report`: how results are shown, in each of `FORMATS`.
"""

FORMATS = ("text", "json", "turtle")
"""How a validation can be shown: for people, for programs, or as the SHACL report graph."""
