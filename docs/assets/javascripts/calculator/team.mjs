// The examiner's tools (overrides/partials/calculator/team.html): named scenarios kept in the
// browser and the comparison of any two, the consensus of several examiners' files (shown item by
// item beside the form, which holds the consensus to edit), and the trend of a department's
// scores. Every figure comes from the engine (calculator/compare.py, consensus.py); user-written
// text is only ever set as text.

import { loadChartJs, palette } from "./charts.mjs";
import { element } from "./render.mjs";

const SCENARIOS = "scenarios";
const TEAM = "team";
const CURRENT = "";

export class Team {
  constructor({ root, form, store, engine, notice, actions }) {
    Object.assign(this, { root, form, store, engine, notice, actions });
    this.el = {
      name: root.querySelector("#scenario-name"),
      list: root.querySelector("#scenario-list"),
      a: root.querySelector("#compare-a"),
      b: root.querySelector("#compare-b"),
      compared: root.querySelector("#compare-result"),
      flagBands: root.querySelector("#consensus-flag-bands"),
      consensus: root.querySelector("#consensus-result"),
      close: root.querySelector('[data-action="consensus-close"]'),
      trend: root.querySelector("#trend-result"),
      trendBox: root.querySelector("#trend-chart-box"),
      trendCanvas: root.querySelector("#trend-chart"),
    };
    const saved = store.readJSON(SCENARIOS);
    this.scenarios = Array.isArray(saved) ? saved.filter((s) => typeof s?.name === "string" && s.document) : [];
    const team = store.readJSON(TEAM); // {examiners: [{label, document}], flag_bands}
    this.examiners = Array.isArray(team?.examiners) ? team.examiners : null;
    this.trendChart = null;
    this.#listScenarios();
  }

  // ------------------------------------------------------------------------ scenarios

  saveScenario() {
    const name = this.el.name.value.trim();
    if (!name) {
      this.notice.show("请先填写方案名称。", "error");
      this.el.name.focus();
      return;
    }
    const existing = this.scenarios.findIndex((s) => s.name === name);
    if (existing >= 0 && !window.confirm(`已有名为“${name}”的方案，要用当前评分替换它吗？`)) return;
    const scenario = { name, document: this.form.read(), savedAt: new Date().toISOString() };
    if (existing >= 0) this.scenarios[existing] = scenario;
    else this.scenarios.push(scenario);
    this.el.name.value = "";
    this.#keepScenarios(`已把当前评分保存为方案“${name}”。`);
  }

  duplicate(index) {
    const source = this.scenarios[index];
    let name = `${source.name} 副本`;
    for (let n = 2; this.scenarios.some((s) => s.name === name); n += 1) name = `${source.name} 副本 ${n}`;
    this.scenarios.push({ name, document: structuredClone(source.document), savedAt: new Date().toISOString() });
    this.#keepScenarios(`已复制方案“${source.name}”为“${name}”。`);
  }

  remove(index) {
    const { name } = this.scenarios[index];
    if (!window.confirm(`确定删除方案“${name}”吗？`)) return;
    this.scenarios.splice(index, 1);
    this.#keepScenarios(`已删除方案“${name}”。`);
  }

  open(index) {
    const { name, document } = this.scenarios[index];
    this.actions.replace(document, "打开方案", `已打开方案“${name}”。`);
  }

