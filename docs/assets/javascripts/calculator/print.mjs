// The printed feedback report: the engine's own HTML (calculator/feedback.py report_html, every
// user text escaped in Python, classes only), inserted as a template's content into #calc-print.
// It follows every result, so that the browser's own print command (Ctrl+P) prints the work on
// screen too; the title and the comments' texts typed since the last result are put in, as text,
// when printing starts.

import { words } from "./dom.mjs";

export class Print {
  constructor({ root, form, engine }) {
    Object.assign(this, { form, engine });
    this.area = root.querySelector("#calc-print");
    this.report = this.area.querySelector(".calc-print__report");
    this.date = this.area.querySelector(".calc-print__date time");
    this.source = null; // the document the report shows, as JSON
    this.latest = 0;
  }

  // The report of `document_` from the engine, in place of the last one.
  async refresh(document_ = this.form.read()) {
    const request = ++this.latest;
    const { html, total } = await this.engine.request("feedback", { document: document_ });
    if (request !== this.latest) return; // a newer report is on its way
    const template = document.createElement("template");
    template.innerHTML = html; // inert: nothing in a template runs or loads
    this.report.replaceChildren(template.content);
    this.source = JSON.stringify(document_);
    this.area.dataset.total = total; // which result it follows
    this.#typed(); // what was typed while the engine wrote it
  }

  // Printing starts: the title and the comments' texts as they are on screen now (they change
  // without a new result), and today's date.
  build() {
    this.date.textContent = new Date().toLocaleDateString("zh-CN");
    this.#typed();
  }

  #typed() {
    const document_ = this.form.read();
    if (JSON.stringify(document_) === this.source) return; // the engine's text, as escaped there
    const title = this.report.querySelector("[data-title]");
    if (title) title.textContent = document_.title || words().default_title;
    for (const text of this.report.querySelectorAll("[data-comment]")) {
      const [id, index] = text.dataset.comment.split(" ");
      const comment = document_.comments?.[id]?.[Number(index)];
      if (comment) text.textContent = comment.text;
    }
  }

  // The print button: the report of exactly what is on screen, then the browser's print dialog.
  async print() {
    await this.refresh();
    this.build();
    window.print();
  }
}
