// The site visit (现场评审, format 2 `site_visit`): from the consensus, the worksheet of issues the
// team wants to verify or clarify on site — per item, each with what to ask or look at and whom —
// and after the visit the finding per issue. Starting the visit has the engine record the scores
// and comments as they were (calculator/site_visit.py); every change made after it is shown, as the
// engine words it, as the difference between before and after the visit.

import { display, element, words } from "./dom.mjs";
import { FormError } from "./form.mjs";

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const FIELDS = ["text", "ask", "whom", "finding"];

export class SiteVisit {
  // snapshot(): the whole document on screen
  constructor(root, { scheme, engine, onChange, onDeleted, snapshot }) {
    Object.assign(this, { scheme, engine, onChange, onDeleted, snapshot });
    this.words = words().visit;
    this.visit = null;
    this.latest = 0;
    this.el = {
      start: root.querySelector('[data-action="visit-start"]'),
      sheet: root.querySelector("#visit-worksheet"),
      issues: root.querySelector("#visit-issues"),
      item: root.querySelector("#visit-item"),
      changes: root.querySelector("#visit-changes"),
    };
    this.el.sheet.addEventListener("input", (event) => this.#edited(event));
    this.el.sheet.addEventListener("change", (event) => this.#edited(event));
    this.el.sheet.addEventListener("click", (event) => this.#clicked(event));
  }

  read() {
    return this.visit ? { site_visit: structuredClone(this.visit) } : {};
  }

  plan({ site_visit: raw }) {
    if (raw === undefined) return null;
    const fine =
      isObject(raw) &&
      (raw.issues === undefined ||
        (Array.isArray(raw.issues) &&
          raw.issues.every((issue) => isObject(issue) && this.scheme.items[issue.item] && (issue.kind === undefined || issue.kind in this.words.kinds) && FIELDS.every((f) => issue[f] === undefined || typeof issue[f] === "string"))));
    if (!fine) throw new FormError("site_visit 的格式不对");
    return structuredClone(raw);
  }

  apply(visit) {
    this.visit = visit;
    this.el.start.hidden = Boolean(visit);
    this.el.sheet.hidden = !visit;
    if (!visit) this.el.changes.replaceChildren();
    this.#list();
  }

  // The visit starts: the engine records the scores and comments as they are, and proposes an
  // issue per most significant comment.
  async start() {
    const before = this.snapshot();
    const reply = await this.engine.request("visit", { document: before, start: true });
    this.apply(reply.document.site_visit);
    this.onChange(true);
    this.onDeleted(before, this.words.started_action);
    this.el.sheet.closest("details").open = true;
    this.el.issues.querySelector("textarea, select")?.focus();
    this.show(reply);
  }

  // The changes since the visit started, after every result.
  async refresh(document_) {
    if (!this.visit) return;
    const request = ++this.latest;
    const reply = await this.engine.request("visit", { document: document_ });
    if (request === this.latest) this.show(reply);
  }

  show(reply) {
    this.el.changes.replaceChildren(...display(reply.display));
  }

  #edited(event) {
    const input = event.target;
    const li = input.closest(".calc-visit-issue");
    const field = input.dataset.visitField;
    if (!li || !field) return;
    const issue = this.visit.issues[Number(li.dataset.index)];
    if (input.value || field === "text") issue[field] = input.value;
    else delete issue[field];
    if (event.type === "input" && input.tagName === "SELECT") return;
    this.onChange(event.type === "change");
  }

  #clicked(event) {
    const button = event.target.closest("[data-visit]");
    if (!button) return;
    this.visit.issues ??= [];
    if (button.dataset.visit === "add") {
      this.visit.issues.push({ item: this.el.item.value, kind: "verify", text: "" });
      this.#list();
      this.el.issues.querySelector(`.calc-visit-issue[data-index="${this.visit.issues.length - 1}"] [data-visit-field="text"]`).focus();
    } else {
      const before = this.snapshot();
      const index = Number(button.closest(".calc-visit-issue").dataset.index);
      this.visit.issues.splice(index, 1);
      this.#list();
      (this.el.issues.querySelector('[data-visit="delete"]') ?? this.el.item).focus();
      this.onDeleted(before, this.words.deleted_action);
    }
    this.onChange(true);
  }

  // The issues per item, in table A.1's order.
  #list() {
    const issues = (this.visit?.issues ?? []).map((issue, index) => ({ issue, index }));
    const groups = Object.entries(this.scheme.items)
      .map(([id, item]) => [id, item, issues.filter(({ issue }) => issue.item === id)])
      .filter(([, , list]) => list.length);
    this.el.issues.replaceChildren(
      ...(groups.length
        ? groups.map(([id, item, list]) => {
            const section = element("section", "calc-visit__item");
            const ol = element("ol", "calc-visit__issues");
            ol.append(...list.map(({ issue, index }, n) => this.#editor(id, issue, index, n + 1)));
            section.append(element("h4", "", `${id} ${item.name}`), ol);
            return section;
          })
        : [element("p", "", this.words.no_issues)]),
    );
  }

  #editor(id, issue, index, number) {
    const { kinds } = this.words;
    const name = `${id} ${this.words.issue} ${number}`;
    const li = element("li", "calc-visit-issue");
    li.dataset.index = String(index);
    const group = element("fieldset");
    group.append(element("legend", "", name));
    const kind = element("select");
    kind.dataset.visitField = "kind";
    for (const [value, text] of Object.entries(kinds)) {
      const option = element("option", "", text);
      option.value = value;
      kind.append(option);
    }
    kind.value = issue.kind ?? "verify";
    group.append(labelled(this.words.kind, kind));
    for (const field of FIELDS) {
      const control = element(field === "text" || field === "finding" ? "textarea" : "input");
      if (control.tagName === "TEXTAREA") control.rows = 2;
      else control.type = "text";
      control.value = issue[field] ?? "";
      control.dataset.visitField = field;
      group.append(labelled(this.words[field], control));
    }
    const remove = element("button", "md-button calc-small-button", "删除");
    remove.type = "button";
    remove.dataset.visit = "delete";
    remove.setAttribute("aria-label", `删除${name}`);
    const p = element("p");
    p.append(remove);
    group.append(p);
    li.append(group);
    return li;
  }
}

function labelled(text, control) {
  const label = element("label");
  label.append(element("span", "calc-field__label", text), control);
  return label;
}
