// The form ⇄ an assessment document. The form was rendered from the scheme at build time: per
// item a radio group of bands (name band-<id>); the chosen band's steps (name percent-<id>) are put
// in from the page's one copy of them when the band is chosen. The scorebook's parts (profile, key
// factors, comments) are kept by scorebook.mjs, the key themes by themes.mjs.

import { ConsensusRecord } from "./record.mjs";
import { Scorebook } from "./scorebook.mjs";
import { KeyThemes } from "./themes.mjs";

export class FormError extends Error {}

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const SCOREBOOK_KEYS = ["profile", "key_factors", "comments", "key_themes", "consensus", "site_visit"];

export class Form {
  // propose(document): the engine's key themes for a document (themes.mjs)
  constructor(form, { onScorebookChange = () => {}, onDeleted = () => {}, propose = async () => null } = {}) {
    this.form = form;
    this.title = form.querySelector("#assessment-title");
    this.items = [...form.querySelectorAll(".calc-item")];
    this.extra = {}; // unknown top-level keys of an opened document, kept on round-trip
    // the empty document as the engine writes it (format and version), rendered from Python
    this.blank = Object.freeze(JSON.parse(form.dataset.blank));
    this.scorebook = new Scorebook(form, {
      onChange: onScorebookChange,
      onDeleted,
      snapshot: () => this.read(),
    });
    this.themes = new KeyThemes(form, {
      scheme: this.scorebook.scheme,
      words: this.scorebook.words.themes,
      onChange: onScorebookChange,
      onDeleted,
      snapshot: () => this.read(),
      propose: () => propose(this.read()),
    });
    this.record = new ConsensusRecord(form, { scorebook: this.scorebook, onChange: onScorebookChange });
    // the document's parts beside the scores and the scorebook's: each a key, read(), plan(), apply()
    this.parts = [this.themes, this.record];
  }

  // A part kept outside the form (the site visit's worksheet).
  attach(part) {
    this.parts.push(part);
  }

  percentOf(item) {
    const checked = item.querySelector('input[name^="percent-"]:checked');
    return checked ? Number(checked.value) : null;
  }

  read() {
    const { format, version } = this.blank;
    const document_ = { format, version };
    if (this.title.value) document_.title = this.title.value;
    document_.scores = {};
    for (const item of this.items) {
      const percent = this.percentOf(item);
      if (percent !== null) document_.scores[item.dataset.item] = percent;
    }
    return { ...document_, ...this.scorebook.read(), ...Object.assign({}, ...this.parts.map((part) => part.read())), ...this.extra };
  }

  // Show a document, all or nothing: a document the form cannot show exactly (a wrong shape, an
  // unknown item, a percent that is not a step) throws FormError and leaves the form untouched.
  // A version 1 document's notes are kept as they are (as an unknown key) until the engine has
  // converted them to comments (actions.mjs upgraded), so that nothing of them is lost meanwhile.
  apply(document_) {
    const plan = this.#plan(document_);
    this.extra = plan.extra;
    this.title.value = plan.title;
    for (const { item, percent } of plan.items) this.setPercent(item, percent);
    this.scorebook.apply(plan.scorebook);
    this.parts.forEach((part, index) => part.apply(plan.parts[index]));
  }

  #plan(document_) {
    if (!isObject(document_)) throw new FormError("不是对象");
    const { format, version, title = "", scores = {}, ...rest } = document_;
    if (typeof title !== "string") throw new FormError("title 不是字符串");
    if (!isObject(scores)) throw new FormError("scores 不是对象");
    const ids = new Set(this.items.map((item) => item.dataset.item));
    for (const id of Object.keys(scores)) {
      if (!ids.has(id)) throw new FormError(`没有评分条款 ${id}`);
    }
    const items = this.items.map((item) => {
      const id = item.dataset.item;
      const percent = scores[id] ?? null;
      if (percent !== null && !this.#step(item, percent)) {
        throw new FormError(`${id} 的百分比 ${JSON.stringify(percent)} 不可选`);
      }
      return { item, percent };
    });
    const scorebook = this.scorebook.plan(rest);
    const parts = this.parts.map((part) => part.plan(rest));
    const extra = Object.fromEntries(Object.entries(rest).filter(([key]) => !SCOREBOOK_KEYS.includes(key)));
    return { title, items, scorebook, parts, extra };
  }

  // The step of `percent` in the item's table (C.1 or C.2), from the page's one copy of the steps.
  #step(item, percent) {
    if (!Number.isInteger(percent)) return null;
    return this.#steps(item).content.querySelector(`input[value="${percent}"]`);
  }

  #steps(item) {
    return document.getElementById(`steps-${item.querySelector(".calc-descriptors").dataset.guideline}`);
  }

  // Check the band that holds `percent` (null: not scored) and show that band's steps only.
  // Which band holds a percent is the scheme's (table C.1/C.2), written on each step at build time.
  setPercent(item, percent) {
    const step = percent === null ? null : this.#step(item, percent);
    const band = step?.closest("label").dataset.band ?? "";
    item.querySelector(`input[name^="band-"][value="${band}"]`).checked = true;
    this.#showBand(item, band, percent);
  }

  // A band was chosen: its lowest step is the score until a step is chosen.
  chooseBand(item, radio) {
    this.#showBand(item, radio.value, radio.value === "" ? null : Number(radio.value));
  }

  #showBand(item, band, percent) {
    const fieldset = item.querySelector(".calc-choice--steps");
    const shown = fieldset.querySelector("label")?.dataset.band ?? "";
    if (shown !== band) {
      for (const label of fieldset.querySelectorAll("label")) label.remove();
      const labels = [...this.#steps(item).content.querySelectorAll(`label[data-band="${band}"]`)].map((label) => {
        const copy = label.cloneNode(true);
        copy.querySelector("input").name = `percent-${item.dataset.item}`;
        return copy;
      });
      fieldset.querySelector(".calc-choice__hint").before(...labels);
    }
    for (const input of fieldset.querySelectorAll("input")) input.checked = Number(input.value) === percent;
    fieldset.querySelector(".calc-choice__hint").hidden = band !== "";
    this.#showDescriptors(item, band);
  }

  // The chosen band's sentences of table C.1 or C.2, from the page's one copy of the table.
  #showDescriptors(item, band) {
    const box = item.querySelector(".calc-descriptors");
    const shown = box.querySelector(".calc-descriptors__band");
    if ((shown?.dataset.band ?? "") === band) return;
    shown?.remove();
    box.querySelector(".calc-descriptors__hint").hidden = band !== "";
    if (band === "") return;
    const table = document.getElementById(`guideline-${box.dataset.guideline}`);
    box.prepend(table.content.querySelector(`[data-band="${band}"]`).cloneNode(true));
  }
}

export const isEmpty = (document_) =>
  !document_.title &&
  !Object.keys(document_.scores ?? {}).length &&
  !SCOREBOOK_KEYS.some((key) => key in document_) &&
  !document_.notes;

// Work that hours of writing went into: replacing it asks first.
export const hasComments = (document_) =>
  Object.values(document_.comments ?? {}).some((list) => Array.isArray(list) && list.length) ||
  Boolean(document_.key_factors?.length) ||
  Boolean(document_.key_themes) ||
  Boolean(document_.profile && Object.keys(document_.profile).length);
