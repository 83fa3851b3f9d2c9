"""Reports of problems, for people and for CI systems."""
