// The form ⇄ an assessment document. The form was rendered from the scheme at build
// time: per item a radio group of bands (name band-<id>) and one of percents (name percent-<id>),
// of which only the chosen band's steps are enabled.

export class FormError extends Error {}

const NOTE_FIELDS = ["strengths", "opportunities"];

export class Form {
  constructor(form) {
    this.form = form;
    this.title = form.querySelector("#assessment-title");
    this.items = [...form.querySelectorAll(".calc-item")];
    this.extra = {}; // unknown top-level keys of an opened document, kept on round-trip
    // the empty document as the engine writes it (format and version), rendered from Python
    this.blank = Object.freeze(JSON.parse(form.dataset.blank));
  }

  percentOf(item) {
    const checked = item.querySelector('input[name^="percent-"]:checked');
    return checked && !checked.disabled ? Number(checked.value) : null;
  }

  read() {
    const { format, version } = this.blank;
    const document_ = { format, version };
    if (this.title.value) document_.title = this.title.value;
    document_.scores = {};
    const notes = {};
    for (const item of this.items) {
      const id = item.dataset.item;
      const percent = this.percentOf(item);
      if (percent !== null) document_.scores[id] = percent;
      const note = {};
      for (const field of NOTE_FIELDS) {
        const text = item.querySelector(`textarea[name="${field}-${id}"]`).value;
        if (text) note[field] = text;
      }
      if (Object.keys(note).length) notes[id] = note;
    }
    if (Object.keys(notes).length) document_.notes = notes;
    return { ...document_, ...this.extra };
  }

  // Show a document, all or nothing: a document the form cannot show exactly (a wrong shape, an
  // unknown item, a percent that is not a step) throws FormError and leaves the form untouched.
  apply(document_) {
    const plan = this.#plan(document_);
    this.extra = plan.extra;
    this.title.value = plan.title;
    for (const { item, percent, notes } of plan.items) {
      this.setPercent(item, percent);
      for (const field of NOTE_FIELDS) {
        item.querySelector(`textarea[name="${field}-${item.dataset.item}"]`).value =
          notes[field] ?? "";
      }
      this.markNotes(item);
    }
  }

  #plan(document_) {
    const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
    if (!isObject(document_)) throw new FormError("不是对象");
    const { format, version, title = "", scores = {}, notes = {}, ...extra } = document_;
    if (typeof title !== "string") throw new FormError("title 不是字符串");
    if (!isObject(scores)) throw new FormError("scores 不是对象");
    if (!isObject(notes)) throw new FormError("notes 不是对象");
    const ids = new Set(this.items.map((item) => item.dataset.item));
    for (const id of [...Object.keys(scores), ...Object.keys(notes)]) {
      if (!ids.has(id)) throw new FormError(`没有评分条款 ${id}`);
    }
    const items = this.items.map((item) => {
      const id = item.dataset.item;
      const percent = scores[id] ?? null;
      const choosable =
        Number.isInteger(percent) && item.querySelector(`input[name="percent-${id}"][value="${percent}"]`);
      if (percent !== null && !choosable) {
        throw new FormError(`${id} 的百分比 ${JSON.stringify(percent)} 不可选`);
      }
      const note = notes[id] ?? {};
      if (!isObject(note) || !Object.values(note).every((text) => typeof text === "string")) {
        throw new FormError(`${id} 的评语格式不对`);
      }
      return { item, percent, notes: note };
    });
    return { title, items, extra };
  }

  // Check the band that holds `percent` (null: not scored) and enable that band's steps only.
  // Which band holds a percent is the scheme's (table C.1/C.2), written on each step at build time.
  setPercent(item, percent) {
    const step = percent === null ? null : item.querySelector(`input[name^="percent-"][value="${percent}"]`);
    const band = step?.closest("label").dataset.band ?? "";
    item.querySelector(`input[name^="band-"][value="${band}"]`).checked = true;
    this.#showBand(item, band, percent);
  }

  // A band was chosen: its lowest step is the score until a step is chosen.
  chooseBand(item, radio) {
    this.#showBand(item, radio.value, radio.value === "" ? null : Number(radio.value));
  }

  #showBand(item, band, percent) {
    for (const label of item.querySelectorAll(".calc-choice--steps label")) {
      const input = label.querySelector("input");
      const inBand = label.dataset.band === band;
      label.hidden = !inBand;
      input.disabled = !inBand;
      input.checked = inBand && Number(input.value) === percent;
    }
    item.querySelector(".calc-choice__hint").hidden = band !== "";
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

  markNotes(item) {
    const filled = [...item.querySelectorAll("textarea")].some((area) => area.value);
    item.querySelector(".calc-notes__mark").hidden = !filled;
  }
}

export const isEmpty = (document_) =>
  !document_.title && !Object.keys(document_.scores ?? {}).length && !document_.notes;
