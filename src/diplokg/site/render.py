"""Pages to HTML with Jinja2, autoescaping every value.

Every string in the graph is untrusted (a name may hold ``<script>``), so the templates
never mark anything safe: Jinja2 escapes every value it puts in a page, in text and in
attributes alike, and the ``link`` filter escapes each value the same way.  Links are built only
from the site's own paths and from URLs that diplokg.site.paths.external_url lets
through; the pages have no inline script or style,
so their Content-Security-Policy can allow scripts and styles from the site only.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

HERE = Path(__file__).parent
STATIC_FILES = ("site.css", "search.js", "favicon.svg")


@pass_context
def link(context, ref) -> Markup:
    """A Ref as a link (or as text where it has none): with the networks set in pages
    (svg.network, whose element trees escape every value), the only markup made outside
    the templates, and every value in it goes through ``escape`` as in a template.  A filter
    rather than a macro: pages hold hundreds of links, and a macro call costs many times
    as much."""
    text = escape(ref.text)
    if ref.href is None:
        return text
    if ref.external:
        return Markup(f'<a href="{escape(ref.href)}" rel="noopener noreferrer">{text}</a>')
    return Markup(f'<a href="{escape(context["root"])}{escape(ref.href)}">{text}</a>')


_SEPARATOR = Markup(", ")


@pass_context
def links(context, refs) -> Markup:
    """Refs as links, comma-separated."""
    return _SEPARATOR.join(link(context, ref) for ref in refs)


@cache
def environment() -> Environment:
    # auto_reload off: the templates do not change while a site is written, and checking
    # their files before every page costs more than some pages take to render
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True, auto_reload=False)
    env.filters["link"] = link
    env.filters["links"] = links
    return env


def render(template: str, context: dict) -> str:
    return environment().get_template(template).render(**context)


def static_files() -> dict[str, str]:
    """The stylesheet and the search script, by their path in the site."""
    return {f"static/{name}": (HERE / "static" / name).read_text(encoding="utf-8")
            for name in STATIC_FILES}


def search_index(entries: list[dict]) -> tuple[str, str]:
    """The search index as JSON, and as a script that sets a global to it (a page opened
    from a folder as file:// may not fetch the JSON).  ASCII only, with every character
    that could end a script or a line escaped."""
    text = json.dumps(entries, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text + "\n", f"window.diplokgSearchIndex = {text};\n"
