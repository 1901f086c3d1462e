// The handbook's search form, driven by Pagefind (partials/search.html).
//
// Pagefind's script and index are fetched only when the reader starts typing, so a page
// view costs nothing for search. Pagefind picks the index of the page's <html lang>:
// a Finnish page finds Finnish pages only, an English page English ones.
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
  var latest = 0

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
      var link = document.createElement("a")
      link.className = "md-search-result__link"
      link.href = data.url
      var article = document.createElement("article")
      article.className = "md-search-result__article md-typeset"
      var title = document.createElement("div")
      title.className = "md-search-result__title"
      title.textContent = data.meta && data.meta.title ? data.meta.title : data.url
      var excerpt = document.createElement("p")
      // Pagefind's excerpt is the page's own text, escaped, with <mark> around hits.
      excerpt.innerHTML = data.excerpt
      article.append(title, excerpt)
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
    loadEngine()
      .then(function (pagefind) { return pagefind.search(query) })
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
