// Glossary term definitions (hooks/glossary_links.py, stylesheets/handbook/glossary-terms.css):
// Escape hides a definition shown on hover or focus without moving focus (WCAG 2.2 1.4.13);
// it shows again when the pointer comes back or the term is focused again. Loaded from a
// file so the Content-Security-Policy can forbid inline scripts.
(function () {
  "use strict"
  var DISMISSED = "handbook-term--dismissed"

  function term(node) {
    return node && node.closest ? node.closest(".handbook-term") : null
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return
    document.querySelectorAll(".handbook-term:not(." + DISMISSED + ")").forEach(function (shown) {
      if (shown.matches(":hover") || shown.contains(document.activeElement)) shown.classList.add(DISMISSED)
    })
  })

  function restore(event) {
    var left = term(event.target)
    if (left && !left.contains(event.relatedTarget)) left.classList.remove(DISMISSED)
  }
  document.addEventListener("mouseout", restore)
  document.addEventListener("focusout", restore)
})()
