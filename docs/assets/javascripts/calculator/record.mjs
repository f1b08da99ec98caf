// The record of a consensus (format 2 `consensus`, written by calculator/consensus.py): every
// examiner's name and percents, their original comments, and the team's one-line rationale for
// each item's agreed band. Shown from the document itself (and the score reply's words for it),
// so that a consensus file opened anywhere shows it: per item the rationale to write and the
// examiners' originals, each of which can be put into the consensus's comments (where the team
// keeps, merges or rewrites them).

import { element, words } from "./dom.mjs";
import { FormError } from "./form.mjs";

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

export class ConsensusRecord {
  constructor(form, { scorebook, onChange }) {
    Object.assign(this, { form, scorebook, onChange });
    this.words = words().record;
    this.record = null;
    form.addEventListener("input", (event) => this.#edited(event));
    form.addEventListener("click", (event) => this.#clicked(event));
  }

  read() {
    return this.record ? { consensus: structuredClone(this.record) } : {};
  }

  plan({ consensus: raw }) {
    if (raw === undefined) return null;
    const { examiners = [], comments = {}, rationales = {} } = isObject(raw) ? raw : {};
    const fine =
      isObject(raw) &&
      Array.isArray(examiners) &&
      isObject(comments) &&
      Object.entries(comments).every(([id, list]) => this.scorebook.scheme.items[id] && Array.isArray(list) && list.every(isObject)) &&
      isObject(rationales) &&
      Object.entries(rationales).every(([id, text]) => this.scorebook.scheme.items[id] && typeof text === "string");
    if (!fine) throw new FormError("consensus 的格式不对");
    return structuredClone(raw);
  }

  apply(record) {
    this.record = record;
    for (const old of this.form.querySelectorAll(".calc-record")) old.remove();
    if (!record) return;
    for (const id of Object.keys(this.scorebook.scheme.items)) {
      const block = this.form.querySelector(`.calc-item[data-item="${id}"]`);
      block.querySelector(".calc-item__points").after(this.#box(id));
    }
  }

  #box(id) {
    const box = element("div", "calc-record");
    box.dataset.record = id;
    const input = element("input");
    Object.assign(input, { type: "text", value: this.record.rationales?.[id] ?? "", placeholder: this.words.rationale_hint, maxLength: 500 });
    input.dataset.recordField = "rationale";
    const label = element("label", "calc-record__rationale");
    label.append(element("span", "calc-field__label", this.words.rationale), input);
    const details = element("details");
    details.hidden = true; // until the engine's reply lists the originals
    details.append(element("summary"), element("ul", "calc-record__originals"));
    box.append(label, details);
    return box;
  }

  // The originals beside each item, as the engine words them (the score reply's `record`:
  // calculator/consensus.py record_display); a person's text as text.
  show(result) {
    for (const box of this.form.querySelectorAll(".calc-record")) {
      const originals = result.record?.[box.dataset.record] ?? [];
      const details = box.querySelector("details");
      details.hidden = !originals.length;
      details.querySelector("summary").textContent = this.words.originals.replace("{n}", originals.length);
      details.querySelector("ul").replaceChildren(...originals.map((original) => this.#original(original)));
    }
  }

  #original({ examiner, label, factor, text, index }) {
    const li = element("li");
    const head = [examiner, label, factor].filter(Boolean).join(" · ");
    li.append(element("span", "calc-record__head", `${head}：`), text, " ");
    const adopt = element("button", "md-button calc-small-button", this.words.adopt);
    adopt.type = "button";
    adopt.dataset.recordAdopt = String(index);
    adopt.setAttribute("aria-label", `${this.words.adopt}：${head}`);
    li.append(adopt);
    return li;
  }

  #edited(event) {
    const input = event.target;
    if (input.dataset?.recordField !== "rationale") return;
    const id = input.closest("[data-record]").dataset.record;
    this.record.rationales = isObject(this.record.rationales) ? this.record.rationales : {};
    if (input.value) this.record.rationales[id] = input.value;
    else delete this.record.rationales[id];
    this.onChange(false);
  }

  #clicked(event) {
    const button = event.target.closest("[data-record-adopt]");
    if (!button) return;
    const id = button.closest("[data-record]").dataset.record;
    const { examiner, ...comment } = structuredClone(this.record.comments[id][Number(button.dataset.recordAdopt)]);
    if (examiner) comment.sources = [examiner];
    this.scorebook.addComment(id, comment);
  }
}
