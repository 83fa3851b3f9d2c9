"""A build: read, merge, map, validate and render, with a cache."""
