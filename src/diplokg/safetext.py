"""Text that is safe to print: no control characters, terminal escapes or hidden marks.

Fact files, RDF files and server answers may be hostile.  Anything taken from them
and printed to a terminal or a CI log goes through ``printable`` first, so a value
cannot move the cursor, retitle the terminal, start a GitHub workflow command, or
hide text behind bidirectional overrides.  Each such character is shown as a
``\\uXXXX`` escape instead; a backslash stays a backslash.  ``json_text`` does the
same for JSON, with JSON's own escapes, so the values read back unchanged.
"""

from __future__ import annotations

import json
import re

# C0 controls (tab and newline included: a value must not start a new line), DEL,
# C1 controls (ESC's 8-bit cousins, e.g. CSI U+009B), line and paragraph separators,
# bidirectional embeddings, overrides and isolates, zero-width joiners and the BOM,
# U+FFFE and U+FFFF (not characters at all; XML 1.0 forbids them), and lone
# surrogates (which cannot even be encoded as UTF-8).
_BEYOND_C0 = ("\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069"
              "\ufeff\ufffe\uffff\ud800-\udfff")
UNSAFE_CHARACTERS = "\x00-\x1f" + _BEYOND_C0
_UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}]")
_JSON_UNSAFE = re.compile(f"[{_BEYOND_C0}]")  # json.dumps has escaped C0 controls
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escaped(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"


def escape_old_commands(text: str) -> str:
    """GitHub Actions runs "##[command]" anywhere in a line (the older form of workflow
    commands), so its bracket is escaped; ``\\u005b`` reads back as "[" in JSON and RDF."""
    return text.replace("##[", "##\\u005b")


def printable(text: object) -> str:
    """``text`` as one line with every unsafe character shown as ``\\uXXXX``.

    A line that starts with ``::`` (after blanks) is a GitHub workflow command,
    so a leading ``:`` is escaped as well: the result can begin a printed line.
    """
    shown = escape_old_commands(_UNSAFE.sub(_escaped, str(text)))
    rest = shown.lstrip()
    if rest.startswith("::"):
        shown = shown[:len(shown) - len(rest)] + "\\u003a" + rest[1:]
    return shown


def encodable(text: str) -> str:
    """``text`` with each lone surrogate shown as ``\\udXXX``, so it can be written as UTF-8."""
    return _SURROGATE.sub(_escaped, text)


def _json_escaped(match: re.Match) -> str:
    # A lone surrogate has no UTF-8 form: write the text "\udXXX" (an escaped
    # backslash).  Anything else gets JSON's \uXXXX escape, read back as itself.
    char = match.group()
    return "\\" + _escaped(match) if _SURROGATE.match(char) else _escaped(match)


def json_text(document: object) -> str:
    """``document`` as indented JSON that is valid UTF-8 and safe to print, whatever its strings.

    json.dumps has escaped C0 controls; the other unsafe characters can only be
    inside strings, so each becomes a JSON escape that reads back as the same
    character, and U+2028, U+2029 and U+0085 cannot break a line either.
    """
    text = json.dumps(document, indent=2, ensure_ascii=False)
    return escape_old_commands(_JSON_UNSAFE.sub(_json_escaped, text))


def one_line(text: object, limit: int = 300) -> str:
    """A parser's message as one printable line: runs of white space made one space, cut
    at ``limit`` characters."""
    line = printable(" ".join(str(text).split()))
    return line if len(line) <= limit else line[:limit] + "..."
