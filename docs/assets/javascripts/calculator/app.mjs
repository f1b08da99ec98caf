// The calculator page: wires the form, the work store, the engine client, the result view and
// the actions together. Every number on the page comes from the Python engine in a worker.

import { SELF_CHECK } from "../hosting/server.js";
import { Actions } from "./actions.mjs";
import { Calibration } from "./calibration.mjs";
import { clauseNodes } from "./clause.mjs";
import { EngineClient } from "./client.mjs";
import { Consensus } from "./consensus.mjs";
import { Form } from "./form.mjs";
import { Notice } from "./notice.mjs";
import { Print } from "./print.mjs";
import { ResultView } from "./render.mjs";
import { Scenarios } from "./scenarios.mjs";
import { WorkStore } from "./store.mjs";
import { Trend } from "./trend.mjs";
import { SiteVisit } from "./visit.mjs";

const STALE_AFTER_MS = 1000; // a reply slower than this marks the figures as not current
const TYPING_PAUSE_MS = 500; // a comment's text is scored (its hints, the report) once typing pauses

const root = document.getElementById("calculator");
const status = root.querySelector("#calc-status");
const saveState = root.querySelector("#calc-save");
// a comment, a key factor, the profile, a theme, an issue changed: saved at once, scored when it
// changes a reply
function scorebookChanged(changesReply) {
  const document_ = form.read();
  store.save(document_);
  clearTimeout(typing);
  if (changesReply) recompute(document_);
  else typing = setTimeout(() => recompute(), TYPING_PAUSE_MS);
}
const form = new Form(root.querySelector("#calc-form"), {
  onScorebookChange: scorebookChanged,
  onDeleted: (before, action) => actions.deleted(before, action),
  propose: async (document_) => (await engine.request("feedback", { document: document_ })).proposed_themes,
});
const view = new ResultView(root);
const notice = new Notice(root.querySelector("#calc-message"));

// ---------------------------------------------------------------- the engine and the result

// The site's search sets its index up once the engine has started or failed (search/worker.js
// says why): this page says so, and answers a search worker that asks later.
const searchChannel = "BroadcastChannel" in window ? new BroadcastChannel("calculator-engine") : null;
const settle = () => searchChannel?.postMessage("settled");
if (searchChannel) {
  const settled = () => ["ready", "error"].includes(root.dataset.calculatorState);
  searchChannel.onmessage = ({ data }) => data === "settled?" && settled() && settle();
}

let latest = 0; // only the newest score request may update the page
let typing = null;

async function recompute(document_ = form.read()) {
  const id = ++latest;
  const slow = setTimeout(() => id === latest && view.setStale(true), STALE_AFTER_MS);
  try {
    const result = await engine.request("score", { document: document_ });
    if (id !== latest) return;
    view.show(result);
    form.scorebook.show(result);
    form.record.show(result);
    visit.refresh(document_).catch(() => {}); // the changes since the site visit started
    printing.refresh(document_).catch(() => {}); // the printed report follows the figures
    if (root.dataset.calculatorState === "loading") {
      root.dataset.calculatorState = "ready";
      status.textContent = "评分引擎已就绪，结果随选择即时更新。";
      performance.mark("calculator-ready");
      settle();
    }
  } catch (error) {
    if (id !== latest || error.unavailable) return; // reported by onStatus
    // what the form showed without the engine's check (the autosave, another tab …): keep the rest
    actions.refused(error).catch(reportFailure);
  } finally {
    clearTimeout(slow);
  }
}

let restarting = false;

function onStatus(state, text) {
  if (state === "loading") {
    status.textContent = text;
  } else if (state === "restarting") {
    restarting = true;
    view.setStale(true);
    notice.show(`评分引擎停止了响应（${text}），正在自动重新启动。在此期间显示的是上一次的结果；您的评分不受影响。`, "warning");
  } else if (state === "ready" && restarting) {
    // (the first start needs nothing here: the request made at once is answered when ready)
    restarting = false;
    notice.show("评分引擎已重新启动，结果已是最新。", "success");
    recompute();
  } else if (state === "failed") {
    root.dataset.calculatorState = "error";
    settle();
    view.setStale(Boolean(view.result));
    const kept = store.flush() ? "已填写的评分已保存在本机浏览器中" : "已填写的评分仍在本页面中，可用“导出 JSON”保存";
    notice.show(`评分引擎加载失败（${text}）。请刷新页面重试；如仍失败，请联系网站管理员。${kept}。`, "error", [SELF_CHECK]);
  }
}

// ---------------------------------------------------------------- keeping the work

