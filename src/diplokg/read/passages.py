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

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

_WORD = re.compile(r"\S+")
# How much text before and after a quote its TextQuoteSelector keeps.
CONTEXT_CHARACTERS = 32

_QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                              "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})


def normalise_text(text: str) -> str:
    """What quotes and source texts are compared as: NFC, straight quote marks, single spaces."""
    return _spaced(unicodedata.normalize("NFC", text))


def _spaced(nfc: str) -> str:
    """Text already in NFC, with straight quote marks and single spaces."""
    return " ".join(nfc.translate(_QUOTE_MARKS).split())


@dataclass(frozen=True, order=True)
class Passage:
    """A quote located in its source's text: ``text[start:end] == exact`` (ordered by
    place, for listing a text's passages)."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


class SourceText:
    """A source's text, ready to be searched for quotes.

    The normalised text is what the reader checks quotes against; where its words stand
    in the text is worked out only when a quote is first located (at map time), one
    entry per word, not per character.
    """

    def __init__(self, raw: str):
        self.text = unicodedata.normalize("NFC", raw)
        self.normalised = _spaced(self.text)
        self._words: tuple[list[int], list[int]] | None = None

    def _word_starts(self) -> tuple[list[int], list[int]]:
        """Where each word (a run of no white space, as str.split finds them: re's \\s is
        str.isspace) starts in the normalised text and in the text.  Quote marks are
        replaced one for one, so inside a word the offsets agree."""
        if self._words is None:
            normalised, original, at = [], [], 0
            for word in _WORD.finditer(self.text):
                normalised.append(at)
                original.append(word.start())
                at += len(word.group()) + 1
            self._words = normalised, original
        return self._words

    def _original(self, index: int) -> int:
        normalised, original = self._word_starts()
        word = bisect_right(normalised, index) - 1
        return original[word] + index - normalised[word]

    def locate(self, normalised_quote: str) -> Passage | None:
        """The first place of a quote (already normalised) in the text, or None."""
        if not normalised_quote:
            return None
        at = self.normalised.find(normalised_quote)
        if at < 0:
            return None
        start = self._original(at)
        end = self._original(at + len(normalised_quote) - 1) + 1
        return Passage(start, end, self.text[start:end],
                       self.text[max(0, start - CONTEXT_CHARACTERS):start],
                       self.text[end:end + CONTEXT_CHARACTERS])
