// Showing a result of the engine: every figure in place, the category bars, the priorities, the
// item index, the charts, and one sentence for screen readers. Numbers and sentences come from
// Python (calculator/output.py); this module only puts them on the page.

import { Charts } from "./charts.mjs";
import { element } from "./dom.mjs";

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
      setNumber(el.itemPoints[id], item.points, item.text);
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
      ...result.priorities.slice(0, result.priorities_shown).map((priority) => {
        const li = element("li");
        const link = element("a", "", priority.title);
        link.href = `#item-${priority.item}`;
        li.append(link, " ", element("span", "calc-priorities__gain", priority.text));
        return li;
      }),
    );
  }
}

function setNumber(node, value, text = String(value)) {
  node.dataset.value = String(value);
  node.textContent = text;
}
