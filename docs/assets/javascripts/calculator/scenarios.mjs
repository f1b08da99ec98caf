// Named scenarios kept in the browser (overrides/partials/calculator/team.html), and the
// comparison of any two. Every figure and sentence of the comparison comes from the engine
// (calculator/compare.py); a scenario's name is only ever set as text.

import { display, element } from "./dom.mjs";

const SCENARIOS = "scenarios";
const CURRENT = "";

export class Scenarios {
  constructor({ root, form, store, engine, notice, actions }) {
    Object.assign(this, { form, store, engine, notice, actions });
    this.el = {
      name: root.querySelector("#scenario-name"),
      list: root.querySelector("#scenario-list"),
      a: root.querySelector("#compare-a"),
      b: root.querySelector("#compare-b"),
      compared: root.querySelector("#compare-result"),
    };
    const saved = store.readJSON(SCENARIOS);
    this.scenarios = Array.isArray(saved) ? saved.filter((s) => typeof s?.name === "string" && s.document) : [];
    this.#list();
  }

  save() {
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
    this.#keep(`已把当前评分保存为方案“${name}”。`);
  }

  duplicate(index) {
    const source = this.scenarios[index];
    let name = `${source.name} 副本`;
    for (let n = 2; this.scenarios.some((s) => s.name === name); n += 1) name = `${source.name} 副本 ${n}`;
    this.scenarios.push({ name, document: structuredClone(source.document), savedAt: new Date().toISOString() });
    this.#keep(`已复制方案“${source.name}”为“${name}”。`);
  }

  remove(index) {
    const { name } = this.scenarios[index];
    if (!window.confirm(`确定删除方案“${name}”吗？`)) return;
    this.scenarios.splice(index, 1);
    this.#keep(`已删除方案“${name}”。`);
  }

  async open(index) {
    const { name, document } = this.scenarios[index];
    this.actions.replace(await this.actions.upgraded(document), "打开方案", `已打开方案“${name}”。`);
  }

  async compare() {
    const data = await this.engine.request("compare", { a: this.#side(this.el.a), b: this.#side(this.el.b) });
    this.el.compared.replaceChildren(...display(data.display));
  }

  #keep(message) {
    const kept = this.store.writeJSON(SCENARIOS, this.scenarios);
    this.#list();
    this.notice.show(kept ? message : `${message}注意：浏览器存储不可用，方案只保留到关闭本页为止。`, kept ? "success" : "warning");
  }

  #list() {
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
}
