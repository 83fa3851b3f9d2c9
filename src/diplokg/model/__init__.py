"""The kinds of facts: one definition each (diplokg.model.kinds), and what follows from them.

Every table the stages use (sections, reference and date fields, classes,
properties, concept schemes, prefixes, query parameter kinds) and the generated
artefacts (the JSON Schema, the JSON-LD context, the per-field SHACL shapes) are
derived from these definitions, in ``registry``, ``schema``, ``context`` and
``shapes``.
"""
