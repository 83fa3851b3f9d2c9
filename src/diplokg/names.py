"""Names and slugs: the one normaliser of names and the one slug function.

Fact files compare names without case, accents or punctuation ("Kim Jong-il" is
"kim jong il"); the archive importer adds rules of its own (letters that do not
decompose, apostrophes dropped, "ibn" read as "bin"), as the named variant
``ARCHIVE`` of the same code.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Letters NFKD does not take apart, written as the archive's editors would in ASCII.
_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                          "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i"})


@dataclass(frozen=True)
class Rules:
    """How spellings of one name are folded into one form."""

    letters: bool = False  # map ø, ł, ß ... to ASCII before dropping diacritics
    drop: str = ""  # characters removed outright (a regular expression)
    split: str = r"[^\w]+"  # what separates words
    casefold: bool = True  # str.casefold (ß -> ss), else str.lower
    other_letters_split: bool = False  # in slugs, letters left outside ASCII: split, or drop
    synonyms: dict[str, str] = field(default_factory=dict)  # word -> the word it is read as


FACTS = Rules()
ARCHIVE = Rules(letters=True, drop=r"['’]", split=r"[-.,\s]+", casefold=False,
                other_letters_split=True, synonyms={"ibn": "bin"})


def without_diacritics(text: str, rules: Rules = FACTS) -> str:
    """"Guaidó" -> "Guaido"."""
    if rules.letters:
        text = text.translate(_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise_name(name: str, rules: Rules = FACTS) -> str:
    """The form that spellings of one name share; "" for a name made only of punctuation."""
    text = without_diacritics(name, rules)
    text = text.casefold() if rules.casefold else text.lower()
    if rules.drop:
        text = re.sub(rules.drop, "", text)
    words = re.sub(rules.split, " ", text).split()
    return " ".join(rules.synonyms.get(word, word) for word in words)


def slug(text: str, rules: Rules = FACTS) -> str:
    """ASCII letters and digits joined by hyphens: an id or an IRI segment."""
    text = without_diacritics(text, rules)
    if not rules.other_letters_split:
        text = text.encode("ascii", "ignore").decode()
    text = text.lower()
    if rules.drop:
        text = re.sub(rules.drop, "", text)
    return "-".join(re.findall(r"[a-z0-9]+", text))

