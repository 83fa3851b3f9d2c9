"""Where quotes stand in their sources' texts: offsets and words as Web Annotation selectors."""

from __future__ import annotations

import re
import shutil
import unicodedata
from html.parser import HTMLParser

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEEDS, SMALL, replace_in
from diplokg.build import pipeline
from diplokg.build.cache import Cache
from diplokg.read.passages import CONTEXT_CHARACTERS, SourceText, normalise_text
from diplokg.site import make_site

OA = "http://www.w3.org/ns/oa#"
DK = "https://w3id.org/diplokg/ontology#"

SELECTORS = f"""
SELECT ?evidence ?quote ?source ?start ?end ?exact ?prefix ?suffix WHERE {{
  ?evidence <{DK}quote> ?quote ; <{DK}source> ?source ; <{OA}hasSource> ?source ;
            <{OA}hasSelector> ?position , ?words .
  ?position a <{OA}TextPositionSelector> ; <{OA}start> ?start ; <{OA}end> ?end .
  ?words a <{OA}TextQuoteSelector> ; <{OA}exact> ?exact .
  OPTIONAL {{ ?words <{OA}prefix> ?prefix }}
  OPTIONAL {{ ?words <{OA}suffix> ?suffix }}
}}"""


def loose(text: str) -> str:
    """An independent spelling of the comparison the reader makes: any white space run is
    one space, curly quote marks are straight."""
    text = re.sub(r"[\u2018\u2019\u201a\u201b]", "'", unicodedata.normalize("NFC", text))
    return re.sub(r"\s+", " ", re.sub(r"[\u201c\u201d\u201e\u201f]", '"', text)).strip()


def built_store(paths, tmp_path, **options) -> ox.Store:
    out = tmp_path / "graph.ttl"
    pipeline.build(paths, out, **options)
    store = ox.Store()
    store.load(path=str(out), format=ox.RdfFormat.TURTLE)
    return store


def test_every_seed_quote_is_located_in_the_article(tmp_path):
    store = built_store([SEEDS], tmp_path)
    article, = SEEDS.glob("*.txt")
    # as Python reads a text file (line breaks as \n), in NFC
    text = unicodedata.normalize("NFC", article.read_text(encoding="utf-8"))
    rows = list(store.query(SELECTORS))
    evidence = {s for s, in store.query(f"SELECT ?e WHERE {{ ?e a <{DK}Evidence> }}")}
    assert len(rows) == len(evidence) > 50  # every quote, once
    for row in rows:
        start, end = int(row["start"].value), int(row["end"].value)
        assert text[start:end] == row["exact"].value
        assert loose(row["exact"].value) == loose(row["quote"].value)
        assert loose(row["quote"].value) not in loose(text[:end - 1])  # its first place
        assert (row["prefix"].value if row["prefix"] else "") == \
            text[max(0, start - CONTEXT_CHARACTERS):start]
        assert (row["suffix"].value if row["suffix"] else "") == \
            text[end:end + CONTEXT_CHARACTERS]


def test_white_space_and_quote_marks_stand_as_in_the_text(tmp_path):
    """The fact file quotes `"treaty of friendship" that`; the text has curly marks and a
    line break there: the selector keeps the text's own characters."""
    store = built_store([SMALL / "facts.yaml"], tmp_path)
    exact = {row["exact"].value for row in store.query(SELECTORS)}
    assert "The two signed a \u201ctreaty of friendship\u201d\nthat replaces the 1990 accord." \
        in exact


def test_windows_line_breaks_count_as_one_character(tmp_path):
    folder = tmp_path / "facts"
    folder.mkdir()
    shutil.copy(SMALL / "facts.yaml", folder / "facts.yaml")
    text = (SMALL / "article.txt").read_text(encoding="utf-8")
    (folder / "article.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    crlf = {(r["exact"].value, r["start"].value) for r in
            built_store([folder], tmp_path).query(SELECTORS)}
    shutil.copy(SMALL / "article.txt", folder / "article.txt")
    lf = {(r["exact"].value, r["start"].value) for r in
          built_store([folder], tmp_path).query(SELECTORS)}
    assert crlf == lf


def test_a_cached_build_sees_a_changed_source_text(tmp_path):
    """The fact file is unchanged, the text it quotes moved: the offsets move with it."""
    folder = tmp_path / "facts"
    folder.mkdir()
    for name in ("facts.yaml", "article.txt"):
        shutil.copy(SMALL / name, folder / name)
    cache = tmp_path / "cache"
    before = {r["start"].value for r in
              built_store([folder], tmp_path, cache=Cache(cache)).query(SELECTORS)}
    text = (folder / "article.txt").read_text(encoding="utf-8")
    (folder / "article.txt").write_text("A new first line.\n" + text, encoding="utf-8")
    cached = {r["start"].value for r in
              built_store([folder], tmp_path, cache=Cache(cache)).query(SELECTORS)}
    fresh = {r["start"].value for r in built_store([folder], tmp_path).query(SELECTORS)}
    assert cached == fresh
    assert {int(s) for s in cached} == {int(s) + len("A new first line.\n") for s in before}


