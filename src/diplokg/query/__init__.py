"""SPARQL queries over stores and endpoints, and loading graphs into them."""
