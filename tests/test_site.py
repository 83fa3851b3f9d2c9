"""`diplokg site`: the pages, their links, claims, escaping, determinism and output folder."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from typer.testing import CliRunner

from conftest import MULTI, REPO, SEEDS, replace_in
from diplokg.cli import app
from diplokg.errors import OutputError, UsageError
from diplokg.site import make_site, render
from diplokg.site.output import MARKER
from diplokg.site.paths import external_url, page_name, safe_name
from diplokg.site.values import Ref

HOSTILE = REPO / "tests" / "cases" / "site"
BROKEN = REPO / "tests" / "cases" / "broken-seed"
runner = CliRunner()


def run(*args) -> object:
    return runner.invoke(app, [str(a) for a in args])


class Page(HTMLParser):
    """What the tests look at in a page: links, images, ids, headings, attributes."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, dict]] = []  # (url, attributes) of href and src
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict]] = []
        self.h1 = 0
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if "id" in attributes:
            self.ids.add(attributes["id"])
        for name in ("href", "src"):
            if name in attributes:
                self.links.append((attributes[name], {"tag": tag, **attributes}))
        if tag == "h1":
            self.h1 += 1

    def handle_data(self, data):
        self.text.append(data)


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.fixture(scope="module")
def seeds_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seeds") / "site"
    make_site([SEEDS], out)
    return out


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("hostile") / "site"
    make_site([HOSTILE / "hostile.facts.yaml", HOSTILE / "hostile.ttl"], out)
    return out


# -- pages --------------------------------------------------------------------------------

def seed_ids(section: str) -> list[str]:
    facts = yaml.safe_load((SEEDS / "000_6518fb5451382061.facts.yaml").read_text())
    return [fact["id"] for fact in facts[section]]


@pytest.mark.parametrize(("section", "folder"), [
    ("persons", "person"), ("states", "state"), ("visits", "visit"),
    ("agreements", "agreement"), ("sources", "source"), ("places", "place")])
def test_every_fact_of_the_seeds_has_its_page(seeds_site, section, folder):
    ids = seed_ids(section)
    assert ids
    for fact_id in ids:
        page = read(seeds_site, f"{folder}/{fact_id}.html")
        assert Page(page).h1 == 1


def section_of(page: str, heading_id: str) -> str:
    """The HTML from a section's heading to the next h2."""
    start = page.index(f'id="{heading_id}"')
    end = page.find("<h2", start)
    return page[start:end if end >= 0 else len(page)]


def test_a_person_page_lists_visits_made_and_hosted(seeds_site):
    page = read(seeds_site, "person/vladimir-putin.html")
    made = section_of(page, "made-heading")
    assert '"../visit/putin-2000-north-korea.html"' in made
    assert '"../visit/putin-2024-north-korea.html"' in made
    assert "President of Russia" in made  # the capacity he came in
    hosted = section_of(page, "hosted-heading")
    for visit in ("kim-jong-il-2001-russia", "kim-jong-un-2023-russia",
                  "kim-jong-un-moscow-invited"):
        assert f'"../visit/{visit}.html"' in hosted
    assert "putin-2000-north-korea" not in hosted
    meetings = section_of(page, "meetings-heading")
    assert "../visit/putin-2024-north-korea.html#event-talks" in meetings
    # every fact shows its source and quotes
    about = page[page.index("Sources and quotes</h2>"):]
    assert "../source/cnn-2024-06-putin-pyongyang.html" in about
    assert "<blockquote>Russian President Vladimir Putin</blockquote>" in about


def test_a_visit_page_shows_participants_events_and_agreements(seeds_site):
    page = read(seeds_site, "visit/putin-2024-north-korea.html")
    people = section_of(page, "people-heading")
    assert "../person/vladimir-putin.html" in people and "../person/kim-jong-un.html" in people
    events = section_of(page, "events-heading")
    order = [events.index(f'id="event-{name}"') for name in ("arrival", "welcome-ceremony")]
    assert all(i >= 0 for i in order)
    assert "../agreement/russia-north-korea-2024-agreement.html" in page


def test_an_agreement_page_shows_its_supersession_chain(seeds_site):
    page = read(seeds_site, "agreement/russia-north-korea-2000-agreement.html")
    chain = section_of(page, "chain-heading")
    for older, newer in (("ussr-north-korea-1961-treaty", "russia-north-korea-2000-agreement"),
                         ("russia-north-korea-2000-agreement",
                          "russia-north-korea-2024-agreement")):
        assert f"../agreement/{older}.html" in chain and f"../agreement/{newer}.html" in chain
    assert chain.index("ussr-north-korea-1961-treaty") < chain.index("2024-agreement")


