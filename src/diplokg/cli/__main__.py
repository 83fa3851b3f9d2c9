"""``python -m diplokg.cli``: the diplokg command."""

from diplokg.cli import app

app()
