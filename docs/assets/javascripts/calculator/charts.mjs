// The radar chart of the categories and the bar chart of the items (Chart.js, vendored into the
// site). The figures come first: a chart is made, and Chart.js loaded, only once its canvas comes
// near the viewport (on a phone neither is at start: the summary is folded and the bar chart is
// below the items), and a chart out of view is redrawn only when it comes back. Each chart is made
// once and then updated in place, at most once a frame, without animation; colours follow the
// theme's palette, light or dark (the trend chart's too: recolour). The labels are Python's,
// rendered into the page.

import { words } from "./dom.mjs";

const CHART_JS = new URL("../../vendor/chart.umd.min.js", import.meta.url).href;
let library = null;

export function loadChartJs() {
  library ??= new Promise((resolve, reject) => {
    const script = Object.assign(document.createElement("script"), { src: CHART_JS });
    script.onload = () => resolve(window.Chart);
    script.onerror = () => reject(new Error("Chart.js"));
    document.head.append(script);
  });
  return library;
}

export function palette() {
  const style = getComputedStyle(document.body);
  const color = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
  return {
    primary: color("--md-primary-fg-color", "#4051b5"),
    text: color("--md-default-fg-color", "#000"),
    grid: color("--md-default-fg-color--lightest", "rgba(0,0,0,.1)"),
    muted: color("--md-default-fg-color--lighter", "rgba(0,0,0,.3)"),
  };
}

// A chart in the palette's colours as it is now: its scales, legend and axis titles, and each
// dataset that follows the palette (dataset.colour "primary" or "muted"; others keep their own).
export function recolour(chart) {
  const c = palette();
  const { options } = chart;
  for (const scale of Object.values(options.scales)) {
    scale.grid.color = c.grid;
    scale.ticks.color = c.text;
    if (scale.title) scale.title.color = c.text;
    if (scale.angleLines) scale.angleLines.color = c.grid;
    if (scale.pointLabels) scale.pointLabels.color = c.text;
  }
  if (options.plugins.legend.labels) options.plugins.legend.labels.color = c.text;
  for (const dataset of chart.data.datasets) {
    if (dataset.colour === "primary") {
      dataset.borderColor = dataset.pointBackgroundColor = c.primary;
      dataset.backgroundColor = chart.config.type === "radar" ? `${c.primary}33` : c.primary;
    } else if (dataset.colour === "muted") {
      dataset.backgroundColor = c.muted;
    }
  }
  chart.update("none");
}

export class Charts {
  constructor(radarCanvas, itemsCanvas) {
    this.canvases = { radar: radarCanvas, items: itemsCanvas };
    this.charts = {}; // made as each canvas first comes into view
    this.drawn = {}; // the result each chart shows
    this.visible = new Set();
    this.latest = null;
    this.frame = 0;
    const near = new IntersectionObserver(
      (entries) => {
        for (const { target, isIntersecting } of entries) {
          const name = target === radarCanvas ? "radar" : "items";
          if (isIntersecting) this.visible.add(name);
          else this.visible.delete(name);
        }
        this.#schedule();
      },
      { rootMargin: "200px" },
    );
    near.observe(radarCanvas);
    near.observe(itemsCanvas);
  }

  update(result) {
    this.latest = result;
    this.#schedule();
  }

  #schedule() {
    const due = [...this.visible].some((name) => this.drawn[name] !== this.latest);
    if (this.latest && due) this.frame ||= requestAnimationFrame(() => this.#draw());
  }

  async #draw() {
    let Chart;
    try {
      Chart = await loadChartJs();
    } catch {
      return; // the page works without pictures
    }
    this.frame = 0;
    const result = this.latest;
    for (const name of this.visible) {
      if (this.drawn[name] === result) continue;
      this.charts[name] ??= this.#create(name, Chart, result);
      const chart = this.charts[name];
      chart.data.datasets[0].data =
        name === "radar"
          ? Object.values(result.categories).map((c) => c.percent)
          : Object.values(result.items).map((item) => item.points);
      chart.update("none");
      this.drawn[name] = result;
    }
  }

  // The palette changed (light ⇄ dark): recolour the same charts.
  recolour() {
    Object.values(this.charts).forEach(recolour);
  }

  #create(name, Chart, result) {
    const categories = Object.entries(result.categories);
    const items = Object.entries(result.items);
    const c = palette();
    const labels = words().chart; // calculator/output.py's, rendered into the page
    const ticks = { color: c.text };
    if (name === "radar") {
      return new Chart(this.canvases.radar, {
        type: "radar",
        data: {
          // two lines per label ("4.6" over "测量、分析与改进"), so none is cut off
          labels: categories.map(([id, k]) => [id, k.name]),
          datasets: [{ label: labels.percent, data: [], borderColor: c.primary, colour: "primary",
            backgroundColor: `${c.primary}33`, pointBackgroundColor: c.primary }],
        },
        options: {
          animation: false, maintainAspectRatio: false,
          layout: { padding: 4 },
          scales: { r: { min: 0, max: 100, ticks: { ...ticks, stepSize: 25, backdropColor: "transparent", font: { size: 9 } },
            pointLabels: { color: c.text, font: { size: 11 }, padding: 4 },
            grid: { color: c.grid }, angleLines: { color: c.grid } } },
          plugins: { legend: { display: false } },
        },
      });
    }
    return new Chart(this.canvases.items, {
      type: "bar",
      data: {
        labels: items.map(([id, item]) => `${id} ${item.name}`),
        datasets: [
          { label: labels.points, data: [], backgroundColor: c.primary, colour: "primary" },
          { label: labels.max, data: items.map(([, item]) => item.max), backgroundColor: c.muted, colour: "muted" },
        ],
      },
      options: {
        animation: false, maintainAspectRatio: false, indexAxis: "y",
        scales: { x: { beginAtZero: true, grid: { color: c.grid }, ticks },
          y: { grid: { display: false, color: c.grid }, ticks } },
        plugins: { legend: { labels: { color: c.text } } },
      },
    });
  }
}