def test_a_state_page_has_its_pictures_and_leaders(seeds_site):
    page = read(seeds_site, "state/north-korea.html")
    parsed = Page(page)
    pictures = [attrs for _, attrs in parsed.links if attrs["tag"] == "img"]
    assert {attrs["src"] for attrs in pictures} == {"../state/north-korea.years.svg"}
    assert all(len(attrs["alt"]) > 40 for attrs in pictures)
    network = section_of(page, "partners-heading")  # set in the page, with its links
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in network
    assert '<a href="../state/russia.html" class="state">' in network
    assert '<a href="../between/north-korea--russia.html" class="arrow">' in network
    leaders = section_of(page, "leaders-heading")
    assert "../person/kim-jong-un.html" in leaders and "Supreme Leader" in leaders
    assert "../between/north-korea--russia.html" in page


def test_the_source_page_lists_what_it_states_and_keeps_a_place_for_quotes_in_context(
        seeds_site):
    page = read(seeds_site, "source/cnn-2024-06-putin-pyongyang.html")
    stated = section_of(page, "stated-heading")
    assert "../visit/putin-2024-north-korea.html" in stated
    assert "<blockquote>exactly 24 years to the day he was last in Pyongyang</blockquote>" \
        in stated
    assert 'id="quotes-in-context"' in page


def test_every_picture_is_svg_with_a_title_and_a_description(seeds_site):
    pictures = sorted(seeds_site.rglob("*.svg"))
    assert len(pictures) >= 10
    for picture in pictures:
        text = picture.read_text(encoding="utf-8")
        assert text.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
        assert "<title" in text and "<desc" in text
        assert "<script" not in text and "style=" not in text


def test_the_ontology_is_documented_with_examples_from_the_data(seeds_site):
    classes = read(seeds_site, "ontology/classes.html")
    assert 'id="class-visit"' in classes
    visit = classes[classes.index('id="class-visit"'):]
    visit = visit[:visit.index("</article>")]
    assert "https://schema.org/Event" in visit  # an alignment, linked out
    assert "../visit/" in visit  # an example from the data
    vocabulary = read(seeds_site, "ontology/vocabulary.html")
    assert 'id="concept-visit-kind-state"' in vocabulary
    assert "cameo" in vocabulary.lower()
    properties = read(seeds_site, "ontology/properties.html")
    assert 'id="term-visitor"' in properties
    assert 'src="../ontology/classes.svg"' in read(seeds_site, "ontology/index.html")


# -- claims -------------------------------------------------------------------------------

def claim_rows(page: str, anchor: str) -> list[tuple[bool, str]]:
    """(preferred, text) of each row of a claim group's table."""
    start = page.index(f'id="{anchor}"')
    group = page[start:page.index("</details>", start)]
    rows = group.split("<tr")[2:]  # after the header row
    return [('class="preferred"' in row[:30], "".join(Page("<tr" + row).text).strip())
            for row in rows]


def test_a_disputed_value_shows_every_claim_with_the_preferred_one_and_the_decision(
        corpus_site):
    page = read(corpus_site, "visit/putin-2024-vietnam.html")
    rows = claim_rows(page, "claims-kind")
    preferred = {text.split("★")[0].strip() for is_preferred, text in rows if is_preferred}
    others = {text.split("normal")[0].strip() for is_preferred, text in rows if not is_preferred}
    assert preferred == {"state"}
    assert others == {"official", "working"}
    assert len(rows) >= 10  # every source's claim, side by side
    group = page[page.index('id="claims-kind"'):]
    group = group[:group.index("</details>")]
    assert "sources disagree" in group
    assert "Decision" in group and "diplokg corpus maintainers" in group
    assert "A state visit, as Islam Times" in group  # the decision's reason
    assert 'href="#claims-kind"' in page  # the header points to the dispute


def test_a_nested_entry_shows_its_claims_and_decision(corpus_site):
    page = read(corpus_site, "visit/putin-2024-vietnam.html")
    rows = claim_rows(page, "claims-events-arrival-start")
    assert {text.split("★")[0].strip() for p, text in rows if p} == {"2024-06-20"}
    assert any(text.startswith("2024-06-19") for p, text in rows if not p)
    group = page[page.index('id="claims-events-arrival-start"'):]
    assert "events[arrival].start" in group[:group.index("</details>")]


