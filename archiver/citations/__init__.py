"""Citations: find DOIs and reference strings, parse, resolve through Crossref, compare."""
