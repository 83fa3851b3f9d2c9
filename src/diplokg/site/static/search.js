// The search on the home page: names and aliases, folded as diplokg compares names
// (no case, accents or punctuation), over the index the site writes.  The index comes
// from search-index.js (a global, so that it works from a folder opened as file://,
// where fetch is blocked) or else from search-index.json.  Results are built with DOM
// calls only; a path is used as a link only if it is one of the site's page paths.
(function () {
  "use strict";
  var PAGE = /^[a-z]+\/[a-z0-9_-]+\.html$/;
  var LIMIT = 50;
  var box = document.getElementById("search-box");
  var form = document.getElementById("search-form");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!box || !list) { return; }
  var entries = null;

  function fold(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  function prepare(raw) {
    return raw.map(function (e) {
      return { e: e, keys: [e.name].concat(e.aliases || []).map(fold) };
    });
  }

  function rank(entry, query) {
    var best = 9;
    entry.keys.forEach(function (key) {
      if (key === query) { best = Math.min(best, 0); }
      else if (key.indexOf(query) === 0) { best = Math.min(best, 1); }
      else if ((" " + key).indexOf(" " + query) >= 0) { best = Math.min(best, 2); }
      else if (query.split(" ").every(function (w) { return key.indexOf(w) >= 0; })) {
        best = Math.min(best, 3);
      }
    });
    return best;
  }

  function show(found, query) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    found.slice(0, LIMIT).forEach(function (hit) {
      var e = hit.e;
      if (!PAGE.test(e.path)) { return; }
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = e.path;
      link.textContent = e.name;
      item.appendChild(link);
      var what = document.createElement("span");
      what.className = "what";
      var also = (e.aliases || []).length ? ", also " + e.aliases.join(", ") : "";
      what.textContent = " (" + e.kind + also + ")";
      item.appendChild(what);
      list.appendChild(item);
    });
    status.textContent = query ? found.length + " found" +
      (found.length > LIMIT ? ", the first " + LIMIT + " shown" : "") : "";
  }

  function search() {
    if (!entries) { return; }
    var query = fold(box.value);
    if (!query) { show([], ""); return; }
    var found = [];
    entries.forEach(function (entry) {
      var r = rank(entry, query);
      if (r < 9) { found.push({ e: entry.e, r: r }); }
    });
    found.sort(function (a, b) {
      return a.r - b.r || (a.e.name < b.e.name ? -1 : a.e.name > b.e.name ? 1 : 0);
    });
    show(found, query);
  }

  function ready(raw) {
    entries = prepare(raw);
    box.addEventListener("input", search);
    if (box.value) { search(); }
  }

  if (form) { form.addEventListener("submit", function (event) { event.preventDefault(); search(); }); }
  if (Array.isArray(window.diplokgSearchIndex)) {
    ready(window.diplokgSearchIndex);
  } else if (window.fetch) {
    fetch("search-index.json").then(function (r) { return r.json(); }).then(ready)
      .catch(function () { status.textContent = "The search index could not be read."; });
  }
}());
