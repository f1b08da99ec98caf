// The key themes that open the feedback report (format 2 `key_themes`): four groups — the process
// and the result items' strengths and opportunities for improvement — each theme with the items it
// comes from. The engine proposes them from the comments marked ++ / −− (calculator/key_themes.py);
// here the examiner takes the proposal, then edits, merges, reorders and adds to it. Without themes
// of its own a document's report uses the proposal. Built when opened, like the profile.

import { element } from "./dom.mjs";
import { FormError } from "./form.mjs";

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const SIDES = ["strengths", "opportunities"];

export class KeyThemes {
  // propose(): the engine's proposal for the document on screen ({process: {strengths: […]}, …})
  constructor(form, { scheme, words, onChange, onDeleted, snapshot, propose }) {
    Object.assign(this, { scheme, words, onChange, onDeleted, snapshot, propose });
    this.themes = null; // null: the document has none (its report shows the proposal)
    this.box = form.querySelector("#calc-key-themes");
    this.box.addEventListener("toggle", () => this.box.open && this.#build());
    this.box.addEventListener("input", (event) => this.#edited(event));
    this.box.addEventListener("change", (event) => this.#edited(event));
    this.box.addEventListener("click", (event) => this.#clicked(event).catch((error) => this.#say(error.message)));
  }

  read() {
    return this.themes ? { key_themes: structuredClone(this.themes) } : {};
  }

  // The document's themes as the editor will show them (each as {text, items}), or FormError.
  plan({ key_themes: raw }) {
    if (raw === undefined) return null;
    if (!isObject(raw)) throw new FormError("key_themes 不是对象");
    const themes = empty();
    for (const [kind, sides] of Object.entries(raw)) {
      if (!(kind in themes) || !isObject(sides)) throw new FormError(`key_themes 中没有 ${kind}`);
      for (const [side, list] of Object.entries(sides)) {
        if (!SIDES.includes(side) || !Array.isArray(list)) throw new FormError(`key_themes.${kind} 中没有 ${side}`);
        themes[kind][side] = list.map((entry) => {
          const theme = typeof entry === "string" ? { text: entry, items: [] } : structuredClone(entry);
          const { text, items = [] } = theme;
          if (typeof text !== "string" || !Array.isArray(items) || !items.every((id) => this.scheme.items[id]?.kind === kind)) {
            throw new FormError(`key_themes.${kind}.${side} 的格式不对`);
          }
          return { ...theme, items };
        });
      }
    }
    return themes;
  }

  apply(themes) {
    this.themes = themes;
    if (this.box.dataset.built) this.#list();
    this.#count();
  }

  // ------------------------------------------------------------ editing

  #edited(event) {
    const input = event.target;
    const li = input.closest(".calc-theme");
    if (!li) return;
    const theme = this.#theme(li);
    if (input.dataset.theme === "text") {
      if (event.type !== "input") return;
      theme.text = input.value;
      this.onChange(false);
    } else if (input.dataset.theme === "items" && event.type === "change") {
      theme.items = this.#order([...li.querySelectorAll('[data-theme="items"]:checked')].map((box) => box.value));
      this.onChange(true);
    }
  }

  async #clicked(event) {
    const button = event.target.closest("[data-themes]");
    if (!button) return;
    const act = button.dataset.themes;
    if (act === "propose") return this.#takeProposal();
    const group = button.closest("[data-group]");
    const [kind, side] = group.dataset.group.split(" ");
    this.themes ??= empty(); // the first theme of a document that had none
    const list = this.themes[kind][side];
    if (act === "add") {
      list.push({ text: "", items: [] });
      this.#done(kind, side, list.length - 1, "text");
      return;
    }
    const index = Number(button.closest(".calc-theme").dataset.index);
    const before = this.snapshot();
    if (act === "delete") {
      list.splice(index, 1);
      this.#done(kind, side, Math.min(index, list.length - 1), "delete");
      this.onDeleted(before, this.words.deleted);
    } else if (act === "merge" && index + 1 < list.length) {
      const [next] = list.splice(index + 1, 1);
      const theme = list[index];
      theme.text = [theme.text.trim(), next.text.trim()].filter(Boolean).join("；");
      theme.items = this.#order([...theme.items, ...next.items]);
      this.#done(kind, side, index, "text");
      this.onDeleted(before, this.words.merged);
    } else if (act === "up" || act === "down") {
      const to = act === "up" ? index - 1 : index + 1;
      if (to < 0 || to >= list.length) return;
      [list[index], list[to]] = [list[to], list[index]];
      this.#done(kind, side, to, act);
    }
  }

  // The engine's proposal in place of the themes on screen (one undo brings them back).
  async #takeProposal() {
    const proposal = await this.propose();
    const themes = empty();
    for (const kind of Object.keys(themes)) {
      for (const side of SIDES) themes[kind][side] = proposal[kind][side].map(({ text, items }) => ({ text, items }));
    }
    const before = this.snapshot();
    const had = this.#size();
    this.themes = themes;
    this.#list();
    this.#count();
    this.onChange(true);
    if (had) this.onDeleted(before, this.words.proposed_again);
    const n = this.#size();
    this.#say(n ? this.words.proposed.replace("{n}", n) : this.words.none_proposed);
    this.box.querySelector('.calc-theme [data-theme="text"]')?.focus(); // (the page has one live region for messages)
  }

  #done(kind, side, index, focus) {
    this.#list();
    this.#count();
    this.onChange(true);
    const li = this.box.querySelector(`[data-group="${kind} ${side}"] .calc-theme[data-index="${index}"]`);
    (li?.querySelector(`[data-theme="${focus}"], [data-themes="${focus}"]`) ?? this.box.querySelector(`[data-group="${kind} ${side}"] [data-themes="add"]`)).focus();
  }

