// The trainer's calibration (培训校准, overrides/partials/calculator/team.html): a reference
// scorebook and the trainees' files, read in this browser only, set against each other by the
// engine (calculator/calibrate.py through calculator/service.py). The class view — a table of
// trainees × items coloured by bands apart, each trainee's summary, the items the class disagrees
// on most, the ++/−− comments made or missed — and the CSV come finished from the engine; the page
// only places them, user-written text as text. While the class view is shown it is what the page
// prints (A4 landscape), instead of the feedback report.

import { download, element, fill, NotUtf8, readText, words } from "./dom.mjs";


export class Calibration {
  constructor({ root, engine, notice }) {
    Object.assign(this, { root, engine, notice });
    this.words = words().calibration;
    this.el = {
      state: root.querySelector("#calibration-state"),
      result: root.querySelector("#calibration-result"),
      actions: root.querySelector("#calibration-actions"),
      site: root.querySelector('[data-action="calibration-site"]'),
    };
    this.reference = null; // {file, document}
    this.trainees = []; // [{file, document}]
    this.csv = null;
  }

  // The reference from a file the trainer chose.
  async loadReference(file) {
    let entry;
    try {
      entry = { file: file.name, document: await this.engine.request("parse", { text: await readText(file) }) };
    } catch (error) {
      this.notice.show(this.#bad(file.name, error) + this.words.bad_reference, "error");
      return;
    }
    await this.#reference(entry);
  }

  // The site's own training case's reference (docs/training/reference.json), from this site.
  async loadSiteReference() {
    const name = this.words.site_reference;
    let text;
    try {
      const response = await fetch(new URL(this.el.site.dataset.url, location.href));
      if (!response.ok) {
        this.notice.show(fill(this.words.site_missing, { status: response.status }), "error");
        return;
      }
      text = await response.text();
    } catch (error) {
      this.notice.show(fill(this.words.site_failed, { why: error.message }), "error");
      return;
    }
    let document_;
    try {
      document_ = await this.engine.request("parse", { text });
    } catch (error) {
      this.notice.show(this.#bad(name, error) + this.words.bad_reference, "error");
      return;
    }
    await this.#reference({ file: this.el.site.dataset.url.split("/").pop(), document: document_ });
  }

  // The trainees' files, all at once: each one the engine refuses is named, the others are kept.
  async loadTrainees(files) {
    const entries = [];
    const bad = [];
    for (const file of files) {
      try {
        entries.push({ file: file.name, document: await this.engine.request("parse", { text: await readText(file) }) });
      } catch (error) {
        bad.push(this.#bad(file.name, error));
      }
    }
    if (bad.length) {
      const rest = entries.length ? fill(this.words.bad_rest, { n: entries.length }) : this.words.no_trainees;
      this.notice.show(bad.join("；") + rest, "error");
    }
    if (!entries.length) return;
    this.trainees = entries;
    if (!this.reference) {
      this.el.state.textContent = fill(this.words.need_reference, { n: entries.length });
      return;
    }
    await this.#show(!bad.length);
  }

  downloadCsv() {
    if (this.csv !== null) download(this.words.csv_file, this.csv, "text/csv;charset=utf-8");
  }

  print() {
    window.print(); // (while the class view is shown, the page prints it: calculator.css)
  }

  close() {
    this.reference = null;
    this.trainees = [];
    this.csv = null;
    this.el.result.replaceChildren();
    this.el.state.textContent = this.words.closed;
    this.el.actions.hidden = true;
    delete this.root.dataset.print;
  }

  async #reference(entry) {
    this.reference = entry;
    this.el.state.textContent = fill(this.words.reference_loaded, { file: entry.file })
      + (this.trainees.length ? "" : this.words.need_trainees);
    if (this.trainees.length) await this.#show(true);
  }

  #bad(file, error) {
    let why;
    if (error instanceof NotUtf8) why = this.words.not_utf8;
    else why = error.unavailable ? `评分引擎不可用（${error.message}）` : error.message;
    return fill(this.words.bad_file, { file, why });
  }

  async #show(announce) {
    let data;
    try {
      data = await this.engine.request("calibrate", { reference: this.reference, trainees: this.trainees });
    } catch (error) {
      if (error.unavailable) throw error; // (reported as any failed action is)
      this.notice.show(this.#bad(this.reference.file, error), "error"); // a reference scoring nothing
      this.reference = null;
      this.el.state.textContent = fill(this.words.need_reference, { n: this.trainees.length });
      return;
    }
    this.csv = data.csv;
    this.root.querySelector("#calc-team").open = true; // (a closed disclosure prints nothing)
    this.el.result.replaceChildren(...view(data.display));
    this.el.actions.hidden = false;
    this.root.dataset.print = "calibration";
    this.el.state.textContent = fill(this.words.shown, { n: this.trainees.length });
    if (announce) this.notice.clear();
  }
}

// The class view from the engine's display block.
function view(display) {
  const out = [element("p", "calc-team__headline", display.headline), table(display.table)];
  out.push(element("p", "calc-team__note", display.table.legend));
  for (const trainee of display.trainees) {
    const box = element("section", "calc-calibration__trainee");
    box.append(element("h4", "", trainee.label), element("p", "", trainee.summary), element("p", "", trainee.bias));
    const comments = element("ul", "calc-calibration__comments");
    comments.append(
      ...trainee.comments.matched.map((text) => element("li", "calc-calibration__matched", `${display.matched} ${text}`)),
      ...trainee.comments.missed.map((text) => element("li", "calc-calibration__missed", `${display.missed} ${text}`)),
    );
    // Each of the reference's ++/−− comments is a line per trainee: folded under its count, so
    // that a class of twenty stays readable (the CSV keeps every line).
    if (comments.children.length) {
      const fold = element("details", "calc-calibration__fold");
      fold.append(element("summary", "", trainee.comments.summary), comments);
      box.append(fold);
    } else box.append(element("p", "", trainee.comments.summary));
    out.push(box);
  }
  const disagreement = element("ol");
  disagreement.append(...display.disagreement.list.map((text) => element("li", "", text)));
  out.push(element("h4", "", display.disagreement.heading), disagreement);
  const rules = element("ul", "calc-calibration__rules");
  rules.append(...display.rules.map((rule) => element("li", "", rule)));
  out.push(element("h4", "", display.rules_heading), rules);
  return out;
}

// Trainees × items: each cell's text says how far apart (and ⚠ beside two bands or more); its
// class colours it, never alone.
function table({ caption, columns, rows, total }) {
  const box = element("div", "calc-calibration__scroll");
  const node = element("table", "calc-calibration__table");
  node.append(element("caption", "", caption));
  const head = element("thead");
  const headRow = element("tr");
  headRow.append(...columns.map((text) => Object.assign(element("th", "", text), { scope: "col" })));
  head.append(headRow);
  const body = element("tbody");
  body.append(...rows.map((row) => line(row, "td")));
  const foot = element("tfoot");
  foot.append(line(total, "td"));
  node.append(head, body, foot);
  box.append(node);
  return box;
}

function line(row, cell) {
  const tr = element("tr");
  if (row.item) tr.dataset.item = row.item;
  tr.append(Object.assign(element("th", "", row.head), { scope: "row" }), element(cell, "", row.reference));
  for (const { text, class: apart } of row.cells) {
    const td = element(cell, "calc-calibration__cell", text);
    if (apart !== null) td.dataset.apart = apart;
    tr.append(td);
  }
  return tr;
}
