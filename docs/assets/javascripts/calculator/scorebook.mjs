// The examiner's scorebook (assessment format 2): the organizational profile of appendix B, the
// key factors drawn from it, and each item's comments — strengths and opportunities for
// improvement, each with its significance, factor (A-D-L-I or Le-T-C-I), clause point, evidence
// and key factors. The model lives here; editors are built only when they are needed (the profile
// and the key factors when opened, an item's comments when it has some), so the page starts small.
// What the scheme offers (points, factors) was rendered into the page from Python at build time;
// the engine checks everything (calculator/assessment.py) and its replies carry the hints.

import { element, words } from "./dom.mjs";
import { FormError } from "./form.mjs";

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

export class Scorebook {
  // onChange(structural): a field changed; structural when the engine's reply changes with it
  // (counts, hints), not for every character typed into a text
  // onDeleted(before, action): a comment or a key factor was deleted; `before` is the document
  // as it was (from snapshot()), for the undo history
  constructor(form, { onChange = () => {}, onDeleted = () => {}, snapshot = () => null } = {}) {
    this.form = form;
    Object.assign(this, { onChange, onDeleted, snapshot });
    this.scheme = JSON.parse(document.getElementById("calc-scorebook").textContent);
    this.words = words().scorebook;
    this.profile = {};
    this.keyFactors = [];
    this.comments = {};
    this.profileBox = form.querySelector("#calc-profile");
    this.keyFactorBox = form.querySelector("#calc-key-factors");
    this.profileBox.addEventListener("toggle", () => this.profileBox.open && this.#buildProfile());
    this.keyFactorBox.addEventListener("toggle", () => this.keyFactorBox.open && this.#buildKeyFactors());
    form.addEventListener("input", (event) => this.#edited(event, false));
    form.addEventListener("change", (event) => this.#edited(event, true));
    form.addEventListener("click", (event) => this.#clicked(event));
  }

  // ------------------------------------------------------------ the document's parts

  read() {
    const parts = {};
    const profile = Object.fromEntries(
      Object.entries(this.profile)
        .map(([id, value]) => [id, isObject(value) ? dropEmpty(value) : value])
        .filter(([, value]) => (isObject(value) ? Object.keys(value).length : value)),
    );
    if (Object.keys(profile).length) parts.profile = profile;
    if (this.keyFactors.length) parts.key_factors = structuredClone(this.keyFactors);
    const comments = Object.fromEntries(Object.entries(this.comments).filter(([, list]) => list.length));
    if (Object.keys(comments).length) parts.comments = structuredClone(comments);
    return parts;
  }

  // The parts of `document_` as the editors will show them, or FormError when they cannot show
  // them exactly; nothing changes until apply().
  plan({ profile = {}, key_factors: keyFactors = [], comments = {} }) {
    if (!isObject(profile)) throw new FormError("profile 不是对象");
    const sections = new Map(this.scheme.profile.map((s) => [s.id, s]));
    for (const [id, value] of Object.entries(profile)) {
      const section = sections.get(id);
      if (!section) throw new FormError(`组织概述中没有 ${id}`);
      if (section.points.length) {
        const points = new Set(section.points.map((p) => p.id));
        if (!isObject(value) || !Object.entries(value).every(([k, v]) => points.has(k) && typeof v === "string")) {
          throw new FormError(`组织概述 ${id} 的格式不对`);
        }
      } else if (typeof value !== "string") {
        throw new FormError(`组织概述 ${id} 不是字符串`);
      }
    }
    if (!Array.isArray(keyFactors) || !keyFactors.every((k) => isObject(k) && typeof k.id === "string" && k.id)) {
      throw new FormError("key_factors 的格式不对");
    }
    if (!isObject(comments)) throw new FormError("comments 不是对象");
    for (const [id, list] of Object.entries(comments)) {
      const item = this.scheme.items[id];
      if (!item) throw new FormError(`没有评分条款 ${id}`);
      if (!Array.isArray(list) || !list.every((c) => this.#showable(c, item))) {
        throw new FormError(`${id} 的评语格式不对`);
      }
    }
    return { profile: structuredClone(profile), keyFactors: structuredClone(keyFactors), comments: structuredClone(comments) };
  }

  #showable(comment, item) {
    if (!isObject(comment) || !(comment.kind in this.words.kinds) || typeof comment.text !== "string") return false;
    const factors = this.words.factors[item.kind].map((f) => f.key);
    const { factor, point, major = false, evidence = "", key_factors: keys = [] } = comment;
    return (
      typeof major === "boolean" &&
      typeof evidence === "string" &&
      (factor === undefined || factor === null || factors.includes(factor)) &&
      (point === undefined || point === null || item.points.some((p) => p.id === point)) &&
      Array.isArray(keys) &&
      keys.every((key) => typeof key === "string")
    );
  }

  apply({ profile, keyFactors, comments }) {
    this.profile = profile;
    this.keyFactors = keyFactors;
    this.comments = comments;
    if (this.profileBox.dataset.built) this.#fillProfile();
    if (this.keyFactorBox.dataset.built) this.#listKeyFactors();
    for (const id of Object.keys(this.scheme.items)) this.#listComments(id);
    this.#counts();
  }

  // ------------------------------------------------------------ the engine's reply

  // The item headings' counts and the hints, as the engine words them (calculator/hints.py).
  show(result) {
    for (const [id, item] of Object.entries(result.items)) {
      const count = this.form.querySelector(`[data-item-comments="${id}"]`);
      if (count && item.comments) count.textContent = item.comments.label;
    }
    const byItem = {};
    for (const hint of result.hints ?? []) if (hint.item) (byItem[hint.item] ??= []).push(hint);
    const all = (result.hints ?? []).map((hint) => {
      const li = element("li");
      if (hint.item) {
        const link = element("a", "", `${hint.item} ${this.scheme.items[hint.item].name}`);
        link.href = `#item-${hint.item}`;
        li.append(link, "：");
      }
      li.append(hint.message);
      return li;
    });
    const list = document.getElementById("hints");
    list.replaceChildren(...(all.length ? all : [element("li", "", "没有需要核对的地方。")]));
    for (const id of Object.keys(this.scheme.items)) {
      const hints = byItem[id] ?? [];
      const box = this.#itemPart(id, "[data-item-hints]", !hints.length, () => {
        const list = element("ul", "calc-hints calc-hints--item");
        list.dataset.itemHints = id;
        return list;
      });
      if (!box) continue;
      box.replaceChildren(...hints.map((hint) => element("li", "", hint.message)));
      box.hidden = !hints.length;
    }
  }

  // An item's hints and its key factors' line are made the first time it has any, and kept
  // (hidden when empty): 23 of each at start would be 46 of the page's 1,500 elements.
  #itemPart(id, selector, none, make) {
    const comments = this.form.querySelector(`[data-comments="${id}"]`);
    const found = comments.querySelector(`:scope > ${selector}`);
    if (found || none) return found;
    const made = make();
    if (made.matches(".calc-comments__factors")) comments.prepend(made);
    else comments.append(made);
    return made;
  }

  // ------------------------------------------------------------ editing

  #edited(event, structural) {
    const input = event.target;
    const field = input.dataset?.field;
    if (!field) return;
    if (input.closest(".calc-comment")) this.#editComment(input, field);
    else if (input.closest(".calc-key-factor")) this.#editKeyFactor(input, field);
    else if (field === "profile") this.#editProfile(input);
    else return;
    const changesReply = structural || !["text", "evidence", "profile"].includes(field);
    if (event.type === "input" && input.type !== "text" && input.tagName !== "TEXTAREA") return; // (change follows)
    this.onChange(changesReply);
  }

  #editComment(input, field) {
    const li = input.closest(".calc-comment");
    const comment = this.comments[li.dataset.itemId][Number(li.dataset.index)];
    if (field === "major") comment.major = input.checked;
    else if (field === "key_factors") {
      const checked = [...li.querySelectorAll('[data-field="key_factors"]:checked')].map((box) => box.value);
      if (checked.length) comment.key_factors = checked;
      else delete comment.key_factors;
    } else if (field === "factor" || field === "point") {
      if (input.value) comment[field] = input.value;
      else delete comment[field];
    } else if (field === "evidence") {
      if (input.value) comment.evidence = input.value;
      else delete comment.evidence;
    } else {
      comment[field] = input.value; // kind, text
    }
    if (field === "major") this.#mark(li, comment);
    if (field === "kind") {
      // numbered anew among its kind ("优势 2"), its mark and buttons with it; the keyboard stays
      const { itemId, index } = li.dataset;
      this.#listComments(itemId);
      this.#focus(itemId, Number(index), "kind");
    }
  }

