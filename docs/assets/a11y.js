// Material's search overlay is a role="dialog" without a name; give it one (axe: aria-dialog-name).
// Extending the theme's template for one attribute would mean copying it, so this stays a script.
// The name is the search box's own placeholder, which Material writes in the page's language.
function nameSearchDialog() {
  document.querySelectorAll(".md-search[role=dialog]:not([aria-label])").forEach((el) => {
    el.setAttribute("aria-label", el.querySelector(".md-search__input")?.placeholder || "Search");
  });
}
if (typeof document$ !== "undefined") document$.subscribe(nameSearchDialog);
else document.addEventListener("DOMContentLoaded", nameSearchDialog);
