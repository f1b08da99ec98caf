// Showing a result of the engine: every figure in place, the category bars, the priorities, the
// item index, the charts, and one sentence for screen readers. Numbers and sentences come from
// Python (calculator.report); this module only puts them on the page.

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

  // The print report, built only when printing (not on every change).
  fillReport(result, document_) {
    const report = this.root.querySelector("#calc-report");
    report.querySelector(".calc-report__title").textContent = document_.title || "卓越绩效自评";
    report.querySelector(".calc-report__date").textContent = new Date().toLocaleDateString("zh-CN");
    const notes = document_.notes ?? {};
    report.querySelector("tbody").replaceChildren(
      ...Object.entries(result.items).map(([id, item]) => {
        const note = notes[id] ?? {};
        const cells = [
          `${id} ${item.name}`,
          String(item.max),
          item.percent === null ? "未评分" : `${item.percent}%`,
          item.band ? `${item.band}%` : "",
          String(item.points),
          [note.strengths && `优势：${note.strengths}`, note.opportunities && `改进机会：${note.opportunities}`]
            .filter(Boolean)
            .join("；"),
        ];
        const row = document.createElement("tr");
        for (const text of cells) row.insertCell().textContent = text;
        return row;
      }),
    );
    report.querySelector(".calc-report__totals").textContent = `${result.summary}。`;
  }
}

function setNumber(element, value, text = String(value)) {
  element.dataset.value = String(value);
  element.textContent = text;
}
