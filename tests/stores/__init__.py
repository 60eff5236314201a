"""The tier against real SPARQL stores (a package, so its conftest does not shadow tests/conftest.py)."""
