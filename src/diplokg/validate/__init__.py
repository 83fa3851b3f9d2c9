"""Validation: SHACL shapes and the checks across facts."""
