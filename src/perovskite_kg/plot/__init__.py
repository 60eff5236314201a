"""Plots: the review's numbers as figures, for readers who would rather look than read.

`data.py` reads the points from the reasoned store (each with its reference); `figures.py` draws
them with matplotlib (Agg backend, fixed SVG hash salt, no dates in the metadata, so the same
graph gives the same bytes) and writes beside each image a JSON file with the points drawn.
"""

KINDS = ("stability", "optical")
"""The plots `perovskite-kg plot` draws."""
FORMATS = ("png", "svg")