let storageWarned = false;

function onSaveState(saved) {
  saveState.dataset.saved = String(saved);
  if (store.held) {
    saveState.textContent = "本页改动另存为副本（损坏的存档下载或删除之前）";
  } else if (store.paused) {
    saveState.textContent = "本页改动另存为副本（另一标签页的版本为准之前）";
  } else if (saved) {
    saveState.textContent = `已自动保存在本机浏览器（${new Date().toLocaleTimeString("zh-CN")}）`;
    storageWarned = false;
  } else {
    saveState.textContent = "未能保存到浏览器：评分只在本页面中，请用“导出 JSON”保存";
    if (!storageWarned && !store.held) { // (the message about the held autosave says so already)
      storageWarned = true;
      notice.show("浏览器存储空间已满或被禁用，评分无法自动保存，只在本页面中。请用“导出 JSON”保存当前评分。", "warning");
    }
  }
}

const store = new WorkStore(root.dataset.scheme, {
  onSaveState,
  onOtherTab: (other, text) => actions.otherTab(other, text),
});
// The worker boot.js started at the top of the page, if it could. Where it did not (two cores or
// fewer: boot.js says why), the engine starts once the first frame is painted, or after a second
// (a tab in the background paints nothing).
function firstPaint(limitMs = 1000) {
  return new Promise((resolve) => {
    const observer = new PerformanceObserver(() => done());
    const timer = setTimeout(() => done(), limitMs);
    function done() {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    }
    observer.observe({ type: "paint", buffered: true });
  });
}
const early = window.calculatorEarlyEngine;
const engine = new EngineClient({ onStatus, adopt: early, startAfter: early ? null : firstPaint() });
delete window.calculatorEarlyEngine;
const actions = new Actions({ root, form, store, engine, notice, recompute });
const printing = new Print({ root, form, engine });
const scenarios = new Scenarios({ root, form, store, engine, notice, actions });
const consensus = new Consensus({ root, store, engine, notice, actions });
const trend = new Trend({ root, engine, notice });
const calibration = new Calibration({ root, engine, notice });
const visit = new SiteVisit(root, {
  scheme: form.scorebook.scheme,
  engine,
  onChange: scorebookChanged,
  onDeleted: (before, action) => actions.deleted(before, action),
  snapshot: () => form.read(),
});
form.attach(visit); // (before the work is restored)

// ---------------------------------------------------------------- the reader's input

form.form.addEventListener("change", (event) => {
  const input = event.target;
  if (input.type !== "radio" || input.dataset.field) return;
  if (input.name.startsWith("band-")) form.chooseBand(input.closest(".calc-item"), input);
  const document_ = form.read();
  store.save(document_);
  recompute(document_);
});
form.form.addEventListener("input", (event) => {
  if (event.target.type === "radio" || event.target.dataset.field) return; // (the scorebook's own)
  store.save(form.read());
});
form.form.addEventListener("submit", (event) => event.preventDefault());

root.querySelector("#import-file").addEventListener("change", (event) => {
  const [file] = event.target.files;
  event.target.value = "";
  if (file) actions.importFile(file);
});
for (const [id, run] of [
  ["#consensus-files", (files) => consensus.import(files)],
  ["#trend-files", (files) => trend.import(files)],
  ["#calibration-reference-file", ([file]) => calibration.loadReference(file)],
  ["#calibration-files", (files) => calibration.loadTrainees(files)],
]) {
  root.querySelector(id).addEventListener("change", (event) => {
    const files = [...event.target.files];
    event.target.value = "";
    if (files.length) run(files).catch(reportFailure);
  });
}
root.querySelector("#consensus-flag-bands").addEventListener("change", () => consensus.refresh().catch(reportFailure));

const ACTIONS = {
  "import-json": () => root.querySelector("#import-file").click(),
  "export-json": () => actions.exportJSON(),
  "export-csv": () => actions.exportCSV(),
  share: () => actions.share(),
  print: () => printing.print(),
  docx: () => actions.exportDocx(),
  "scenario-save": () => scenarios.save(),
  "scenario-open": (button) => scenarios.open(Number(button.dataset.index)),
  "scenario-copy": (button) => scenarios.duplicate(Number(button.dataset.index)),
  "scenario-delete": (button) => scenarios.remove(Number(button.dataset.index)),
  compare: () => scenarios.compare(),
  "consensus-import": () => root.querySelector("#consensus-files").click(),
  "consensus-close": () => consensus.close(),
  "trend-import": () => root.querySelector("#trend-files").click(),
  "visit-start": () => visit.start(),
  "calibration-reference": () => root.querySelector("#calibration-reference-file").click(),
  "calibration-site": () => calibration.loadSiteReference(),
  "calibration-trainees": () => root.querySelector("#calibration-files").click(),
  "calibration-csv": () => calibration.downloadCsv(),
  "calibration-print": () => calibration.print(),
  "calibration-close": () => calibration.close(),
  undo: () => actions.undo(),
  redo: () => actions.redo(),
  reset: () => actions.reset(),
};