  #keepScenarios(message) {
    const kept = this.store.writeJSON(SCENARIOS, this.scenarios);
    this.#listScenarios();
    this.notice.show(kept ? message : `${message}注意：浏览器存储不可用，方案只保留到关闭本页为止。`, kept ? "success" : "warning");
  }

  #listScenarios() {
    this.el.list.replaceChildren(
      ...this.scenarios.map((scenario, index) => {
        const li = element("li");
        const when = new Date(scenario.savedAt).toLocaleString("zh-CN");
        li.append(element("span", "calc-team__name", scenario.name), element("span", "calc-team__when", `（${when}）`));
        for (const [label, action] of [["打开", "scenario-open"], ["复制", "scenario-copy"], ["删除", "scenario-delete"]]) {
          const button = element("button", "md-button calc-team__small", label);
          Object.assign(button, { type: "button" });
          Object.assign(button.dataset, { action, index: String(index) });
          button.setAttribute("aria-label", `${label}方案“${scenario.name}”`);
          li.append(" ", button);
        }
        return li;
      }),
    );
    for (const select of [this.el.a, this.el.b]) {
      const chosen = select.value;
      select.replaceChildren(
        new Option("当前评分", CURRENT),
        ...this.scenarios.map((s) => new Option(`方案：${s.name}`, s.name)),
      );
      select.value = [...select.options].some((o) => o.value === chosen) ? chosen : CURRENT;
    }
    if (this.scenarios.length && this.el.a.value === CURRENT && this.el.b.value === CURRENT) {
      this.el.a.value = this.scenarios[0].name;
    }
  }

  #side(select) {
    if (select.value === CURRENT) return { label: "当前评分", document: this.form.read() };
    const scenario = this.scenarios.find((s) => s.name === select.value);
    return { label: scenario.name, document: scenario.document };
  }

  async compare() {
    const data = await this.engine.request("compare", { a: this.#side(this.el.a), b: this.#side(this.el.b) });
    const { delta } = data;
    const out = [element("p", "calc-team__headline", `总分：${data.a.label} ${data.a.total} → ${data.b.label} ${data.b.total}（${signed(delta.total)}）；过程条款 ${signed(delta.process)}，结果条款 ${signed(delta.results)}`)];
    const items = element("table");
    items.append(row("th", ["评分条款", `A：${data.a.label}`, `B：${data.b.label}`, "变化（分）"]));
    for (const [id, item] of Object.entries(data.items)) {
      if (item.delta === 0 && item.a === item.b) continue;
      items.append(row("td", [`${id} ${item.name}`, percent(item.a), percent(item.b), signed(item.delta)]));
    }
    out.push(element("h4", "", "各类别得分"), categoryTable(data));
    if (data.largest.length) {
      const list = element("ol");
      list.append(...data.largest.map((c) => element("li", "", `${c.item} ${c.name}：${signed(c.delta)} 分`)));
      out.push(element("h4", "", "变化最大的条款"), list);
    }
    out.push(element("h4", "", "有变化的评分条款"), items.rows.length > 1 ? items : element("p", "", "两者的各条款评分相同。"));
    this.el.compared.replaceChildren(...out);
  }

  // ------------------------------------------------------------------------ consensus

  async importExaminers(files) {
    const examiners = await this.#readAll(files, "评审员的评价");
    if (!examiners) return;
    if (examiners.length < 2) {
      this.notice.show("合议至少需要两位评审员的评价文件：请一次选中多个文件。当前评分未作改动。", "error");
      return;
    }
    const data = await this.engine.request("consensus", { examiners, flag_bands: Number(this.el.flagBands.value) });
    const kept = this.store.writeJSON(TEAM, { examiners }); // first, so that the message can say
    try {
      this.actions.replace(
        data.consensus,
        "合议",
        `已导入 ${data.examiners} 位评审员的评价，合议评价从各条款的中位数开始，可逐条修改。` +
          (kept ? "" : "评审员对照未能存入浏览器，只保留到关闭本页为止。"),
      );
    } catch (error) {
      this.store.drop(TEAM); // nothing was replaced: no examiners beside it after a reload
      throw error;
    }
    this.examiners = examiners;
    this.#showConsensus(data);
  }

  // The flag threshold changed, or the page was reloaded: the statistics again, the form as it is.
  async refreshConsensus() {
    if (!this.examiners) return;
    const data = await this.engine.request("consensus", { examiners: this.examiners, flag_bands: Number(this.el.flagBands.value) });
    this.#showConsensus(data);
  }

  closeConsensus() {
    this.examiners = null;
    this.store.drop(TEAM);
    this.root.querySelectorAll(".calc-team-strip").forEach((strip) => strip.remove());
    this.el.consensus.replaceChildren();
    this.el.close.hidden = true;
  }

  #showConsensus(data) {
    this.root.querySelector("#calc-team").open = true; // where the consensus is closed again
    this.el.close.hidden = false;
    const flagged = data.flagged;
    const summary = element("p", "calc-team__headline", `${data.examiners} 位评审员：${data.names.join("、")}。`);
    const rule = element("p", "", `标记 ⚠：${data.rules.flag}。${data.rules.median}。`);
    const list = element("p");
    if (flagged.length) {
      list.append(`需要讨论的条款（${flagged.length} 个）：`);
      for (const id of flagged) {
        const link = element("a", "", id);
        link.href = `#item-${id}`;
        list.append(link, " ");
      }
    } else {
      list.textContent = "没有评审员意见相差超过设定分数段的条款。";
    }
    this.el.consensus.replaceChildren(summary, list, rule);
    for (const [id, item] of Object.entries(data.items)) {
      const block = this.root.querySelector(`.calc-item[data-item="${id}"]`);
      block.querySelector(".calc-team-strip")?.remove();
      block.querySelector(".calc-item__points").after(this.#strip(item, data.names, id));
    }
  }

  #strip(item, names, id) {
    const strip = element("div", `calc-team-strip${item.flagged ? " calc-team-strip--flagged" : ""}`);
    const percents = names.map((name, n) => `${name} ${percent(item.percents[n])}`).join("｜");
    strip.append(element("p", "", `评审员：${percents}`));
    if (item.median !== null) {
      strip.append(
        element(
          "p",
          "",
          `中位数 ${item.median}%，均值 ${item.mean}%，最低 ${item.min}%，最高 ${item.max}%，相隔 ${item.bands_apart} 个分数段` +
            `${item.flagged ? "（⚠ 超过设定，建议讨论）" : ""}；合议起点 ${item.start}%`,
        ),
      );
    }
    const notes = this.examiners.flatMap(({ document }, n) => {
      const note = document.notes?.[id] ?? {};
      return [["strengths", "优势"], ["opportunities", "改进机会"]]
        .filter(([key]) => note[key]?.trim())
        .map(([key, what]) => element("li", "", `${names[n]}（${what}）：${note[key]}`));
    });
    if (notes.length) {
      const details = element("details");
      details.append(element("summary", "", `各评审员的评语（${notes.length} 条）`), element("ul"));
      details.lastChild.append(...notes);
      strip.append(details);
    }
    return strip;
  }

  // ------------------------------------------------------------------------ trend

  async importSeries(files) {
    const sorted = [...files].sort((x, y) => x.name.localeCompare(y.name, "zh-CN", { numeric: true }));
    const series = await this.#readAll(sorted, "历次评价");
    if (!series) return;
    const data = await this.engine.request("trend", { series });
    const table = element("table");
    const categories = Object.entries(data.categories);
    table.append(row("th", ["评价", ...categories.map(([id, c]) => `${id} ${c.name}`), "过程条款", "结果条款", "总分"]));
    data.labels.forEach((label, n) => {
      table.append(row("td", [label, ...categories.map(([, c]) => String(c.points[n])), String(data.process[n]), String(data.results[n]), String(data.total[n])]));
    });
    this.el.trend.replaceChildren(element("p", "calc-team__note", `说明：${data.note}。`), table);
    this.el.trendBox.hidden = false;
    await this.#drawTrend(data);
    this.notice.show(`已载入 ${data.labels.length} 次评价的得分。当前评分未作改动。`, "success");
  }

  async #drawTrend(data) {
    let Chart;
    try {
      Chart = await loadChartJs();
    } catch {
      return; // the table carries the same figures
    }
    const c = palette();
    const datasets = [
      { label: "总分", data: data.total, borderColor: c.primary, backgroundColor: c.primary, borderWidth: 3 },
      ...Object.entries(data.categories).map(([id, category], n) => ({
        label: `${id} ${category.name}`,
        data: category.points,
        borderColor: `hsl(${(n * 51) % 360} 60% 50%)`,
        backgroundColor: `hsl(${(n * 51) % 360} 60% 50%)`,
        borderWidth: 1.5,
      })),
    ];
    this.trendChart?.destroy();
    this.trendChart = new Chart(this.el.trendCanvas, {
      type: "line",
      data: { labels: data.labels, datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          y: { beginAtZero: true, title: { display: true, text: "得分", color: c.text }, ticks: { color: c.text }, grid: { color: c.grid } },
          x: { ticks: { color: c.text }, grid: { color: c.grid } },
        },
        plugins: { legend: { labels: { color: c.text } } },
      },
    });
  }

  // ------------------------------------------------------------------------ files

  // Each file read and checked by the engine; null (and a message naming the file) on the
  // first that is not a valid assessment, and nothing on the page changes.
  async #readAll(files, what) {
    const entries = [];
    for (const file of files) {
      let text;
      try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
      } catch {
        this.notice.show(`文件“${file.name}”无效：不是 UTF-8 编码的文本。未导入${what}，当前评分未作改动。`, "error");
        return null;
      }
      try {
        const document = await this.engine.request("parse", { text });
        entries.push({ label: document.title || file.name.replace(/\.json$/i, ""), document });
      } catch (error) {
        const why = error.unavailable ? `评分引擎不可用（${error.message}）` : error.message;
        this.notice.show(`文件“${file.name}”无效：${why}。未导入${what}，当前评分未作改动。`, "error");
        return null;
      }
    }
    return entries; // a label given twice is numbered by the engine (report.distinct)
  }
}

function signed(value) {
  return value > 0 ? `+${value}` : String(value);
}

function percent(value) {
  return value === null || value === undefined ? "未评分" : `${value}%`;
}

function row(cell, texts) {
  const tr = element("tr");
  tr.append(...texts.map((text) => element(cell, "", text)));
  return tr;
}

function categoryTable(data) {
  const table = element("table");
  table.append(row("th", ["类别", `A：${data.a.label}`, `B：${data.b.label}`, "变化"]));
  for (const [id, c] of Object.entries(data.categories)) {
    table.append(row("td", [`${id} ${c.name}`, String(c.a), String(c.b), signed(c.delta)]));
  }
  return table;
}