def test_a_fact_of_one_source_shows_that_source_and_its_quotes(corpus_site):
    page = read(corpus_site, "visit/kim-jong-il-china.html")
    assert "What each source claims" not in page
    assert "../source/cnn-2024-06-putin-pyongyang.html" in page
    assert "<blockquote>" in page


# -- links, accessibility, escaping -----------------------------------------------------------

def check_links(site: Path) -> int:
    """Every internal href and src names a file of the site (and an id in it); every
    external link is http(s) and opens with no opener or referrer.  Returns the count."""
    pages: dict[Path, Page] = {}

    def parsed(path: Path) -> Page:
        if path not in pages:
            pages[path] = Page(path.read_text(encoding="utf-8"))
        return pages[path]

    checked = 0
    for path in html_files(site):
        for url, attrs in parsed(path).links:
            parts = urlsplit(url)
            if parts.scheme:
                assert parts.scheme in ("http", "https"), (path, url)
                if attrs["tag"] == "a":
                    assert attrs.get("rel") == "noopener noreferrer", (path, url)
                continue
            assert not parts.netloc and not url.startswith("/"), (path, url)
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            assert target.is_file(), (path, url)
            assert site.resolve() in target.parents, (path, url)
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in parsed(target).ids, (path, url)
            checked += 1
    return checked


def test_every_internal_link_resolves(seeds_site, corpus_site):
    assert check_links(seeds_site) > 500
    assert check_links(corpus_site) > 500


