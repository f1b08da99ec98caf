// Showing a result of the engine: every figure in place, the category bars, the priorities, the
// item index, the charts, and one sentence for screen readers. Numbers and sentences come from
// Python (calculator.output); this module only puts them on the page.

import { Charts } from "./charts.mjs";

export class ResultView {
  constructor(root) {
    this.root = root;
    this.live = root.querySelector("#calc-live");
    this.charts = new Charts(root.querySelector("#radar-chart"), root.querySelector("#items-chart"));
    this.result = null;
    this.#cache();
  }

  #cache() {
    const one = (selector) => this.root.querySelector(selector);
    const each = (attribute) =>
      Object.fromEntries([...this.root.querySelectorAll(`[${attribute}]`)].map((el) => [el.getAttribute(attribute), el]));
    this.el = {
      total: one("#total-score"),
      process: one("#process-score"),
      results: one("#results-score"),
      scored: one("#scored-items"),
      priorities: one("#priorities"),
      summary: one(".calc-summary"),
      staleMark: one(".calc-stale"),
      categoryTotal: each("data-category-total"),
      categoryPercent: each("data-category-percent"),
      categoryBar: each("data-category-bar"),
      categorySubtotal: each("data-category-subtotal"),
      itemPoints: each("data-item-points"),
      indexPercent: each("data-index-percent"),
    };
  }

  show(result) {
    const el = this.el;
    setNumber(el.total, result.total);
    setNumber(el.process, result.process);
    setNumber(el.results, result.results);
    setNumber(el.scored, result.scored_items);
    for (const [id, category] of Object.entries(result.categories)) {
      setNumber(el.categoryTotal[id], category.points);
      el.categoryPercent[id].textContent = `${category.percent}%`;
      el.categoryBar[id].style.inlineSize = `${category.percent}%`;
      el.categorySubtotal[id].textContent = String(category.points);
    }
    for (const [id, item] of Object.entries(result.items)) {
      if (item.percent === null) setNumber(el.itemPoints[id], 0, "未评分");
      else setNumber(el.itemPoints[id], item.points, `${item.percent}% · ${item.points} 分`);
      el.indexPercent[id].textContent = item.percent === null ? "" : `${item.percent}%`;
      el.indexPercent[id].parentElement.classList.toggle("calc-index__item--scored", item.percent !== null);
    }
    this.#priorities(result);
    this.charts.update(result);
    this.setStale(false);
    if (this.live.textContent !== result.summary) this.live.textContent = result.summary;
    this.result = result;
  }

  // The last result stays on screen while no current one can be had, marked as not current.
  setStale(stale) {
    this.el.summary.classList.toggle("calc-summary--stale", stale);
    this.el.staleMark.hidden = !stale;
  }

  #priorities(result) {
    this.el.priorities.replaceChildren(
      ...result.priorities.slice(0, 5).map((priority) => {
        const li = document.createElement("li");
        const link = document.createElement("a");
        link.href = `#item-${priority.item}`;
        link.textContent = `${priority.item} ${result.items[priority.item].name}`;
        li.append(link, `（${priority.text}）`);
        return li;
      }),
    );
  }

  // The feedback report for printing, from the engine's feedback data (calculator/feedback.py):
  // per category and item the score, its band, strengths and opportunities; the priorities.
  fillReport(data) {
    const report = this.root.querySelector("#calc-report");
    report.querySelector(".calc-report__title").textContent = `反馈报告：${data.title}`;
    report.querySelector(".calc-report__date").textContent = new Date().toLocaleDateString("zh-CN");
    report.querySelector(".calc-report__source").textContent = data.source;
    report.querySelector(".calc-report__totals").textContent = `${data.summary}。`;
    report.querySelector(".calc-report__categories").replaceChildren(
      ...data.categories.map((category) => {
        const section = element("section", "calc-report__category");
        section.append(element("h3", "", `${category.id} ${category.name}（${category.points} / ${category.max} 分）`));
        for (const item of category.items) section.append(reportItem(item, category.table));
        return section;
      }),
    );
    report.querySelector(".calc-report__priorities").replaceChildren(...data.priorities.map((text) => element("li", "", text)));
  }

  // The title and the notes as they are on screen now (they change without a new result).
  updateReportText(document_) {
    const report = this.root.querySelector("#calc-report");
    report.querySelector(".calc-report__title").textContent = `反馈报告：${document_.title || DEFAULT_TITLE}`;
    for (const dd of report.querySelectorAll("dd[data-note]")) {
      const [id, key] = dd.dataset.note.split(" ");
      dd.textContent = document_.notes?.[id]?.[key]?.trim() || "（未填写）";
    }
  }
}

const DEFAULT_TITLE = "卓越绩效评价"; // calculator/feedback.py's, for a document without a title

const NOTES = { strengths: "优势", opportunities: "改进机会" };

function reportItem(item, table) {
  const block = element("div", "calc-report__item");
  block.append(element("h4", "", `${item.id} ${item.name}（${item.max} 分）`));
  if (item.percent === null) {
    block.append(element("p", "", "得分：未评分"));
    return block;
  }
  block.append(element("p", "", `得分：${item.percent}%，${item.points} 分（${table} ${item.band}% 分数段）`));
  block.append(element("p", "calc-report__band", item.band_text.map((b) => `${b.factor}：${b.text}`).join(" ")));
  const notes = element("dl", "");
  for (const [key, label] of Object.entries(NOTES)) {
    const note = element("dd", "", item[key].trim() || "（未填写）");
    note.dataset.note = `${item.id} ${key}`;
    notes.append(element("dt", "", label), note);
  }
  block.append(notes);
  return block;
}

// An element with a class and text: user-written text only ever goes in as text.
export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function setNumber(element, value, text = String(value)) {
  element.dataset.value = String(value);
  element.textContent = text;
}
