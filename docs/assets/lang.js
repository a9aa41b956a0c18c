// The language switch keeps the reader's place: the same page in the other edition (the template
// wrote its address into the link under the page, a[data-icp-edition]), with the query (the tree's
// ?a= answers, a tool's ?domain=) and the anchor the reader is at now. Without this script that link
// still leads to the same page; Material's selector in the header would lead to the other edition's
// home, so it is pointed at the page here.
function otherEdition() {
  const link = document.querySelector("a[data-icp-edition]");
  return link ? { href: link.href, lang: link.hreflang } : null;
}

function withPlace(href) {
  const url = new URL(href, window.location.href);
  url.search = window.location.search;
  url.hash = window.location.hash;
  return url.href;
}

function pointSwitchers() {
  const other = otherEdition();
  if (!other) return;
  document.querySelectorAll(`.md-select__link[hreflang="${other.lang}"], a[data-icp-edition]`).forEach((a) => {
    a.href = other.href;
  });
}

// At the moment of the click: the tree and the tools change the query as the reader answers.
// The click goes no further than here (the link still opens): Material's own handler would
// otherwise take any link into the other edition and, not finding the page in a sitemap made
// without a site_url (a build without SITE_URL names no host), send the reader to that edition's home.
document.addEventListener("click", (event) => {
  const other = otherEdition();
  const link = other && event.target.closest?.(`.md-select__link[hreflang="${other.lang}"], a[data-icp-edition]`);
  if (!link) return;
  link.href = withPlace(other.href); // also for a new tab (Ctrl/⌘-click), which opens this address
  event.stopPropagation();
}, true);

// The theme takes each <link rel="alternate"> in the head (Material: every one; Zensical: those
// with hreflang) for an edition's home page, and asks for the sitemap.xml beside it when the
// document is ready. With the site's address (SITE_URL) the template's hreflang links name this
// very page in each edition (overrides/main.html), and the "What changed" page's feed link is
// beside its page: no sitemap is beside either, and every page would log 404s. So they are out of
// the theme's sight while it looks (it looks once, in its own document$ subscriber, which runs
// before this script's), and back in place right after. Search engines read them in the HTML as
// it was sent; one that runs scripts finds them there too.
const HIDDEN_REL = "icp-alternate";
const hreflangLinks = [...document.querySelectorAll('link[rel="alternate"]')];
hreflangLinks.forEach((link) => { link.rel = HIDDEN_REL; });

function ready() {
  hreflangLinks.forEach((link) => { link.rel = "alternate"; });
  pointSwitchers();
}

if (typeof document$ !== "undefined") document$.subscribe(ready);
else document.addEventListener("DOMContentLoaded", ready);
