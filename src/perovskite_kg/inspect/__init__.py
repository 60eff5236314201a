"""Inspect: what the graph holds, for people who have not read its files.

`classes.py` (the class hierarchy with labels, member counts and which classes are defined),
`properties.py` (each property's domain, range, label, definition and use), `card.py` (one
resource and everything the graph says of it, each line with its reference and its place in the
review), `find.py` (a resource by IRI, local name or label, with did-you-mean). Every module reads
the reasoned store (`project.store`) and names things through `project.labels`.
"""

FORMATS = ("text", "ttl")
"""How `describe` prints a resource: a card for people, or its concise bounded description."""