  #editKeyFactor(input, field) {
    const li = input.closest(".calc-key-factor");
    const factor = this.keyFactors[Number(li.dataset.index)];
    if (field === "items") {
      const items = [...li.querySelectorAll('[data-field="items"]:checked')].map((box) => box.value);
      if (items.length) factor.items = items;
      else delete factor.items;
      this.#itemFactors();
    } else if (field === "profile") {
      if (input.value) factor.profile = input.value;
      else delete factor.profile;
    } else {
      factor.text = input.value;
      this.#itemFactors();
    }
  }

  #editProfile(input) {
    const { section, point } = input.dataset;
    if (point) (this.profile[section] = isObject(this.profile[section]) ? this.profile[section] : {})[point] = input.value;
    else this.profile[section] = input.value;
    this.#counts();
  }

  #clicked(event) {
    const button = event.target.closest("[data-scorebook]");
    if (!button) return;
    const act = button.dataset.scorebook;
    if (act === "comment-add") {
      const id = button.closest("[data-item]").dataset.item;
      const list = (this.comments[id] ??= []);
      list.push({ kind: button.dataset.kind, major: false, text: "" });
      this.#listComments(id);
      this.#focus(id, list.length - 1, "text");
    } else if (act === "key-factor-add") {
      this.keyFactors.push({ id: this.#nextKeyFactorId(), text: "" });
      this.#listKeyFactors();
      this.keyFactorBox.querySelector(`.calc-key-factor:last-child [data-field="text"]`).focus();
    } else {
      this.#move(button, act);
      return;
    }
    this.#counts();
    this.onChange(true);
  }

  // Up, down or delete, on a comment or a key factor; the keyboard stays on the same control.
  #move(button, act) {
    const comment = button.closest(".calc-comment");
    const before = this.snapshot();
    if (comment) {
      const id = comment.dataset.itemId;
      const list = this.comments[id];
      const index = Number(comment.dataset.index);
      const to = act === "up" ? index - 1 : index + 1;
      if (act === "delete") {
        list.splice(index, 1);
        if (!list.length) delete this.comments[id];
        this.#listComments(id);
        const left = this.comments[id]?.length ?? 0;
        if (left) this.#focus(id, Math.min(index, left - 1), "delete");
        else this.form.querySelector(`[data-comments="${id}"] [data-kind="${comment.dataset.kind}"]`).focus();
        this.onDeleted(before, "删除评语");
      } else if (act === "merge") {
        const next = list.findIndex((c, i) => i > index && c.kind === list[index].kind);
        if (next < 0) return;
        list[index] = merged(list[index], list[next]);
        list.splice(next, 1);
        this.#listComments(id);
        this.#focus(id, index, "text");
        this.onDeleted(before, "合并评语");
      } else if (to >= 0 && to < list.length) {
        [list[index], list[to]] = [list[to], list[index]];
        this.#listComments(id);
        this.#focus(id, to, act);
      }
    } else {
      const li = button.closest(".calc-key-factor");
      const index = Number(li.dataset.index);
      const [removed] = this.keyFactors.splice(index, 1);
      for (const list of Object.values(this.comments)) {
        for (const c of list) {
          if (!c.key_factors) continue;
          c.key_factors = c.key_factors.filter((key) => key !== removed.id);
          if (!c.key_factors.length) delete c.key_factors;
        }
      }
      this.apply({ profile: this.profile, keyFactors: this.keyFactors, comments: this.comments });
      const left = this.keyFactorBox.querySelectorAll(".calc-key-factor [data-scorebook=delete]");
      (left[Math.min(index, left.length - 1)] ?? this.keyFactorBox.querySelector("[data-scorebook=key-factor-add]")).focus();
      this.onDeleted(before, "删除关键因素");
    }
    this.#counts();
    this.onChange(true);
  }

  #focus(id, index, field) {
    const li = this.form.querySelector(`[data-comments="${id}"] .calc-comment[data-index="${index}"]`);
    li?.querySelector(`[data-field="${field}"], [data-scorebook="${field}"]`)?.focus();
  }

  #nextKeyFactorId() {
    const numbers = this.keyFactors.map((k) => Number(/^KF(\d+)$/.exec(k.id)?.[1] ?? 0));
    return `KF${Math.max(0, ...numbers) + 1}`;
  }

  // A comment put in from elsewhere (an examiner's original, into the consensus), at the end of
  // its item's list, the keyboard on its text.
  addComment(id, comment) {
    const list = (this.comments[id] ??= []);
    list.push(comment);
    this.#listComments(id);
    this.#counts();
    this.onChange(true);
    this.#focus(id, list.length - 1, "text");
  }

  // ------------------------------------------------------------ building the editors

  #listComments(id) {
    const box = this.form.querySelector(`[data-comments="${id}"]`);
    const list = this.comments[id] ?? [];
    const ol = box.querySelector(".calc-comments__list");
    const counts = {};
    ol.replaceChildren(
      ...list.map((comment, index) => {
        counts[comment.kind] = (counts[comment.kind] ?? 0) + 1;
        const last = !list.some((c, i) => i > index && c.kind === comment.kind);
        return this.#commentEditor(id, comment, index, counts[comment.kind], last);
      }),
    );
    this.#itemFactors(id);
  }

  // `last`: no comment of its kind follows it (to merge it with)
  #commentEditor(id, comment, index, number, last) {
    const item = this.scheme.items[id];
    const { fields } = this.words;
    const li = element("li", `calc-comment calc-comment--${comment.kind}`);
    Object.assign(li.dataset, { itemId: id, index: String(index), kind: comment.kind });
    const group = element("fieldset");
    const legend = element("legend");
    legend.append(element("span", "calc-comment__mark"), " ", element("span", "calc-comment__name", `${this.words.kinds[comment.kind]} ${number}`));
    const kind = select("kind", Object.entries(this.words.kinds), comment.kind);
    const major = element("input");
    Object.assign(major, { type: "checkbox", checked: Boolean(comment.major) });
    major.dataset.field = "major";
    const factor = select("factor", [["", "—"], ...this.words.factors[item.kind].map((f) => [f.key, `${f.key} ${f.name}`])], comment.factor ?? "");
    const point = select("point", [["", "—"], ...item.points.map((p) => [p.id, pointLabel(p)])], comment.point ?? "");
    const text = element("textarea");
    Object.assign(text, { rows: 3, value: comment.text });
    text.dataset.field = "text";
    const evidence = element("input");
    Object.assign(evidence, { type: "text", value: comment.evidence ?? "", placeholder: "文件、页码、访谈对象……" });
    evidence.dataset.field = "evidence";
    const meta = element("div", "calc-comment__meta");
    meta.append(
      labelled("类别", kind),
      labelled(`${fields.major}（${this.words.marks[comment.kind][1]}）`, major, "calc-comment__major", true),
      labelled(fields.factor, factor),
      labelled(fields.point, point),
    );
    group.append(
      legend,
      labelled("评语", text, "calc-comment__text"),
      meta,
      labelled(fields.evidence, evidence, "calc-comment__evidence"),
    );
    const tagged = this.keyFactors.filter((k) => k.items?.includes(id) || comment.key_factors?.includes(k.id));
    if (tagged.length) {
      const factors = element("fieldset", "calc-comment__key-factors");
      factors.append(element("legend", "", fields.key_factors));
      for (const k of tagged) {
        const box = element("input");
        Object.assign(box, { type: "checkbox", value: k.id, checked: Boolean(comment.key_factors?.includes(k.id)) });
        box.dataset.field = "key_factors";
        factors.append(labelled(`${k.id} ${k.text}`, box, "", true));
      }
      group.append(factors);
    }
    if (Array.isArray(comment.sources) && comment.sources.length) {
      group.append(element("p", "calc-comment__sources", `${fields.sources}：${comment.sources.join("、")}`));
    }
    const name = `${this.words.kinds[comment.kind]} ${number}`;
    const buttons = element("p", "calc-comment__buttons");
    buttons.append(button("上移", "up", `上移${name}`), " ", button("下移", "down", `下移${name}`), " ");
    if (!last) buttons.append(button("与下一条合并", "merge", `与下一条合并：${name}与下一条${this.words.kinds[comment.kind]}`), " ");
    buttons.append(button("删除", "delete", `删除${name}`));
    group.append(buttons);
    li.append(group);
    this.#mark(li, comment);
    return li;
  }

  #mark(li, comment) {
    li.querySelector(".calc-comment__mark").textContent = this.words.marks[comment.kind][comment.major ? 1 : 0];
    li.classList.toggle("calc-comment--major", Boolean(comment.major));
    li.className = li.className.replace(/calc-comment--(strength|opportunity)/, `calc-comment--${comment.kind}`);
  }

  // An item's tagged key factors, shown above its comments.
  #itemFactors(only) {
    const ids = only ? [only] : Object.keys(this.scheme.items);
    for (const id of ids) {
      const tagged = this.keyFactors.filter((k) => k.items?.includes(id));
      const line = this.#itemPart(id, ".calc-comments__factors", !tagged.length,
        () => element("p", "calc-comments__factors"));
      if (!line) continue;
      line.textContent = tagged.length ? `${this.words.fields.key_factors}：${tagged.map((k) => `${k.id} ${k.text}`).join("；")}` : "";
      line.hidden = !tagged.length;
    }
  }

  #buildProfile() {
    if (this.profileBox.dataset.built) return;
    this.profileBox.dataset.built = "true";
    const body = this.profileBox.querySelector(".calc-profile__body");
    for (const section of this.scheme.profile) {
      const group = element("fieldset", "calc-profile__section");
      group.append(element("legend", "", `${section.id} ${section.title}`));
      if (section.points.length) {
        for (const point of section.points) {
          group.append(labelled(`${point.id}) ${point.text}`, profileArea(section.id, point.id)));
        }
      } else {
        group.append(labelled(section.text, profileArea(section.id)));
      }
      body.append(group);
    }
    this.#fillProfile();
  }

  #fillProfile() {
    for (const area of this.profileBox.querySelectorAll("textarea")) {
      const { section, point } = area.dataset;
      const value = this.profile[section];
      area.value = (point ? (isObject(value) ? value[point] : "") : typeof value === "string" ? value : "") ?? "";
    }
  }

  #buildKeyFactors() {
    if (this.keyFactorBox.dataset.built) return;
    this.keyFactorBox.dataset.built = "true";
    this.#listKeyFactors();
  }

  #listKeyFactors() {
    const ol = this.keyFactorBox.querySelector(".calc-key-factors__list");
    ol.replaceChildren(...this.keyFactors.map((k, index) => this.#keyFactorEditor(k, index)));
  }

  #keyFactorEditor(factor, index) {
    const { fields } = this.words;
    const li = element("li", "calc-key-factor");
    li.dataset.index = String(index);
    const group = element("fieldset");
    group.append(element("legend", "", factor.id));
    const text = element("textarea");
    Object.assign(text, { rows: 2, value: factor.text ?? "" });
    text.dataset.field = "text";
    const sources = [["", "—"]];
    for (const s of this.scheme.profile) {
      sources.push([s.id, `${s.id} ${s.title}`]);
      for (const p of s.points) sources.push([`${s.id}.${p.id}`, `${s.id} ${p.id}) ${p.text}`]);
    }
    const known = sources.some(([value]) => value === (factor.profile ?? ""));
    if (!known) sources.push([factor.profile, factor.profile]); // the engine says what is wrong with it
    const source = select("profile", sources, factor.profile ?? "");
    const items = element("fieldset", "calc-key-factor__items");
    items.append(element("legend", "", "相关的评分条款"));
    for (const [id, item] of Object.entries(this.scheme.items)) {
      const box = element("input");
      Object.assign(box, { type: "checkbox", value: id, checked: Boolean(factor.items?.includes(id)) });
      box.dataset.field = "items";
      items.append(labelled(`${id} ${item.name}`, box, "", true));
    }
    const buttons = element("p");
    buttons.append(button("删除", "delete", `删除关键因素 ${factor.id}`));
    group.append(labelled(fields.key_factors, text, "calc-key-factor__text"), labelled(fields.profile, source), items, buttons);
    li.append(group);
    return li;
  }

  #counts() {
    const written = this.scheme.profile.reduce((n, s) => {
      const value = this.profile[s.id];
      if (s.points.length) return n + s.points.filter((p) => isObject(value) && value[p.id]?.trim()).length;
      return n + (typeof value === "string" && value.trim() ? 1 : 0);
    }, 0);
    const total = this.scheme.profile.reduce((n, s) => n + (s.points.length || 1), 0);
    this.profileBox.querySelector("[data-profile-count]").textContent = `（已填写 ${written} / ${total} 点）`;
    this.keyFactorBox.querySelector("[data-key-factors-count]").textContent = `（${this.keyFactors.length} 条）`;
  }
}

