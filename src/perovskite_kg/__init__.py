"""perovskite-kg: a knowledge graph of single-particle encapsulation of perovskite nanocrystals."""

from importlib.metadata import version as _version

__version__ = _version("perovskite-kg")
