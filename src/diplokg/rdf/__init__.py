"""RDF: mapping entities to triples, writing and parsing graphs."""
