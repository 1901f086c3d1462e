// Material's open-the-linked-tab step (partials/javascripts/content.html of
// mkdocs-material 9.8.1), loaded from a file so the Content-Security-Policy can forbid
// inline scripts.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
