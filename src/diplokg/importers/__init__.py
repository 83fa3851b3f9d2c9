"""Importers of public archives into fact files."""
