// The whole site offline after one visit: registers the service worker Workbox generated at build
// time (sw.js at the site's root, build_scripts/service_worker.mjs), and offers a new version when
// one is ready. Only in a secure context (HTTPS, localhost): on plain HTTP browsers have no service
// workers, and nothing is done. If the worker cannot fill its cache, it never takes over and the
// site works online as before.
//
// Versions never mix: a page keeps the version it was opened with. A new one waits until the
// reader presses 刷新; then it takes over and every open page of the site reloads whole.
"use strict";
(() => {
  if (!window.isSecureContext || !("serviceWorker" in navigator)) return;
  const root = new URL("../../../", document.currentScript.src); // assets/javascripts/offline/
  const workers = navigator.serviceWorker;
  let controlled = Boolean(workers.controller);

  // The first worker takes the page over once its cache is full (nothing changes for the reader);
  // after that, a change of worker is a new version the reader accepted, here or in another tab.
  workers.addEventListener("controllerchange", () => {
    if (controlled) location.reload();
    controlled = true;
  });

  let banner = null;
  function offer(waiting) {
    if (!workers.controller) return; // the first visit: nothing older to replace
    banner?.remove();
    banner = document.createElement("div");
    banner.className = "site-update";
    banner.setAttribute("role", "status");
    const text = document.createElement("span");
    text.textContent = "本站有新版本，刷新后使用。";
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "刷新";
    button.addEventListener("click", () => {
      button.disabled = true;
      waiting.postMessage({ type: "SKIP_WAITING" }); // Workbox's own message (its sw.js)
    });
    banner.append(text, button);
    document.body.append(banner);
  }

  function watch(registration) {
    if (registration.waiting) offer(registration.waiting);
    registration.addEventListener("updatefound", () => {
      const worker = registration.installing;
      worker?.addEventListener("statechange", () => {
        if (worker.state === "installed" && registration.waiting === worker) offer(worker);
      });
    });
  }

  // The calculator's engine starts first: the precache (the whole site, 35 MB) waits until the
  // page has loaded and the engine is ready, so as not to compete with it for the network and CPU.
  function engineSettled() {
    const calculator = document.querySelector("[data-calculator-state]");
    const settled = () => ["ready", "error"].includes(calculator.dataset.calculatorState);
    if (!calculator || settled()) return Promise.resolve();
    return new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (!settled()) return;
        observer.disconnect();
        resolve();
      });
      observer.observe(calculator, { attributes: true, attributeFilter: ["data-calculator-state"] });
    });
  }

  const loaded = new Promise((resolve) => {
    if (document.readyState === "complete") resolve();
    else window.addEventListener("load", resolve, { once: true });
  });
  loaded
    .then(engineSettled)
    .then(() => workers.register(new URL("sw.js", root), { scope: root.href }))
    .then(watch)
    .catch(() => {}); // no worker (storage refused, say): the site stays online only, as before
})();
