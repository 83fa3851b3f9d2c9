"""diplokg: fact files about state visits, leaders and treaties -> a validated RDF graph."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("diplokg")
except PackageNotFoundError:  # running from a checkout without an install
    __version__ = "0.0.0"
