"""Evaluation: score extraction against public gold corpora in their own formats.

One module per task (``actors``, ``quotes``, ``events``), sharing the counting and matching
helpers in ``metrics``. ``newsgraph evaluate <task> --gold PATH`` prints the tables.
"""
