// The calculator page: the form rendered from the scheme at build time, brought to life.
// Every number on the page comes from the Python engine (calculator.browser) in a worker;
// this file only reads the form, keeps the work, and shows what the engine returns.

import { Engine, EngineError } from "./engine.mjs";
import { decodeFragment, encodeFragment } from "./fragment.mjs";
import { drawCharts } from "./charts.mjs";

const root = document.getElementById("calculator");
const scheme = root.dataset.scheme;
const step = Number(root.dataset.step);
const STORE = `excellence-calculator:${scheme}`;
// Past this, loading is taken to have failed (a blocked download may never settle).
const BOOT_LIMIT_MS = 60_000;
const $ = (selector, scope = root) => scope.querySelector(selector);
const $$ = (selector, scope = root) => [...scope.querySelectorAll(selector)];
const items = $$(".calc-item");

let extra = {}; // unknown top-level keys of an imported document, kept on round-trip
let latest = 0; // only the newest score request may update the page
let lastResult = null;

// ---------------------------------------------------------------- messages and state

function say(text, kind = "info") {
  const box = $("#calc-message");
  box.textContent = text;
  box.dataset.kind = kind;
  box.hidden = !text;
}

function setState(state, status) {
  root.dataset.calculatorState = state;
  if (status !== undefined) $("#calc-status").textContent = status;
}

// ---------------------------------------------------------------- the form ⇄ a document

function fillSteps(item, percent) {
  const band = $(".calc-band", item);
  const steps = $(".calc-step", item);
  const option = band.selectedOptions[0];
  steps.replaceChildren();
  for (const band of $$(".calc-descriptors__band", item)) band.hidden = true;
  if (!option || option.value === "") {
    steps.append(new Option("—", ""));
    steps.disabled = true;
    $(".calc-descriptors__hint", item).hidden = false;
    return;
  }
  const min = Number(option.value);
  const max = Number(option.dataset.max);
  for (let p = min; p <= max; p += step) steps.append(new Option(`${p}%`, String(p)));
  steps.disabled = false;
  steps.value = String(percent ?? min);
  $(`.calc-descriptors__band[data-band="${min}"]`, item).hidden = false;
  $(".calc-descriptors__hint", item).hidden = true;
}

function readForm() {
  const document_ = { format: "excellence-assessment", version: 1 };
  const title = $("#assessment-title").value;
  if (title) document_.title = title;
  document_.scores = {};
  const notes = {};
  for (const item of items) {
    const id = item.dataset.item;
    const steps = $(".calc-step", item);
    if (!steps.disabled && steps.value !== "") document_.scores[id] = Number(steps.value);
    const note = {};
    for (const field of ["strengths", "opportunities"]) {
      const text = $(`textarea[name="${field}-${id}"]`, item).value;
      if (text) note[field] = text;
    }
    if (Object.keys(note).length) notes[id] = note;
  }
  if (Object.keys(notes).length) document_.notes = notes;
  return { ...document_, ...extra };
}

function applyDocument(document_) {
  const { format, version, title, scores = {}, notes = {}, ...rest } = document_;
  extra = rest;
  $("#assessment-title").value = title ?? "";
  for (const item of items) {
    const id = item.dataset.item;
    const percent = scores[id];
    const band = $(".calc-band", item);
    const option = [...band.options].find(
      (o) => o.value !== "" && Number(o.value) <= percent && percent <= Number(o.dataset.max),
    );
    band.value = option ? option.value : "";
    fillSteps(item, percent);
    for (const field of ["strengths", "opportunities"]) {
      $(`textarea[name="${field}-${id}"]`, item).value = notes[id]?.[field] ?? "";
    }
  }
}

const isEmpty = (d) => !d.title && !Object.keys(d.scores || {}).length && !d.notes;

// ---------------------------------------------------------------- keeping the work

