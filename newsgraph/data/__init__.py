"""newsgraph's data files (dictionaries, lexicons, ontologies) and the one loader that reads them.

Every module that needs a file of this folder reads it through :mod:`newsgraph.data.loader`
(``package_yaml("cues.yaml")``, ``package_tsv("actors/roles.tsv")``), which reads it from the
installed package with ``importlib.resources``; ``README.md`` lists each file, who loads it
and where its facts come from.
"""

from newsgraph.data.loader import TsvRow, package_text, package_tsv, package_yaml, parse_tsv, parse_yaml

__all__ = ["TsvRow", "package_text", "package_tsv", "package_yaml", "parse_tsv", "parse_yaml"]