def test_the_link_check_finds_a_missing_page_and_a_missing_anchor(seeds_site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(seeds_site, copy)
    (copy / "visit" / "putin-2000-north-korea.html").unlink()
    with pytest.raises(AssertionError, match="putin-2000-north-korea"):
        check_links(copy)
    shutil.copy(seeds_site / "visit" / "putin-2000-north-korea.html", copy / "visit")
    page = copy / "visit" / "putin-2024-north-korea.html"
    page.write_text(page.read_text().replace('id="event-talks"', 'id="event-gone"'))
    with pytest.raises(AssertionError, match="event-talks"):
        check_links(copy)
    page.write_text(page.read_text().replace('id="event-gone"', 'id="event-talks"'))
    check_links(copy)
    # a link in a network picture is checked as any other
    replace_in(copy / "state" / "north-korea.html", 'href="../state/russia.html" class="state"',
               'href="../state/rossiya.html" class="state"')
    with pytest.raises(AssertionError, match="rossiya"):
        check_links(copy)


def contrast(one: str, other: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
                  for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_text_colours_have_enough_contrast():
    css = (REPO / "src" / "diplokg" / "site" / "static" / "site.css").read_text()
    colours = dict(re.findall(r"--([a-z-]+): (#[0-9a-f]{6})", css))
    white, header = "#ffffff", re.search(r"header\.site \{ background: (#[0-9a-f]{6})",
                                         css).group(1)
    pairs = [(colours["ink"], white), (colours["muted"], white), (colours["link"], white),
             (colours["good"], colours["good-bg"]), (colours["warn"], colours["warn-bg"]),
             (colours["muted"], colours["soft"]), (colours["link"], colours["soft"]),
             (white, header)]
    for text, background in pairs:
        assert contrast(text, background) >= 4.5, (text, background)
    assert contrast("#777777", white) < 4.5  # the check can fail


def test_every_page_has_a_language_one_h1_a_policy_and_alt_texts(corpus_site):
    for path in html_files(corpus_site):
        text = path.read_text(encoding="utf-8")
        page = Page(text)
        assert text.startswith('<!DOCTYPE html>\n<html lang="en">'), path
        assert page.h1 == 1, path
        assert any(tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"
                   and "script-src 'self'" in attrs["content"] for tag, attrs in page.tags)
        assert any(tag == "meta" and attrs.get("name") == "viewport" for tag, attrs in page.tags)
        for tag, attrs in page.tags:
            assert not [a for a in attrs if a.startswith("on")], (path, tag, attrs)
            assert "style" not in attrs, (path, tag)
            if tag == "img":
                assert attrs.get("alt"), (path, attrs)
            if tag == "script":
                assert attrs.get("src"), (path, "inline script")
        assert {"main", "header", "footer", "nav"} <= {tag for tag, _ in page.tags}, path


def test_hostile_text_is_escaped_and_hostile_urls_are_not_linked(hostile_site):
    for path in [*html_files(hostile_site), *hostile_site.rglob("*.svg")]:
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text, path
        assert "<img src=x" not in text and "<iframe" not in text, path
        assert "<svg onload" not in text and "<b onmouseover" not in text, path
        if path.suffix == ".html":
            page = Page(text)
            for url, _ in page.links:
                assert not url.lower().startswith(("javascript:", "data:")), (path, url)
            for tag, attrs in page.tags:
                assert not [a for a in attrs if a.startswith("on")], (path, tag, attrs)
    person = read(hostile_site, "person/evil.html")
    assert "<h1>&lt;script&gt;alert(&#34;name&#34;)&lt;/script&gt; Evil</h1>" in person
    source = read(hostile_site, "source/rdf-report.html")
    assert "<dd>javascript:alert(&#39;url&#39;)</dd>" in source  # shown, not linked
    check_links(hostile_site)


def test_iris_that_are_not_slugs_get_hashed_page_names(hostile_site):
    base = "https://w3id.org/diplokg/id/"
    odd = [f"{base}person/..%2F..%2Findex", "https://elsewhere.example/person/Some.Body"]
    for iri in odd:
        name = page_name(iri, "person", base)
        assert name.startswith("_") and len(name) == 17
        assert (hostile_site / "person" / f"{name}.html").is_file()
    assert page_name(f"{base}person/vladimir-putin", "person", base) == "vladimir-putin"
    assert safe_name("Vladimir Putin").startswith("_")
    assert safe_name("--x") != "--x"
    assert sorted(p.name for p in (hostile_site / "person").glob("*.html")) == sorted(
        [*(f"{page_name(i, 'person', base)}.html" for i in odd), "evil.html"])


def test_only_http_urls_leave_the_site():
    assert external_url("https://example.org/a?b=c#d") == "https://example.org/a?b=c#d"
    for url in ("javascript:alert(1)", "data:text/html,x", "http://", "//example.org",
                'https://example.org/"onclick=x', "https://exa mple.org", "ftp://x.org/",
                "https://example.org/\u2028"):
        assert external_url(url) is None, url


# -- search -----------------------------------------------------------------------------------

def test_the_search_index_finds_kim_jong_il_under_his_other_spelling(seeds_site):
    entries = json.loads(read(seeds_site, "search-index.json"))
    found = [e for e in entries if "Kim Jong-il" in e["aliases"]]
    assert found == [{"aliases": ["Kim Jong-il"], "kind": "person", "name": "Kim Jong Il",
                      "path": "person/kim-jong-il.html"}]
    script = read(seeds_site, "search-index.js")
    prefix = "window.diplokgSearchIndex = "
    assert script.startswith(prefix)
    assert json.loads(script[len(prefix):].rstrip().rstrip(";")) == entries
    assert all((seeds_site / e["path"]).is_file() for e in entries)


def test_the_search_index_cannot_end_a_script(hostile_site):
    script = read(hostile_site, "search-index.js")
    assert "</script" not in script.lower() and "<" not in script
    assert script.isascii()


# -- determinism ----------------------------------------------------------------------------

def site_files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


def test_the_same_facts_in_other_files_and_order_give_the_same_bytes(corpus_site, tmp_path):
    # the same facts, copied into folders of other names and given file by file, shuffled
    copy = tmp_path / "zz-facts"
    shutil.copytree(SEEDS, copy / "a-seed-folder")
    shutil.copytree(MULTI, copy / "reports-elsewhere")
    files = sorted(copy.rglob("*.facts.yaml"))
    random.Random(7).shuffle(files)
    again = tmp_path / "again"
    make_site(files, again, jobs=1)
    first, second = site_files(corpus_site), site_files(again)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


# -- the output folder and exit codes ---------------------------------------------------------

def test_the_command_writes_the_site_and_says_what(tmp_path):
    out = tmp_path / "site"
    result = run("site", SEEDS, "-o", out)
    assert result.exit_code == 0, result.output
    assert f"wrote {out}:" in result.output and " pages (" in result.output
    assert "kim-jong-il-china" in result.output  # the build's warning is shown
    assert (out / "index.html").is_file() and (out / MARKER).is_file()
    assert not [p for p in tmp_path.iterdir() if p.name != "site"]


def test_an_earlier_site_or_an_empty_folder_is_replaced(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    assert run("site", SEEDS, "-o", out).exit_code == 0
    (out / "person" / "left-over.html").write_text("old")
    assert run("site", SEEDS, "-o", out).exit_code == 0
    assert not (out / "person" / "left-over.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_folder_that_is_not_a_site_is_refused_and_left_alone(tmp_path):
    out = tmp_path / "notes"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    result = run("site", SEEDS, "-o", out)
    assert result.exit_code == 3
    assert "not a site" in result.output and "Traceback" not in result.output
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    with pytest.raises(OutputError):
        make_site([SEEDS], out)


def test_a_symbolic_link_as_output_is_refused(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    os.symlink(real, link)
    result = run("site", SEEDS, "-o", link)
    assert result.exit_code == 3 and "symbolic link" in result.output


def test_a_build_with_violations_fails_the_site_and_writes_nothing(tmp_path):
    out = tmp_path / "site"
    assert run("site", SEEDS, "-o", out).exit_code == 0
    before = site_files(out)
    result = run("site", BROKEN, "-o", out)
    assert result.exit_code == 1
    assert "violation" in result.output and "Traceback" not in result.output
    assert site_files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_strict_fails_on_the_builds_warnings(tmp_path):
    result = run("site", SEEDS, "-o", tmp_path / "site", "--strict")
    assert result.exit_code == 1 and "kim-jong-il-china" in result.output
    assert not (tmp_path / "site").exists()


def test_unreadable_input_and_usage_errors(tmp_path):
    result = run("site", tmp_path / "missing.yaml", "-o", tmp_path / "site")
    assert result.exit_code == 3 and "no such file" in result.output
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle")
    assert run("site", bad, "-o", tmp_path / "site").exit_code == 3
    assert run("site", SEEDS, "-o", tmp_path / "site", "--base", "ftp://x/").exit_code == 2
    assert run("site", SEEDS).exit_code == 2  # no -o
    assert not (tmp_path / "site").exists()


def test_an_input_inside_the_output_folder_is_refused(tmp_path):
    out = tmp_path / "site"
    shutil.copytree(SEEDS, out / "facts")
    with pytest.raises(UsageError):
        make_site([out / "facts"], out)
    assert run("site", out / "facts", "-o", out).exit_code == 2
    assert (out / "facts" / "000_6518fb5451382061.facts.yaml").is_file()


def test_a_built_graph_gives_the_same_pages_as_its_fact_files(seeds_site, tmp_path):
    graph = tmp_path / "seeds.ttl"
    assert run("build", SEEDS, "-o", graph).exit_code == 0
    out = tmp_path / "site"
    assert run("site", graph, "-o", out).exit_code == 0
    from_graph, from_facts = site_files(out), site_files(seeds_site)
    # but the source's text, which is not in the graph: its page shows the quotes' context
    text_page = "source/cnn-2024-06-putin-pyongyang.html"
    assert b'class="source-text"' in from_facts.pop(text_page)
    assert b'class="source-text"' not in from_graph.pop(text_page)
    assert from_graph == from_facts


def test_a_failure_while_writing_leaves_the_earlier_site_and_no_leftovers(
        tmp_path, monkeypatch):
    out = tmp_path / "site"
    assert run("site", SEEDS, "-o", out).exit_code == 0
    before = site_files(out)
    written = []

    def failing(template, context):
        written.append(template)
        if len(written) > 5:
            raise OutputError("disk full")
        return "<p>page</p>"

    monkeypatch.setattr(render, "render", failing)
    with pytest.raises(OutputError, match="disk full"):
        make_site([SEEDS], out, jobs=1)
    assert site_files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_links_are_escaped_like_template_values():
    context = {"root": "../"}
    inside = render.link(context, Ref('<b>"x"</b>', 'person/a.html"onclick="x'))
    assert inside == ('<a href="../person/a.html&#34;onclick=&#34;x">'
                      '&lt;b&gt;&#34;x&#34;&lt;/b&gt;</a>')
    outside = render.link(context, Ref("site", "https://example.org/?a=1&b=2",
                                                   external=True))
    assert outside == ('<a href="https://example.org/?a=1&amp;b=2" '
                       'rel="noopener noreferrer">site</a>')
    assert render.link(context, Ref("<i>")) == "&lt;i&gt;"


def test_a_source_text_inside_the_output_folder_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the reader takes texts from the working folder too
    out = tmp_path / "site"
    assert run("site", SEEDS, "-o", out).exit_code == 0
    facts = tmp_path / "facts"
    facts.mkdir()
    text = "000_6518fb5451382061"
    shutil.copy(SEEDS / f"{text}.txt", out / "article.txt")
    (facts / "seed.facts.yaml").write_text(
        (SEEDS / f"{text}.facts.yaml").read_text().replace(f"text: {text}.txt",
                                                           "text: ../site/article.txt"))
    result = run("site", facts, "-o", out)
    assert result.exit_code == 2 and "inside the output folder" in result.output
    assert (out / "article.txt").is_file() and (out / "index.html").is_file()
