// The practice page's drills. build_scripts/practice.py makes every question from the scheme
// (tables C.1, C.2, A.1) and renders it, with every word the drill shows, into the drill's JSON
// island; this module only places them: it asks a question step by step, reveals the answer and
// keeps the progress in localStorage when the browser lets it (the drill works without it).

import { element, fill } from "../calculator/dom.mjs";

const RECENT = 10; // answered questions listed, and not asked again until others have been

function emptyProgress() {
  return { answered: 0, right: 0, recent: [], current: null };
}

function isCount(value) {
  return Number.isInteger(value) && value >= 0;
}

function isProgress(value) {
  return (
    value !== null &&
    typeof value === "object" &&
    isCount(value.answered) &&
    isCount(value.right) &&
    value.right <= value.answered &&
    Array.isArray(value.recent) &&
    value.recent.every((entry) => typeof entry?.id === "string" && typeof entry.right === "boolean") &&
    (value.current === null || typeof value.current === "string")
  );
}

// One drill's progress under its own key; storage that throws (blocked, full) leaves it in memory.
class Progress {
  constructor(key) {
    this.key = key;
    this.available = true;
    this.state = this.#read();
  }

  #read() {
    try {
      const value = JSON.parse(localStorage.getItem(this.key) ?? "null");
      if (isProgress(value)) return value;
    } catch (error) {
      // a broken entry is started afresh; a storage that cannot even be read is unavailable
      if (!(error instanceof SyntaxError)) this.available = false;
    }
    return emptyProgress();
  }

  save() {
    try {
      localStorage.setItem(this.key, JSON.stringify(this.state));
      return true;
    } catch {
      this.available = false;
      return false;
    }
  }

  clear() {
    this.state = emptyProgress();
    try {
      localStorage.removeItem(this.key);
      return true;
    } catch {
      this.available = false;
      return false;
    }
  }
}

class Drill {
  constructor(root) {
    this.root = root;
    this.data = JSON.parse(root.querySelector(".practice-data").textContent);
    this.words = this.data.words;
    this.questions = new Map(this.data.questions.map((question) => [question.id, question]));
    this.progress = new Progress(this.data.store);
    this.place("restart").addEventListener("click", () => this.restart());
    this.place("loading").remove();
    this.place("progress").hidden = false;
    this.place("question").hidden = false;
    if (!this.progress.available) this.storageFailed();
    this.ask(this.questions.get(this.progress.state.current) ?? this.pick());
    this.showProgress();
    root.dataset.practiceState = "ready";
  }

  place(role) {
    return this.root.querySelector(`[data-role="${role}"]`);
  }

  // a question not among the last ones answered nor the one on screen
  pick() {
    const { recent, current } = this.progress.state;
    const skip = new Set(recent.slice(0, RECENT).map((entry) => entry.id));
    if (current) skip.add(current);
    const fresh = this.data.questions.filter((question) => !skip.has(question.id));
    const from = fresh.length ? fresh : this.data.questions;
    return from[Math.floor(Math.random() * from.length)];
  }

  // shows the question and its first step; returns its text, for the focus to go to
  ask(question) {
    this.question = question;
    this.outcomes = [];
    this.progress.state.current = question.id;
    this.save();
    const text = element("blockquote", "practice-text", question.text);
    text.tabIndex = -1;
    text.dataset.role = "text";
    text.dataset.question = question.id;
    this.place("question").replaceChildren(element("p", "practice-lead", this.words.question), text);
    this.step(0);
    return text;
  }

  step(n) {
    const step = this.question.steps[n];
    const prompt = element("p", "practice-prompt", step.prompt);
    prompt.id = `practice-${this.data.drill}-step-${n}`;
    const group = element("div", "practice-step");
    group.setAttribute("role", "group");
    group.setAttribute("aria-labelledby", prompt.id);
    group.dataset.step = String(n);
    const choices = element("div", "practice-choices");
    const buttons = this.data.choices[step.choices].map((label, index) => {
      const button = element("button", "md-button practice-choice", label);
      button.type = "button";
      button.dataset.choice = String(index);
      button.addEventListener("click", () => this.answer(n, index, buttons, group));
      return button;
    });
    choices.append(...buttons);
    group.append(prompt, choices);
    this.place("question").append(group);
  }

  answer(n, index, buttons, group) {
    const step = this.question.steps[n];
    const right = index === step.answer;
    this.outcomes.push(right);
    for (const button of buttons) button.disabled = true;
    buttons[index].classList.add("is-chosen");
    buttons[step.answer].classList.add("is-answer");
    const verdict = element(
      "p",
      `practice-verdict ${right ? "is-right" : "is-wrong"}`,
      (right ? this.words.right : this.words.wrong) + this.words.answer + step.explain,
    );
    verdict.tabIndex = -1;
    verdict.dataset.role = "verdict";
    group.append(verdict);
    if (n + 1 < this.question.steps.length) this.step(n + 1);
    else this.finish();
    this.place("live").textContent = verdict.textContent;
    verdict.focus();
  }

  finish() {
    const state = this.progress.state;
    const right = this.outcomes.every(Boolean);
    state.answered += 1;
    if (right) state.right += 1;
    state.recent = [{ id: this.question.id, right }, ...state.recent].slice(0, RECENT);
    state.current = null;
    this.save();
    this.showProgress();
    const reveal = element("div", "practice-reveal");
    reveal.dataset.role = "reveal";
    for (const block of this.question.reveal) {
      reveal.append(element("h3", "practice-reveal__title", block.title));
      if (block.lines) reveal.append(this.lines(block.lines, "practice-lines"));
      for (const pair of block.pairs ?? []) reveal.append(this.lines(pair, "practice-pair"));
    }
    const next = element("button", "md-button md-button--primary", this.words.next);
    next.type = "button";
    next.dataset.role = "next";
    next.addEventListener("click", () => this.ask(this.pick()).focus());
    this.place("question").append(reveal, next);
  }

  // lines of the scheme's text: a label, then segments, the differing ones marked
  lines(lines, className) {
    const list = element("ul", className);
    for (const line of lines) {
      const item = element("li", line.current ? "is-current" : "");
      if (line.current) item.setAttribute("aria-current", "true");
      const sentence = element("span", "practice-sentence");
      for (const [text, marked] of line.segments) {
        sentence.append(marked ? element("mark", "", text) : document.createTextNode(text));
      }
      item.append(element("span", "practice-label", line.label), sentence);
      list.append(item);
    }
    return list;
  }

  showProgress() {
    const { answered, right, recent } = this.progress.state;
    this.place("counts").textContent = answered
      ? fill(this.words.progress, { answered, right })
      : this.words.progress_none;
    this.place("recent").replaceChildren(
      ...recent
        .filter((entry) => this.questions.has(entry.id))
        .map((entry) => {
          const item = element("li", entry.right ? "is-right" : "is-wrong");
          const mark = entry.right ? this.words.recent_right : this.words.recent_wrong;
          item.append(element("span", "practice-badge", mark), this.questions.get(entry.id).text);
          return item;
        }),
    );
  }

  restart() {
    if (!this.progress.clear()) this.storageFailed();
    this.showProgress();
    this.ask(this.pick()).focus();
    this.place("live").textContent = this.words.restarted;
  }

  save() {
    if (!this.progress.save()) this.storageFailed();
  }

  storageFailed() {
    const message = this.place("message");
    message.textContent = this.words.storage;
    message.hidden = false;
  }
}

for (const root of document.querySelectorAll(".practice[data-drill]")) new Drill(root);
