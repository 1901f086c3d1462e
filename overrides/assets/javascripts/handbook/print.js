// Print every collapsed <details> open and close them again afterwards, so a printed
// page or PDF holds all of the page's text (overrides/assets/stylesheets/handbook/print.css).
(function () {
  "use strict"
  var opened = []
  addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true
      opened.push(details)
    })
  })
  addEventListener("afterprint", function () {
    opened.splice(0).forEach(function (details) { details.open = false })
  })
})()