root.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-action]");
  if (button) {
    try {
      await ACTIONS[button.dataset.action](button);
    } catch (error) {
      reportFailure(error);
    }
    return;
  }
  const toggle = event.target.closest(".calc-category__toggle, .calc-summary__toggle");
  if (toggle) setExpanded(toggle, toggle.getAttribute("aria-expanded") !== "true");
  const link = event.target.closest('a[href^="#item-"], a[href^="#category-"]');
  if (link) goTo(link.getAttribute("href").slice(1));
});

function reportFailure(error) {
  const why = error.unavailable ? `评分引擎不可用（${error.message}）` : error.message;
  notice.show(`操作失败：${why}。当前评分未作改动。`, "error");
}

function setExpanded(toggle, expanded) {
  toggle.setAttribute("aria-expanded", String(expanded));
  const body = document.getElementById(toggle.getAttribute("aria-controls"));
  if (toggle.classList.contains("calc-summary__toggle")) {
    root.querySelector(".calc-summary").classList.toggle("calc-summary--open", expanded);
  } else {
    body.hidden = !expanded;
  }
}

// Reach an item (or category) in one step: open its category, then put the keyboard on its
// band choice after the browser has scrolled there.
function goTo(id) {
  const target = document.getElementById(id);
  if (!target) return;
  const category = target.closest(".calc-category");
  const toggle = category?.querySelector(".calc-category__toggle");
  if (toggle?.getAttribute("aria-expanded") === "false") setExpanded(toggle, true);
  const summaryToggle = root.querySelector(".calc-summary__toggle");
  if (summaryToggle.getAttribute("aria-expanded") === "true") setExpanded(summaryToggle, false);
  const radio = target.querySelector('input[name^="band-"]:checked');
  if (radio) requestAnimationFrame(() => radio.focus({ preventScroll: true }));
}

// The clause text, from the guide's page, the first time it is opened.
form.form.addEventListener(
  "toggle",
  async (event) => {
    const details = event.target;
    if (!details.matches?.(".calc-clause") || !details.open || details.dataset.loaded) return;
    details.dataset.loaded = "true";
    let box = details.querySelector(".calc-clause__text");
    if (!box) {
      box = Object.assign(document.createElement("div"), { className: "calc-clause__text" });
      const p = document.createElement("p");
      const link = Object.assign(document.createElement("a"), {
        href: details.dataset.clauseUrl,
        textContent: `在指南中阅读 ${details.dataset.clauseTitle}`,
      });
      p.append(link);
      box.append(p);
      details.append(box);
    }
    try {
      box.prepend(...(await clauseNodes(details.dataset.clauseUrl)));
    } catch (error) {
      delete details.dataset.loaded;
      const p = document.createElement("p");
      p.textContent = `无法载入条款原文（${error.message}），请点下方链接到指南中阅读。`;
      box.prepend(p);
    }
  },
  true,
);

addEventListener("beforeprint", () => printing.build());
addEventListener("hashchange", () => actions.openFragment());
// every chart on the page follows the palette (light ⇄ dark)
new MutationObserver(() => {
  view.charts.recolour();
  trend.recolour();
}).observe(document.body, {
  attributes: true,
  attributeFilter: ["data-md-color-scheme"],
});

// The index's links name their items in a title, set once the theme has mounted its tooltips
// (in its DOMContentLoaded handler, which runs before ours): its tooltip machinery for these 23
// links took about a tenth of the phone's blocking time at load (BENCHMARKS.md). The browser's
// own tooltip shows the same name, and screen readers read it as before.
document.addEventListener("DOMContentLoaded", () => setTimeout(() => {
  for (const link of root.querySelectorAll(".calc-index__item[data-name]")) link.title = link.dataset.name;
}));

// ---------------------------------------------------------------- start

actions.restore().catch(reportFailure);
actions.showUndo();
actions.offerCopies();
if (location.hash.startsWith("#item-")) goTo(location.hash.slice(1));
actions.openFragment();
recompute();
consensus.refresh().catch(() => {}); // the examiners beside the form again, after a reload
