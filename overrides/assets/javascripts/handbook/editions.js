// The version selector (extra.version, editions published with mike) leads to the same
// page in the chosen edition, in the page's language; when that edition lacks the page,
// to its start page in the same language. Material's own handler falls back to the
// edition root, which is the Finnish start page even for an English reader.
// The chosen edition's sitemap.xml lists every page of both languages.
(function () {
  var config = document.getElementById("__config");
  if (!config || !JSON.parse(config.textContent).version) return;
  var script = document.currentScript;
  var base = new URL(JSON.parse(config.textContent).base, location);
  // The 404 page's base has no trailing slash (/2026): make it a folder like the others.
  if (!/\/$/.test(base.pathname)) base.pathname += "/";

  function languageRoot() {
    // The head alternate of this page's language points at its folder in the edition.
    var link = document.querySelector('link[rel="alternate"][hreflang="' + document.documentElement.lang + '"]');
    var path = link ? new URL(link.href).pathname : base.pathname;
    return path.indexOf(base.pathname) === 0 ? path.slice(base.pathname.length) : "";
  }

  function sitemapPaths(xml) {
    var paths = Array.prototype.map.call(xml.getElementsByTagName("loc"), function (loc) {
      return new URL(loc.textContent.trim()).pathname;
    });
    // The shortest address is the edition's root: the rest are paths under it.
    var root = paths.reduce(function (a, b) { return a.length <= b.length ? a : b; }, paths[0] || "/");
    return paths.map(function (path) { return path.slice(root.length); });
  }

  // The last entry of the selector's list: what this edition changed (its changes page,
  // hooks/edition_changes.py), in the page's language. Material builds the list from
  // versions.json after the page loads, so the entry is added when the list appears.
  // Its own class: the handlers of `.md-version__link` would treat it as an edition.
  function addChangesLink() {
    var list = document.querySelector(".md-version__list");
    if (!list || !script || !script.dataset.editionChanges || list.querySelector(".handbook-version-changes")) return !!list;
    var item = document.createElement("li");
    item.className = "md-version__item";
    var link = document.createElement("a");
    link.className = "handbook-version-changes";
    link.href = new URL(script.dataset.editionChanges, location).href;
    link.textContent = script.dataset.editionChangesTitle;
    item.append(link);
    list.append(item);
    return true;
  }
  if (!addChangesLink()) {
    var watcher = new MutationObserver(function () { if (addChangesLink()) watcher.disconnect(); });
    watcher.observe(document.body, { childList: true, subtree: true });
  }

  // Capture phase: runs before Material's handler on document.body, which it replaces.
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element && event.target.closest(".md-version__link");
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    event.stopPropagation();
    var edition = new URL(link.href);
    var page = location.pathname.indexOf(base.pathname) === 0 ? location.pathname.slice(base.pathname.length) : "";
    var fallback = new URL(languageRoot(), edition);
    fetch(new URL("sitemap.xml", edition))
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (text) {
        var paths = sitemapPaths(new DOMParser().parseFromString(text, "application/xml"));
        if (paths.indexOf(page) < 0) return fallback;
        var same = new URL(page, edition);
        same.hash = location.hash;
        return same;
      })
      .catch(function () { return fallback; })
      .then(function (target) { location.assign(target.href); });
  }, true);
})();
