// Opens a content tab named by the URL's anchor.
// Verbatim from mkdocs-material's partials/javascripts/content.html; a file instead of an inline
// script so that a Content-Security-Policy without 'unsafe-inline' or hashes covers the site.
// tests/site/test_hosting.py checks that it still matches the theme.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