// Two comments of one kind as one: both texts and evidence, the more significant mark, the
// factor and point they share (else the first's), every key factor and examiner behind them.
function merged(first, second) {
  const join = (a, b, glue) => [a, b].map((t) => t?.trim()).filter(Boolean).join(glue);
  const union = (a = [], b = []) => [...new Set([...a, ...b])];
  const comment = { ...second, ...first, major: Boolean(first.major || second.major), text: join(first.text, second.text, "\n") };
  for (const field of ["factor", "point"]) {
    const value = first[field] ?? second[field];
    if (value) comment[field] = value;
  }
  const evidence = join(first.evidence, second.evidence, "；");
  if (evidence) comment.evidence = evidence;
  for (const field of ["key_factors", "sources"]) {
    const values = union(first[field], second[field]);
    if (values.length) comment[field] = values;
  }
  return comment;
}

function dropEmpty(object) {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value));
}

function pointLabel(point) {
  return /^\d+$/.test(point.id) ? `第 ${point.id} 段 ${point.label}` : `${point.id}) ${point.label}`;
}

function select(field, options, value) {
  const node = element("select");
  node.dataset.field = field;
  for (const [optionValue, text] of options) {
    const option = element("option", "", text);
    option.value = optionValue;
    node.append(option);
  }
  node.value = value;
  return node;
}

function labelled(text, control, className = "", after = false) {
  const label = element("label", className);
  if (after) label.append(control, " ", text);
  else label.append(element("span", "calc-field__label", text), control);
  return label;
}

function profileArea(section, point) {
  const area = element("textarea");
  area.rows = 2;
  area.dataset.field = "profile";
  area.dataset.section = section;
  if (point) area.dataset.point = point;
  return area;
}

function button(text, act, name) {
  const node = element("button", "md-button calc-small-button", text);
  node.type = "button";
  node.dataset.scorebook = act;
  node.setAttribute("aria-label", name);
  return node;
}
