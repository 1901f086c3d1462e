// The handbook's search form, driven by Pagefind (partials/search.html).
//
// Pagefind's script and index are fetched only when the reader starts typing, so a page
// view costs nothing for search. Pagefind picks the index of the page's <html lang>:
// a Finnish page finds Finnish pages only, an English page English ones.
//
// On a Finnish page the form also fetches finnish-forms.json (built from the handbook's
// own words, handbook/reader/search_forms.py) and asks Pagefind for the base form of each
// word it lists: `tapaamisessa` becomes `tapaaminen`, which every page that inflects it
// holds in a hidden element. Excerpts are cut from the page's own text, never from those
// hidden words (their element ids start with "handbook-forms-").
(function () {
  "use strict"
  var root = document.querySelector("[data-handbook-search]")
  if (!root) return
  var toggle = document.getElementById("__search")
  var form = root.querySelector("form")
  var input = root.querySelector("input[type=search]")
  var status = root.querySelector("[role=status]")
  var list = root.querySelector("ol")
  var placeholder = status.textContent
  var shown = 10
  var engine = null
  var forms = null
  var latest = 0
  var excerptWords = 30

  // Result URLs are relative to the site root, which is not "/" under an edition path.
  // No worker: every fetch stays in the page, under its Content-Security-Policy (a
  // worker would not inherit the meta policy).
  function loadEngine() {
    if (!engine) {
      engine = import(new URL(root.dataset.bundle, location).href).then(function (pagefind) {
        var siteRoot = new URL(root.dataset.base, location).pathname
        return pagefind.options({ noWorker: true, baseUrl: siteRoot.endsWith("/") ? siteRoot : siteRoot + "/" })
          .then(function () { return pagefind })
      })
    }
    return engine
  }

  // Inflected form -> base form, from {"base": "form form ..."}; an empty map on English pages.
  function loadForms() {
    if (!forms) {
      forms = !root.dataset.forms ? Promise.resolve(new Map()) : fetch(new URL(root.dataset.forms, location).href)
        .then(function (response) { return response.ok ? response.json() : {} })
        .then(function (table) {
          var map = new Map()
          Object.keys(table).forEach(function (base) {
            table[base].split(" ").forEach(function (form) { map.set(form, base) })
          })
          return map
        })
        .catch(function () { return new Map() })
    }
    return forms
  }

  function baseFormQuery(query, map) {
    return query.split(/\s+/).map(function (word) {
      return map.get(word.toLowerCase()) || word
    }).join(" ")
  }

  // Word positions [from, to) of the hidden base-form elements in the page's content.
  function hiddenRanges(data) {
    var anchors = (data.anchors || []).slice().sort(function (a, b) { return a.location - b.location })
    var ranges = []
    anchors.forEach(function (anchor, index) {
      if (!anchor.id || anchor.id.indexOf("handbook-forms-") !== 0) return
      var next = anchors.slice(index + 1).find(function (a) { return a.location > anchor.location })
      ranges.push([anchor.location, next ? next.location : Infinity])
    })
    return ranges
  }

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
  }

  // An excerpt of the words a reader sees, with the hits marked: the window with the most
  // visible hits, or the start of the section whose hidden base forms matched.
  function excerpt(data) {
    if (typeof data.content !== "string" || !data.locations) return data.excerpt
    var ranges = hiddenRanges(data)
    // Heading permalinks leave a pilcrow stuck to the heading's last word.
    var words = data.content.split(/\s+/).map(function (word) { return word.replace(/¶/g, "") })
    var hidden = function (i) { return ranges.some(function (r) { return i >= r[0] && i < r[1] }) }
    var visible = []
    words.forEach(function (word, i) { if (!hidden(i) && word) visible.push(i) })
    var hits = new Set(data.locations)
    var best = 0
    var bestCount = -1
    for (var start = 0; start < visible.length; start++) {
      var count = 0
      for (var k = start; k < Math.min(start + excerptWords, visible.length); k++) if (hits.has(visible[k])) count++
      if (count > bestCount) { best = start; bestCount = count }
      if (start + excerptWords >= visible.length) break
    }
    var first = data.locations.find(hidden)
    var range = first === undefined ? null : ranges.find(function (r) { return first >= r[0] && first < r[1] })
    if (bestCount === 0 && range) {
      // Only hidden base forms matched: begin where their section begins.
      var sectionStart = 0
      ;(data.anchors || []).forEach(function (a) {
        if (/^h[1-6]$/i.test(a.element) && a.location <= range[0] && a.location > sectionStart) sectionStart = a.location
      })
      best = Math.max(0, visible.findIndex(function (i) { return i >= sectionStart }))
    }
    return visible.slice(best, best + excerptWords).map(function (i) {
      return hits.has(i) ? "<mark>" + escapeHtml(words[i]) + "</mark>" : escapeHtml(words[i])
    }).join(" ")
  }

  // The section a result should open: Pagefind's sub-result (one per heading with an id)
  // holding the most hits. The page's own first heading is the page itself.
  function bestSection(data) {
    var best = null
    ;(data.sub_results || []).forEach(function (sub) {
      if (!sub.url || sub.url.indexOf("#") < 0 || !sub.locations || !sub.locations.length) return
      if (!best || sub.locations.length > best.locations.length) best = sub
    })
    return best
  }

  function plainTitle(text) {
    return (text || "").replace(/¶/g, "").trim()
  }

  function countText(count) {
    if (count === 0) return root.dataset.none
    if (count === 1) return root.dataset.one
    return root.dataset.other.replace("#", String(count))
  }

  function render(query, results, total) {
    list.replaceChildren()
    results.forEach(function (data) {
      var item = document.createElement("li")
      item.className = "md-search-result__item"
      var section = bestSection(data)
      var link = document.createElement("a")
      link.className = "md-search-result__link"
      // Straight to the matching section when one matched; the page otherwise.
      link.href = section ? section.url : data.url
      var article = document.createElement("article")
      article.className = "md-search-result__article md-typeset"
      var title = document.createElement("div")
      title.className = "md-search-result__title"
      title.textContent = plainTitle(data.meta && data.meta.title ? data.meta.title : data.url)
      article.append(title)
      var sectionTitle = section && plainTitle(section.title)
      if (sectionTitle && sectionTitle !== title.textContent) {
        var where = document.createElement("div")
        where.className = "handbook-search-section"
        where.textContent = sectionTitle
        article.append(where)
      }
      var text = document.createElement("p")
      // The page's own words, escaped, with <mark> around hits (the section's when one matched).
      text.innerHTML = excerpt(section ? Object.assign({}, data, { locations: section.locations }) : data)
      article.append(text)
      link.append(article)
      item.append(link)
      list.append(item)
    })
    status.textContent = query ? countText(total) : placeholder
    root.dataset.query = query
    root.dataset.state = "done"
  }

  function search() {
    var query = input.value.trim()
    var ticket = ++latest
    root.dataset.state = "searching"
    if (!query) return render("", [], 0)
    Promise.all([loadEngine(), loadForms()])
      .then(function (loaded) {
        var pagefind = loaded[0]
        var mapped = baseFormQuery(query, loaded[1])
        if (mapped === query) return pagefind.search(query)
        // A base form the table gave is tried first; the words as typed if it finds nothing.
        return pagefind.search(mapped).then(function (found) {
          return found.results.length ? found : pagefind.search(query)
        })
      })
      .then(function (found) {
        return Promise.all(found.results.slice(0, shown).map(function (r) { return r.data() }))
          .then(function (data) { if (ticket === latest) render(query, data, found.results.length) })
      })
      .catch(function (error) {
        if (ticket !== latest) return
        status.textContent = countText(0)
        root.dataset.state = "failed"
        console.error("search failed:", error)
      })
  }

  var pending = 0
  input.addEventListener("input", function () {
    clearTimeout(pending)
    pending = setTimeout(search, 120)
  })
  form.addEventListener("submit", function (event) {
    event.preventDefault()
    clearTimeout(pending)
    search()
  })
  form.addEventListener("reset", function () {
    setTimeout(function () { render("", [], 0); input.focus() })
  })
  // Material's stylesheet opens the search panel while its toggle is checked.
  input.addEventListener("focus", function () { toggle.checked = true })
  toggle.addEventListener("change", function () { if (toggle.checked) input.focus() })
  root.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      toggle.checked = false
      input.blur()
    }
  })
  // An address with `?q=` (the page not found links to `<start page>?q=`) opens the
  // search, with the words after it if there are any.
  var asked = new URLSearchParams(location.search).get("q")
  if (asked !== null) {
    toggle.checked = true
    input.value = asked
    input.focus()
    if (asked.trim()) search()
  }
  // "/" or "s" opens the search from anywhere but a form field, as in Material.
  document.addEventListener("keydown", function (event) {
    var target = event.target
    if (event.ctrlKey || event.metaKey || event.altKey) return
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return
    if (event.key === "/" || event.key === "s") {
      event.preventDefault()
      toggle.checked = true
      input.focus()
    }
  })
})()
