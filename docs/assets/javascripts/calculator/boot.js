// Start the calculator's engine first thing, from the top of <head>, before the stylesheets and
// the theme's scripts: the worker restores Python while the page is still loading, instead of
// waiting for the page's modules and the theme's DOMContentLoaded work. client.mjs adopts it,
// with whatever it has said meanwhile. (A classic script: it must run before anything else.)
"use strict";
(() => {
  const early = { worker: null, messages: [], error: null };
  try {
    early.worker = new Worker(new URL("worker.mjs", document.currentScript.src), { type: "module" });
  } catch {
    return; // the page's client starts its own, and reports what goes wrong
  }
  early.worker.onmessage = (event) => early.messages.push(event.data);
  early.worker.onerror = (event) => {
    event.preventDefault();
    early.error ??= event.message || "评分引擎脚本无法运行";
  };
  window.calculatorEarlyEngine = early;
})();
