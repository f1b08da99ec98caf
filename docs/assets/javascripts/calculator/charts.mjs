// The radar chart of the seven categories and the bar chart of the 23 items (Chart.js, vendored
// into the site). Colours come from the theme's palette, so both read in light and dark mode.

const charts = {};

function palette() {
  const style = getComputedStyle(document.body);
  const color = (name) => style.getPropertyValue(name).trim();
  return {
    primary: color("--md-primary-fg-color") || "#4051b5",
    text: color("--md-default-fg-color") || "#000",
    grid: color("--md-default-fg-color--lightest") || "rgba(0,0,0,.1)",
    muted: color("--md-default-fg-color--lighter") || "rgba(0,0,0,.3)",
  };
}

function draw(id, config) {
  charts[id]?.destroy();
  charts[id] = new window.Chart(document.getElementById(id), config);
}

export function drawCharts(result) {
  if (!window.Chart) return; // the page still works without pictures
  const c = palette();
  window.Chart.defaults.color = c.text;
  window.Chart.defaults.borderColor = c.grid;
  const categories = Object.entries(result.categories);
  draw("radar-chart", {
    type: "radar",
    data: {
      labels: categories.map(([id, k]) => `${id} ${k.name}`),
      datasets: [{ label: "得分率（%）", data: categories.map(([, k]) => k.percent),
        borderColor: c.primary, backgroundColor: `${c.primary}33`, pointBackgroundColor: c.primary }],
    },
    options: {
      animation: false, maintainAspectRatio: false,
      scales: { r: { min: 0, max: 100, ticks: { stepSize: 20, backdropColor: "transparent" },
        grid: { color: c.grid }, angleLines: { color: c.grid } } },
      plugins: { legend: { display: false } },
    },
  });
  const items = Object.entries(result.items);
  draw("items-chart", {
    type: "bar",
    data: {
      labels: items.map(([id, item]) => `${id} ${item.name}`),
      datasets: [
        { label: "得分", data: items.map(([, item]) => item.points), backgroundColor: c.primary },
        { label: "分值", data: items.map(([, item]) => item.max), backgroundColor: c.muted },
      ],
    },
    options: {
      animation: false, maintainAspectRatio: false, indexAxis: "y",
      scales: { x: { beginAtZero: true, grid: { color: c.grid } }, y: { grid: { display: false } } },
    },
  });
}