function load(key) {
  try {
    const text = localStorage.getItem(`${STORE}:${key}`);
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function save(key, document_) {
  try {
    if (document_) localStorage.setItem(`${STORE}:${key}`, JSON.stringify(document_));
    else localStorage.removeItem(`${STORE}:${key}`);
    return true;
  } catch {
    say("浏览器存储空间已满或被禁用，评分无法自动保存。请用“导出 JSON”保存当前评分。", "warning");
    return false;
  }
}

// Replace the work in progress, keeping the old one for one undo.
function replaceWork(document_, message) {
  const current = readForm();
  if (!isEmpty(current)) {
    save("previous", current);
    $('[data-action="undo"]').hidden = false;
  }
  applyDocument(document_);
  changed();
  say(message, "success");
}

// ---------------------------------------------------------------- results

function setNumber(element, value, text = String(value)) {
  element.dataset.value = String(value);
  element.textContent = text;
}

function render(result) {
  setNumber($("#total-score"), result.total);
  setNumber($("#process-score"), result.process);
  setNumber($("#results-score"), result.results);
  setNumber($("#scored-items"), result.scored_items);
  for (const [id, category] of Object.entries(result.categories)) {
    setNumber($(`[data-category-total="${id}"]`), category.points);
    $(`[data-category-percent="${id}"]`).textContent = `${category.percent}%`;
  }
  for (const [id, item] of Object.entries(result.items)) {
    const output = $(`[data-item-points="${id}"]`);
    if (item.percent === null) setNumber(output, 0, "未评分");
    else setNumber(output, item.points, `${item.points} 分`);
  }
  const list = $("#priorities");
  list.replaceChildren(
    ...result.priorities.slice(0, 5).map((p) => {
      const li = document.createElement("li");
      const link = document.createElement("a");
      link.href = `#item-${p.item}`;
      link.textContent = `${p.item} ${result.items[p.item].name}`;
      const gain = p.next_band
        ? `当前 ${p.percent}%：提高 ${step}% 可得 +${p.step_gain} 分，达到 ${p.next_band}% 分数段可得 +${p.band_gain} 分`
        : `当前 ${p.percent}%：提高 ${step}% 可得 +${p.step_gain} 分`;
      li.append(link, document.createTextNode(`（${gain}）`));
      return li;
    }),
  );
  renderReport(result);
  drawCharts(result);
}

function renderReport(result) {
  const report = $("#calc-report");
  const title = $("#assessment-title").value || "卓越绩效自评";
  $(".calc-report__title", report).textContent = title;
  $(".calc-report__date", report).textContent = new Date().toLocaleDateString("zh-CN");
  const notes = readForm().notes ?? {};
  const body = $("tbody", report);
  body.replaceChildren(
    ...Object.entries(result.items).map(([id, item]) => {
      const row = document.createElement("tr");
      const note = notes[id];
      const cells = [
        `${id} ${item.name}`,
        String(item.max),
        item.percent === null ? "未评分" : `${item.percent}%`,
        item.band ? `${item.band}%` : "",
        String(item.points),
        note ? [note.strengths && `优势：${note.strengths}`, note.opportunities && `改进机会：${note.opportunities}`].filter(Boolean).join("；") : "",
      ];
      for (const text of cells) {
        const cell = document.createElement("td");
        cell.textContent = text;
        row.append(cell);
      }
      return row;
    }),
  );
  $(".calc-report__totals", report).textContent =
    `过程条款 ${result.process} / ${result.process_max}；结果条款 ${result.results} / ${result.results_max}；` +
    `总分 ${result.total} / ${result.max}；已评分 ${result.scored_items} / ${result.item_count} 项。`;
}

async function scoreNow() {
  const id = ++latest;
  try {
    const { result } = await engine.request("score", { document: readForm() });
    if (id !== latest) return;
    lastResult = result;
    render(result);
    if (root.dataset.calculatorState !== "ready") {
      setState("ready", "评分引擎已就绪，结果随选择即时更新。");
      performance.mark("calculator-ready");
    }
  } catch (error) {
    if (!(error instanceof EngineError) || error.fatal) return; // shown by onFailure
    say(`无法计算：${error.message}`, "error");
  }
}

function changed() {
  save("current", readForm());
  scoreNow();
}

// ---------------------------------------------------------------- files and links

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const fileName = (ext) => `${($("#assessment-title").value || "卓越绩效自评").replace(/[\\/:*?"<>|]/g, "_")}.${ext}`;

async function importFile(file) {
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    say(`无法导入“${file.name}”：文件不是 UTF-8 编码的文本。当前评分未作改动。`, "error");
    return;
  }
  try {
    const document_ = await engine.request("parse", { text });
    replaceWork(document_, `已导入“${file.name}”。原有评分可点“撤销上次导入”恢复。`);
  } catch (error) {
    if (error.fatal) return;
    say(`无法导入“${file.name}”：${error.message}。当前评分未作改动。`, "error");
  }
}

async function openFragment() {
  let text;
  try {
    text = decodeFragment(location.hash);
  } catch (error) {
    say(`分享链接无效：${error.message}。当前评分未作改动。`, "error");
    return;
  } finally {
    if (location.hash.startsWith("#assessment=")) {
      history.replaceState(null, "", location.pathname + location.search);
    }
  }
  if (text === null) return;
  try {
    const document_ = await engine.request("parse", { text });
    replaceWork(document_, "已从分享链接载入评价。原有评分可点“撤销上次导入”恢复。");
  } catch (error) {
    if (error.fatal) return;
    say(`分享链接中的评价无效：${error.message}。当前评分未作改动。`, "error");
  }
}

async function share() {
  const link = location.origin + location.pathname + encodeFragment(JSON.stringify(readForm()));
  const box = $("#share-link");
  box.value = link;
  box.hidden = false;
  box.select();
  try {
    await navigator.clipboard.writeText(link);
    say("分享链接已复制。评分数据只在链接的“#”之后，不会发送到服务器。", "success");
  } catch {
    say("请复制下方选中的链接（浏览器不允许自动复制）。", "info");
  }
}

const actions = {
  "export-json": async () => download(fileName("json"), await engine.request("export", { document: readForm(), format: "json" }), "application/json"),
  "export-csv": async () => download(fileName("csv"), await engine.request("export", { document: readForm(), format: "csv" }), "text/csv;charset=utf-8"),
  "import-json": () => $("#import-file").click(),
  share,
  print: () => window.print(),
  undo: () => {
    const previous = load("previous");
    if (!previous) return;
    save("previous", readForm());
    applyDocument(previous);
    changed();
    say("已恢复导入前的评分（再点一次可撤销恢复）。", "success");
  },
  reset: () => {
    if (!window.confirm("确定要清空全部评分、标题和评语吗？清空后可点“撤销上次导入”恢复。")) return;
    replaceWork({}, "已清空全部评分。");
  },
};

// ---------------------------------------------------------------- start

const engine = new Engine({
  onProgress: (stage, text) => {
    if (root.dataset.calculatorState !== "ready") setState("loading", text);
  },
  onFailure: engineFailed,
});

function engineFailed(message) {
  setState("error", "");
  say(`评分引擎加载失败（${message}）。请刷新页面重试；如仍失败，请联系网站管理员。已填写的评分已保存在本机浏览器中。`, "error");
}

for (const item of items) {
  $(".calc-band", item).addEventListener("change", () => {
    fillSteps(item);
    changed();
  });
}
$("#calc-form").addEventListener("change", (event) => {
  if (!event.target.classList.contains("calc-band")) changed();
});
$("#calc-form").addEventListener("submit", (event) => event.preventDefault());
$("#assessment-title").addEventListener("change", changed);
$("#import-file").addEventListener("change", (event) => {
  const [file] = event.target.files;
  event.target.value = "";
  if (file) importFile(file);
});
root.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-action]");
  if (!button) return;
  try {
    await actions[button.dataset.action]();
  } catch (error) {
    if (!error.fatal) say(`操作失败：${error.message}`, "error");
  }
});
window.addEventListener("hashchange", openFragment);
new MutationObserver(() => lastResult && drawCharts(lastResult)).observe(document.body, {
  attributes: true,
  attributeFilter: ["data-md-color-scheme"],
});

setTimeout(() => {
  if (root.dataset.calculatorState === "loading") {
    engine.fail(`${BOOT_LIMIT_MS / 1000} 秒内未能启动`, engineFailed);
  }
}, BOOT_LIMIT_MS);

const saved = load("current");
if (saved) applyDocument(saved);
$('[data-action="undo"]').hidden = !load("previous");
openFragment();
scoreNow();