def test_a_source_without_text_gives_no_selectors(tmp_path):
    facts = replace_in(shutil.copy(SMALL / "facts.yaml", tmp_path / "facts.yaml"),
                       "    text: article.txt\n", "")
    store = built_store([facts], tmp_path)
    assert list(store.query(SELECTORS)) == []
    assert len(list(store.query(f"SELECT ?e WHERE {{ ?e a <{DK}Evidence> }}"))) > 0


# -- the locator on its own ------------------------------------------------------------

# letters, white space of several kinds, straight and curly quote marks, and an accent
# written as a combining character (NFC makes one character of it)
TEXT = st.lists(st.sampled_from([*"ab c\n\t\u00a0\u201c\u201d\u2019'\"\u00e9", "e\u0301"]),
                max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_every_character_of_the_normalised_text_comes_from_its_place_in_the_text(raw):
    source = SourceText(raw)
    for index, char in enumerate(source.normalised):
        if char != " ":  # a space stands for a run of white space
            assert normalise_text(source.text[source._original(index)]) == char


@settings(max_examples=300, deadline=None)
@given(TEXT, st.data())
def test_a_quote_taken_from_the_text_is_found_where_it_first_stands(raw, data):
    source = SourceText(raw)
    text = source.text
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    quote = normalise_text(text[start:end])
    passage = source.locate(quote)
    if not quote:
        assert passage is None
        return
    assert passage is not None
    assert passage.exact == text[passage.start:passage.end]
    assert normalise_text(passage.exact) == quote
    # nothing before it normalises to the quote: it is the first place
    assert quote not in normalise_text(text[:passage.end - 1])


def test_a_quote_not_in_the_text_is_not_located():
    assert SourceText("Putin met Kim in Pyongyang.").locate("Kim met Putin") is None


# -- the source page ---------------------------------------------------------------------

class _SourcePage(HTMLParser):
    """The text of the page's .source-text, the spans of it that are marked, and the
    links of each passage."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.marked, self.passages = "", set(), {}
        self._in_text = self._in_mark = self._in_ref = False
        self._passage = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and attrs.get("class") == "source-text":
            self._in_text = True
        elif tag == "mark" and self._in_text:
            self._in_mark = True
        elif tag == "a" and attrs.get("class") == "quote-ref":
            self._in_ref = True
        elif tag == "li" and (attrs.get("id") or "").startswith("quote-"):
            self._passage = self.passages.setdefault(attrs["id"], [])
        elif tag == "a" and self._passage is not None and attrs.get("href", "").startswith(".."):
            self._passage.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "div" and self._in_text:
            self._in_text = False
        elif tag == "mark":
            self._in_mark = False
        elif tag == "a":
            self._in_ref = False
        elif tag == "li":
            self._passage = None

    def handle_data(self, data):
        if self._in_text and not self._in_ref:
            if self._in_mark:
                self.marked |= set(range(len(self.text), len(self.text) + len(data)))
            self.text += data


def source_page(site) -> _SourcePage:
    page, = (site / "source").glob("*.html")
    parser = _SourcePage()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_the_source_page_shows_the_text_with_every_quote_marked(tmp_path):
    make_site([SEEDS], tmp_path / "site")
    page = source_page(tmp_path / "site")
    article, = SEEDS.glob("*.txt")
    text = unicodedata.normalize("NFC", article.read_text(encoding="utf-8"))
    assert page.text == text  # the whole text, nothing added or lost
    spans = {(int(r["start"].value), int(r["end"].value))
             for r in built_store([SEEDS], tmp_path).query(SELECTORS)}
    assert set(range(len(text))) > page.marked == {i for s, e in spans for i in range(s, e)}
    assert len(page.passages) == len(spans)
    for links in page.passages.values():  # each passage leads to a fact page that exists
        assert links
        for href in links:
            assert (tmp_path / "site" / "source" / href.split("#")[0]).resolve().is_file()


def test_a_site_from_turtle_lists_the_passages_with_their_context(tmp_path):
    out = tmp_path / "graph.ttl"
    pipeline.build([SEEDS], out)
    make_site([out], tmp_path / "site")
    page = source_page(tmp_path / "site")
    assert page.text == ""  # the text is not in the graph
    html = next((tmp_path / "site" / "source").glob("*.html")).read_text(encoding="utf-8")
    assert "the text itself is not in the graph" in html
    assert "as <mark>Russian President Vladimir Putin</mark> kicked off" in html
    assert len(page.passages) > 50
