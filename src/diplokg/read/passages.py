"""Where a quote stands in its source's text: character offsets and the words around it.

Quotes are checked against a source text as both are normalised (normalise_text:
NFC, straight quote marks, single spaces), so a quote may differ from the text in white
space and quote marks.  A ``SourceText`` keeps, for each character of the normalised
text, the character of the text it comes from, so that a quote found in the normalised
text can be given back as a span of the text itself.

Offsets count Unicode code points of the text in NFC, with line breaks read as one
``\\n`` (as Python reads text files), from 0; the end is exclusive.  This is what the
Web Annotation model's TextPositionSelector asks for (the text normalised, code points
counted).  A quote that occurs more than once is located at its first occurrence; the
prefix and suffix of its TextQuoteSelector say which one that is.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# How much text before and after a quote its TextQuoteSelector keeps.
CONTEXT_CHARACTERS = 32

_QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                              "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})


def normalise_text(text: str) -> str:
    """What quotes and source texts are compared as: NFC, straight quote marks, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_QUOTE_MARKS).split())


@dataclass(frozen=True)
class Passage:
    """A quote located in its source's text: ``text[start:end] == exact``."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


class SourceText:
    """A source's text, ready to be searched for quotes."""

    def __init__(self, raw: str):
        self.text = unicodedata.normalize("NFC", raw)
        chars: list[str] = []
        self._origin: list[int] = []  # index in self.text of each character of chars
        for index, char in enumerate(self.text):
            if char.isspace():  # str.split's white space: a run becomes one space
                if chars and chars[-1] != " ":
                    chars.append(" ")
                    self._origin.append(index)
                continue
            chars.append(char.translate(_QUOTE_MARKS))
            self._origin.append(index)
        if chars and chars[-1] == " ":
            chars.pop()
            self._origin.pop()
        self.normalised = "".join(chars)

    def locate(self, normalised_quote: str) -> Passage | None:
        """The first place of a quote (already normalised) in the text, or None."""
        if not normalised_quote:
            return None
        at = self.normalised.find(normalised_quote)
        if at < 0:
            return None
        start = self._origin[at]
        end = self._origin[at + len(normalised_quote) - 1] + 1
        return Passage(start, end, self.text[start:end],
                       self.text[max(0, start - CONTEXT_CHARACTERS):start],
                       self.text[end:end + CONTEXT_CHARACTERS])
