// The trend of a department's scores (overrides/partials/calculator/team.html): a table and a
// line chart of the assessments in the engine's order (calculator/compare.py file_order). Every
// figure, label and sentence comes from the engine.

import { loadChartJs, palette, recolour } from "./charts.mjs";
import { display, readDocuments } from "./dom.mjs";

export class Trend {
  constructor({ root, engine, notice }) {
    Object.assign(this, { engine, notice });
    this.el = {
      result: root.querySelector("#trend-result"),
      box: root.querySelector("#trend-chart-box"),
      canvas: root.querySelector("#trend-chart"),
    };
    this.chart = null;
  }

  async import(files) {
    const series = await readDocuments(files, { engine: this.engine, notice: this.notice, what: "历次评价" });
    if (!series) return;
    const data = await this.engine.request("trend", { series });
    this.el.result.replaceChildren(...display(data.display));
    this.el.box.hidden = false;
    await this.#draw(data);
    this.notice.show(data.loaded, "success");
  }

  // The palette changed (light ⇄ dark): the same chart in the new colours.
  recolour() {
    if (this.chart) recolour(this.chart);
  }

  async #draw(data) {
    let Chart;
    try {
      Chart = await loadChartJs();
    } catch {
      return; // the table carries the same figures
    }
    const c = palette();
    const datasets = [
      { label: data.chart.total, data: data.total, borderColor: c.primary, backgroundColor: c.primary, borderWidth: 3, colour: "primary" },
      ...Object.values(data.categories).map((category, n) => ({
        label: data.chart.categories[n],
        data: category.points,
        borderColor: `hsl(${(n * 51) % 360} 60% 50%)`,
        backgroundColor: `hsl(${(n * 51) % 360} 60% 50%)`,
        borderWidth: 1.5, // (the categories' own hues, in either palette)
      })),
    ];
    this.chart?.destroy();
    this.chart = new Chart(this.el.canvas, {
      type: "line",
      data: { labels: data.labels, datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          y: { beginAtZero: true, title: { display: true, text: data.chart.axis, color: c.text }, ticks: { color: c.text }, grid: { color: c.grid } },
          x: { ticks: { color: c.text }, grid: { color: c.grid } },
        },
        plugins: { legend: { labels: { color: c.text } } },
      },
    });
  }
}
