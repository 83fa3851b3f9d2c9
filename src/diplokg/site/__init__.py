"""``diplokg site``: the graph as a folder of static pages to read in any browser.

What is decided, and why:

* **Static and offline.** Plain HTML, one stylesheet, one small script for the search
  and SVG pictures drawn when the site is built: no server, no CDN, no web font, so
  the folder works opened from disk (``file://``) as well as served.  The search index
  is written twice, as ``search-index.json`` and as ``search-index.js``, a script that
  sets a global, since a page opened from disk may not fetch a file.
* **Untrusted text.** Every string of the graph may be hostile.  Pages are rendered by
  Jinja2 with autoescaping (diplokg.site.render), pictures are element trees
  (diplokg.site.svg), links are only the site's own paths or http(s) URLs
  (diplokg.site.paths), and every page carries a Content-Security-Policy that allows
  scripts and styles from the site alone: there is no inline script, style or event
  handler anywhere.
* **Deterministic.** Everything is sorted, nothing is dated or random: the same facts,
  in any files, folders or order, give the same bytes.
* **Fast.** The graph is read by one SPARQL query per class of node
  (diplokg.site.graph), never one per page; what a page needs is then looked up in
  indexes built once.
* **Safe output.** The site is written into a new folder beside ``-o`` that replaces it
  only when complete, and ``-o`` is replaced only if it is new, empty or an earlier
  site (diplokg.site.output).

Modules: ``graph`` reads the store, ``pages`` decides what each page shows (``values``:
what a value is, with its link; ``docs``: the ontology's pages), ``svg`` draws the
pictures, ``ontology`` reads the shipped ontology for its documentation, ``paths`` names
pages and vets links, ``render`` fills the templates, ``output`` writes the folder and
``make`` puts them together (``make_site``).
"""

from diplokg.site.make import SiteResult, make_site

__all__ = ["SiteResult", "make_site"]
