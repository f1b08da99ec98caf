// When a search finds nothing, offer the standard's nearest words under the theme's "没有找到…",
// each a button that searches for it, so that a reader is never at a dead end. The words come from
// the site's search worker (its SUGGEST message), in a copy of its own started on the first empty
// result: the theme keeps its worker to itself.
"use strict";
(() => {
  const meta = document.querySelector(".md-search-result__meta");
  const box = document.querySelector("input.md-search__input");
  const config = document.getElementById("__config");
  if (!meta || !box || !config) return;
  const { base, search, translations } = JSON.parse(config.textContent);
  const none = translations["search.result.none"];
  const SETUP = 0, READY = 1, SUGGEST = 4, SUGGESTIONS = 5; // worker.js's messages

  let offer = null; // made on the first empty result: most readers never need it

  let ready = null; // the worker, once it has the index
  function start() {
    const worker = new Worker(new URL(search, location.href));
    ready = fetch(new URL(`${base}/search/search_index.json`, location.href))
      .then((response) => response.json())
      .then((index) => new Promise((resolve) => {
        worker.addEventListener("message", ({ data: message }) => {
          if (message.type === READY) resolve(worker);
          if (message.type === SUGGESTIONS) show(message.data);
        });
        worker.postMessage({ type: SETUP, data: index });
      }))
      .catch(() => null); // the theme's own "没有找到" stays
  }

  function show({ query, lead, label, words }) {
    if (query !== box.value || meta.textContent !== none) return; // a later query is on screen
    const list = document.createElement("ul");
    list.setAttribute("aria-label", label);
    for (const word of words) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = word;
      button.addEventListener("click", () => {
        box.value = word;
        box.dispatchEvent(new Event("input", { bubbles: true })); // input.js passes it on
        box.focus();
      });
      const item = document.createElement("li");
      item.append(button);
      list.append(item);
    }
    const text = document.createElement("p");
    text.textContent = lead;
    if (!offer) {
      offer = document.createElement("div");
      offer.className = "search-nearest";
      meta.after(offer);
    }
    offer.replaceChildren(text, list);
    offer.hidden = false;
  }

  new MutationObserver(() => {
    const empty = meta.textContent === none && box.value.trim() !== "";
    if (offer) offer.hidden = true;
    if (!empty) return;
    if (!ready) start();
    const query = box.value;
    ready.then((worker) => worker?.postMessage({ type: SUGGEST, data: query }));
  }).observe(meta, { childList: true, characterData: true, subtree: true });
})();
