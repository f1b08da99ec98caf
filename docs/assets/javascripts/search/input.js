// The theme's search box runs a query on keyup only (mkdocs-material's search/query watches
// `keyup` and `focus`): a query pasted with the mouse, dictated, or typed on a phone keyboard that
// sends no key events would wait for a key. Each change of the value is passed on as a keyup; the
// theme drops a value it has seen already, so a change typed with keys still runs once. While an
// input method composes (拼音), only its end counts.
"use strict";
(() => {
  const box = document.querySelector("input.md-search__input");
  if (!box) return;
  const pass = () => box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  box.addEventListener("input", (event) => {
    if (!event.isComposing) pass();
  });
  box.addEventListener("compositionend", pass);
})();
