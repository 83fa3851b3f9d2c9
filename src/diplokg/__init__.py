"""diplokg: fact files about state visits, leaders and treaties -> a validated RDF graph.

The package is built in layers; a module imports only from the layers below its own
(tests/test_layers.py checks this with the contracts in pyproject.toml):

    cli        one module per command; shared options and failure in cli.common
    importers  public archives -> fact files
    build      read, merge, map, validate and render one build, with its cache
    query      SPARQL over stores and endpoints, loading graphs into them (it needs
               nothing of the build: fact files come in through a function it is given)
    validate   SHACL shapes and the checks across facts
    rdf        entities -> triples, and writing and parsing RDF
    merge      one entity of everything the fact files say about one thing
    read       fact files -> checked records
    report     problems as text, JSON, JUnit, SARIF, Turtle and GitHub annotations
    model      the kinds of facts, defined once, and what is generated from them
    core       errors, problems, namespaces, resources, limits, names, digests, IRIs,
               safe text and safe files: the modules at the top of the package
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("diplokg")
except PackageNotFoundError:  # running from a checkout without an install
    __version__ = "0.0.0"