  #theme(li) {
    const [kind, side] = li.closest("[data-group]").dataset.group.split(" ");
    return this.themes[kind][side][Number(li.dataset.index)];
  }

  // Item ids in table A.1's order.
  #order(ids) {
    const unique = new Set(ids);
    return Object.keys(this.scheme.items).filter((id) => unique.has(id));
  }

  #size() {
    return this.themes ? Object.values(this.themes).flatMap((sides) => Object.values(sides)).reduce((n, list) => n + list.length, 0) : 0;
  }

  #say(text) {
    this.box.querySelector("[data-key-themes-state]").textContent = text;
  }

  // ------------------------------------------------------------ building the editor

  #build() {
    if (this.box.dataset.built) return;
    this.box.dataset.built = "true";
    const groups = this.box.querySelector(".calc-key-themes__groups");
    for (const { kind, side, label } of this.words.groups) {
      const section = element("section", "calc-key-themes__group");
      section.dataset.group = `${kind} ${side}`;
      const add = element("button", "md-button calc-small-button", this.words.add);
      Object.assign(add, { type: "button" });
      add.dataset.themes = "add";
      add.setAttribute("aria-label", this.words.add_to.replace("{group}", label));
      const ol = element("ol", "calc-key-themes__list");
      ol.setAttribute("aria-label", label);
      const p = element("p");
      p.append(add);
      section.append(element("h4", "", label), ol, p);
      groups.append(section);
    }
    this.#list();
  }

  #list() {
    if (!this.box.dataset.built) return;
    for (const { kind, side, label } of this.words.groups) {
      const section = this.box.querySelector(`[data-group="${kind} ${side}"]`);
      const list = this.themes?.[kind][side] ?? [];
      section.querySelector("ol").replaceChildren(...list.map((theme, index) => this.#editor(kind, label, theme, index, list.length)));
    }
  }

  #editor(kind, label, theme, index, count) {
    const li = element("li", "calc-theme");
    li.dataset.index = String(index);
    const name = `${label} ${index + 1}`;
    const group = element("fieldset");
    group.append(element("legend", "", name));
    const text = element("textarea");
    Object.assign(text, { rows: 2, value: theme.text });
    text.dataset.theme = "text";
    const label_ = element("label");
    label_.append(element("span", "calc-field__label", this.words.theme), text);
    const items = element("fieldset", "calc-key-factor__items");
    items.append(element("legend", "", this.words.items));
    for (const [id, item] of Object.entries(this.scheme.items)) {
      if (item.kind !== kind) continue;
      const box = element("input");
      Object.assign(box, { type: "checkbox", value: id, checked: theme.items.includes(id) });
      box.dataset.theme = "items";
      const option = element("label");
      option.append(box, ` ${id} ${item.name}`);
      items.append(option);
    }
    const buttons = element("p", "calc-comment__buttons");
    const acts = [["上移", "up"], ["下移", "down"], [this.words.merge, "merge"], ["删除", "delete"]];
    for (const [words, act] of acts) {
      if (act === "merge" && index + 1 >= count) continue;
      const node = element("button", "md-button calc-small-button", words);
      node.type = "button";
      node.dataset.themes = act;
      node.setAttribute("aria-label", `${words}：${name}`);
      buttons.append(node, " ");
    }
    group.append(label_, items, buttons);
    li.append(group);
    return li;
  }

  #count() {
    this.box.querySelector("[data-key-themes-count]").textContent = this.themes
      ? this.words.count.replace("{n}", this.#size())
      : this.words.not_yet;
  }
}

function empty() {
  return { process: { strengths: [], opportunities: [] }, results: { strengths: [], opportunities: [] } };
}
