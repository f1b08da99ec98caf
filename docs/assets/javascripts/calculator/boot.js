// Start the calculator's engine first thing, from the top of <head>, before the stylesheets and
// the theme's scripts: the worker restores Python while the page is still loading, instead of
// waiting for the page's modules and the theme's DOMContentLoaded work. client.mjs adopts it,
// with whatever it has said meanwhile. (A classic script: it must run before anything else.)
// Not on a machine of two cores or fewer (below).
//
// It also watches the page's own module (app.mjs and what it imports): a server that sends .mjs
// with the wrong type, or misses one of them, would leave the page saying "loading" for good.
// The message then names the file, the server's answer and the fix (hosting/server.js).
"use strict";
(() => {
  const script = document.currentScript.src;
  addEventListener(
    "error",
    (event) => {
      const failed = event.target;
      if (!(failed instanceof HTMLScriptElement) || !failed.src.includes("/calculator/app.mjs")) return;
      import(new URL("../hosting/server.js", script).href).then(async (server) => {
        const site = new URL("../../../", script);
        let why;
        try {
          why = await server.firstProblemUnder(site, "assets/javascripts/calculator/");
        } catch (error) {
          why = String(error);
        }
        const root = document.querySelector("[data-calculator-state]");
        const box = document.querySelector("#calc-message");
        root.dataset.calculatorState = "error";
        box.querySelector(".calc-message__text").textContent = server.pageCodeFailed(why ?? failed.src);
        const link = Object.assign(document.createElement("a"), {
          href: server.SELF_CHECK.href,
          className: "md-button",
          textContent: server.SELF_CHECK.label,
        });
        box.querySelector(".calc-message__actions").replaceChildren(link);
        box.querySelector(".calc-message__actions").hidden = false;
        box.dataset.kind = "error";
        box.hidden = false;
      });
    },
    true, // a script's load error does not bubble
  );
  // On a machine of two cores or fewer the engine waits for the page: its start (the wasm
  // compiler's threads, then Python's restore) would take the only other core from the main
  // thread while it styles and lays out the page, and the page would answer the reader later.
  // On Lighthouse's phone preset on two cores: blocking time 0.4–0.6 s when started here, about
  // 0.2 s when started later (BENCHMARKS.md). app.mjs then starts it once the first frame is
  // painted: started before, its wasm compile also took that core from the compositor's raster
  // work, and the first frame reached the screen late.
  if (navigator.hardwareConcurrency <= 2) return;
  const early = { worker: null, messages: [], error: null };
  try {
    early.worker = new Worker(new URL("worker.mjs", script), { type: "module" });
  } catch {
    return; // the page's client starts its own, and reports what goes wrong
  }
  early.worker.onmessage = (event) => early.messages.push(event.data);
  early.worker.onerror = (event) => {
    event.preventDefault();
    early.error ??= event.message || true; // client.mjs finds out why
  };
  window.calculatorEarlyEngine = early;
})();
