// The consensus of several examiners' files (overrides/partials/calculator/team.html), shown item
// by item beside the form, which holds the consensus to edit. Every figure, rule and sentence
// comes from the engine (calculator/consensus.py, through calculator/service.py); the page only
// places them, user-written text as text.

import { element, readDocuments } from "./dom.mjs";

const TEAM = "team";

export class Consensus {
  constructor({ root, store, engine, notice, actions }) {
    Object.assign(this, { root, store, engine, notice, actions });
    this.el = {
      flagBands: root.querySelector("#consensus-flag-bands"),
      result: root.querySelector("#consensus-result"),
      close: root.querySelector('[data-action="consensus-close"]'),
    };
    const team = store.readJSON(TEAM); // {examiners: [{file, document}]}
    this.examiners = Array.isArray(team?.examiners) ? team.examiners : null;
  }

  async import(files) {
    const examiners = await readDocuments(files, { engine: this.engine, notice: this.notice, what: "评审员的评价" });
    if (!examiners) return;
    const data = await this.#request(examiners); // the engine says when there are too few
    const kept = this.store.writeJSON(TEAM, { examiners }); // first, so that the message can say
    try {
      this.actions.replace(
        data.consensus,
        "合议",
        data.display.imported + (kept ? "" : "评审员对照未能存入浏览器，只保留到关闭本页为止。"),
      );
    } catch (error) {
      this.store.drop(TEAM); // nothing was replaced: no examiners beside it after a reload
      throw error;
    }
    this.examiners = examiners;
    this.#show(data);
  }

  // The flag threshold changed, or the page was reloaded: the statistics again, the form as it is.
  async refresh() {
    if (!this.examiners) return;
    this.#show(await this.#request(this.examiners));
  }

  close() {
    this.examiners = null;
    this.store.drop(TEAM);
    this.root.querySelectorAll(".calc-team-strip").forEach((strip) => strip.remove());
    this.el.result.replaceChildren();
    this.el.close.hidden = true;
  }

  #request(examiners) {
    return this.engine.request("consensus", { examiners, flag_bands: Number(this.el.flagBands.value) });
  }

  #show(data) {
    this.root.querySelector("#calc-team").open = true; // where the consensus is closed again
    this.el.close.hidden = false;
    const words = data.display;
    const list = element("p", "", words.flagged);
    for (const id of data.flagged) {
      const link = element("a", "", id);
      link.href = `#item-${id}`;
      list.append(link, " ");
    }
    this.el.result.replaceChildren(element("p", "calc-team__headline", words.headline), list, element("p", "", words.rules));
    for (const [id, item] of Object.entries(data.items)) {
      const block = this.root.querySelector(`.calc-item[data-item="${id}"]`);
      block.querySelector(".calc-team-strip")?.remove();
      block.querySelector(".calc-item__points").after(strip(item));
    }
  }
}

// The examiners' percents and their statistics (their original comments are listed from the
// consensus's record: record.mjs).
function strip(item) {
  const box = element("div", `calc-team-strip${item.flagged ? " calc-team-strip--flagged" : ""}`);
  const { percents, statistics } = item.display;
  box.append(element("p", "", percents));
  if (statistics) box.append(element("p", "", statistics));
  return box;
}
