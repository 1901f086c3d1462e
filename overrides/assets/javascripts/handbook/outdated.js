// Material's outdated-edition banner (partials/javascripts/outdated.html of
// mkdocs-material 9.8.1), loaded from a file so the Content-Security-Policy can forbid
// inline scripts. new URL() resolves the page's relative base against the page.
var el=document.querySelector("[data-md-component=outdated]"),base=new URL(document.currentScript.dataset.base,location),outdated=__md_get("__outdated",sessionStorage,base);!0===outdated&&el&&(el.hidden=!1)
