// What the reader does with the work as a whole: open a file or a link, export, share, reset,
// undo — and the choices offered when another tab, a leftover copy or a corrupted autosave is
// found, or when the engine refuses what came in unchecked. Whatever replaces the work keeps the
// old one where undo reaches it, and every message says truthfully whether the work is saved in
// the browser or only on this page.

import { SELF_CHECK } from "../hosting/server.js";
import { download, readText } from "./dom.mjs";
import { reportDocx } from "./docx.mjs";
import { decodeFragment, encodeFragment } from "./fragment.mjs";
import { FormError, hasComments, isEmpty } from "./form.mjs";

// Unknown keys of a document the engine refused, each tried on its own (the rest are set aside)
const UNKNOWN_KEYS_TRIED = 32;
// Longer links are offered as a file instead: Chromium accepts URLs of up to 2 MB, but its
// address bar shows at most 32 KB of one, and mail and chat programs cut long links short.
export const SHARE_LINK_MAX = 32 * 1024;
const NOT_STORED = "浏览器存储不可用（已满或被禁用），评分未能自动保存，只在本页面中；请用“导出 JSON”保存";
// after "…可点“撤销…”恢复": where the replaced work is kept
const keptWhere = (kept) => (kept ? "。" : "（只保留到关闭本页为止）。");

export class Actions {
  constructor({ root, form, store, engine, notice, recompute }) {
    Object.assign(this, { root, form, store, engine, notice, recompute });
    this.undoButton = root.querySelector('[data-action="undo"]');
    this.redoButton = root.querySelector('[data-action="redo"]');
    this.salvaging = false; // refused() is at work: one at a time
  }

  // Put `document_` on screen in place of the current work ("action" names it: 导入, 重置 …).
  replace(document_, action, message) {
    const current = this.form.read();
    this.form.apply(document_); // throws FormError before touching anything
    const kept = isEmpty(current) || this.store.keep(current, action);
    this.showUndo();
    this.recompute();
    this.#saveAndTell(isEmpty(current) ? message : `${message}原有评价可点“撤销${action}”恢复${keptWhere(kept)}`);
  }

  // A document kept by an earlier version of this page (format 1, with notes) as the engine
  // converts it (its notes become comments); any other document as it is.
  async upgraded(document_) {
    if (!isVersion1(document_)) return document_;
    try {
      return await this.engine.request("parse", { text: JSON.stringify(document_) });
    } catch (error) {
      if (error.unavailable) throw error;
      throw new FormError(error.message); // not a document: shown, set aside as the form's refusals are
    }
  }

  // Undo (back) or redo the newest step of the history.
  async undo(back = true) {
    const next = back ? this.store.undo : this.store.redo;
    if (!next) return;
    const document_ = await this.upgraded(next.document);
    const current = this.form.read();
    this.form.apply(document_); // throws FormError before anything changes
    this.store.step(back, current);
    this.showUndo();
    this.recompute();
    this.#saveAndTell(back ? `已撤销“${next.action}”，恢复了原有评价。` : `已重做“${next.action}”。`);
  }

  redo() {
    return this.undo(false);
  }

  // A comment or a key factor was deleted in the scorebook: one undo brings it back.
  deleted(before, action) {
    const kept = this.store.keep(before, action);
    this.showUndo();
    this.notice.show(`已${action.replace(/^删除/, "删除一条")}，可点“撤销${action}”恢复${keptWhere(kept)}`, "info");
  }

  reset() {
    if (!window.confirm("确定要清空全部评分、标题和评语吗？清空后可点“撤销重置”恢复。")) return;
    this.replace(this.form.blank, "重置", "已清空全部评分。");
  }

  // A document text from a file or a link: checked by Python, then shown.
  async open(text, { action, what, done }) {
    let document_;
    try {
      document_ = await this.engine.request("parse", { text });
    } catch (error) {
      const why = error.unavailable ? `评分引擎不可用（${error.message}），无法检查` : error.message;
      this.notice.show(`${what}无效：${why}。当前评分未作改动。`, "error", error.unavailable ? [SELF_CHECK] : []);
      return;
    }
    const current = this.form.read();
    if (hasComments(current) && !sameDocument(current, document_)) {
      // hours of writing: the reader says whether it goes (to the undo history) before it does
      this.notice.show(`${what}将替换当前的评价（其中有组织概述、关键因素或评语）。替换后可点“撤销${action}”恢复。`, "warning", [
        { label: `替换为${what}`, run: () => this.#show(document_, action, what, done) },
        { label: "保留当前评价", run: () => this.notice.show(`未载入${what}，当前评价未作改动。`, "info") },
      ]);
      return;
    }
    this.#show(document_, action, what, done);
  }

  #show(document_, action, what, done) {
    try {
      this.replace(document_, action, done);
    } catch (error) {
      if (!(error instanceof FormError)) throw error;
      this.notice.show(`${what}无法显示：${error.message}。当前评分未作改动。`, "error");
    }
  }

  async importFile(file) {
    let text;
    try {
      text = await readText(file);
    } catch {
      this.notice.show(`文件“${file.name}”无效：不是 UTF-8 编码的文本。当前评分未作改动。`, "error");
      return;
    }
    await this.open(text, { action: "导入", what: `文件“${file.name}”`, done: `已导入“${file.name}”。` });
  }

  async openFragment() {
    if (!location.hash.startsWith("#assessment=")) return;
    let text;
    try {
      text = decodeFragment(location.hash);
    } catch (error) {
      this.notice.show(`分享链接无效：${error.message}。当前评分未作改动。`, "error");
      return;
    } finally {
      // consumed, so that a reload keeps later edits instead of reopening the link
      history.replaceState(null, "", location.pathname + location.search);
    }
    await this.open(text, { action: "载入链接", what: "分享链接中的评价", done: "已从分享链接载入评价。" });
  }

  // The work must leave the page whatever the engine does: it writes the file when it is running,
  // and when it is not (still loading, restarting, failed) or refuses the work, the form's own
  // document goes out, with the format and version the engine writes.
  async exportJSON() {
    const document_ = this.form.read();
    let text = `${JSON.stringify(document_, null, 2)}\n`;
    if (this.engine.state === "ready") {
      try {
        text = await this.engine.request("export", { document: document_, format: "json" });
      } catch (error) {
        if (!error.unavailable) {
          this.notice.show(`评分引擎无法接受页面上的评价（${error.message}），已按页面上的内容原样导出。`, "warning");
        }
      }
    }
    download(this.#fileName("json"), text, "application/json");
  }

  async exportCSV() {
    const text = await this.engine.request("export", { document: this.form.read(), format: "csv" });
    download(this.#fileName("csv"), text, "text/csv;charset=utf-8");
  }

  // The feedback report of exactly what is on screen as a Word document: the engine lays it out
  // (its words, the texts made safe), docx.mjs renders it; a failure is reported, nothing changes.
  async exportDocx() {
    const { docx } = await this.engine.request("feedback", { document: this.form.read(), docx: true });
    download(this.#fileName("docx"), await reportDocx(docx));
  }

  async share() {
    const link = location.origin + location.pathname + encodeFragment(JSON.stringify(this.form.read()));
    const box = this.root.querySelector("#share-link");
    if (link.length > SHARE_LINK_MAX) {
      box.hidden = true;
      this.notice.show(
        `这份评价的分享链接将长达 ${link.length} 个字符，超过浏览器和邮件、聊天工具能完整传递的 ${SHARE_LINK_MAX} 个字符。请导出 JSON 文件发送给对方，对方用“导入 JSON”打开。`,
        "warning",
        [{ label: "导出 JSON", run: () => this.exportJSON() }],
      );
      return;
    }
    box.value = link;
    box.hidden = false;
    box.select();
    let copied;
    try {
      await navigator.clipboard.writeText(link);
      copied = true;
    } catch {
      // no Clipboard API (a plain-HTTP intranet is not a secure context), or it refused: the
      // selected box is copied the old way, which needs neither
      box.select();
      copied = document.execCommand("copy");
    }
    if (copied) this.notice.show("分享链接已复制。评分数据只在链接的“#”之后，不会发送到服务器。", "success");
    else this.notice.show("请复制下方选中的链接（浏览器不允许自动复制）。", "info");
  }

  // Another tab saved a different document (`other`, any JSON value; `text` as it was saved):
  // tell the reader, lose neither.
  otherTab(other, text) {
    if (sameDocument(other, this.form.read())) return;
    this.store.pause();
    this.#saveNow(); // to this tab's copy
    this.notice.show(
      "另一个标签页修改并保存了这份评分。为免互相覆盖，本页的改动现另存为副本，两边的评分都不会丢失。请选择以哪一份为准：",
      "warning",
      [
        {
          label: "载入另一标签页的版本",
          run: () => {
            this.store.resume();
            try {
              this.replace(other, "载入另一标签页的版本", "已载入另一标签页的版本。");
            } catch (error) {
              if (!(error instanceof FormError)) throw error;
              this.store.pause(); // nothing was written: this tab's work stays in its copy
              this.#otherTabUnreadable(text, error.message);
            }
          },
        },
        {
          label: "以本页为准",
          run: () => {
            this.store.resume();
            const kept = this.store.keep(other, "以本页为准");
            this.showUndo();
            this.#saveAndTell(`已保存本页的评分。另一标签页的版本可点“撤销以本页为准”找回${keptWhere(kept)}`);
          },
        },
      ],
    );
  }

  // What another tab saved is not a document the form can show: say so, keep both.
  #otherTabUnreadable(text, why) {
    this.notice.show(
      `另一标签页保存的内容无法载入（${why}），不是可显示的评价。本页的评分未作改动，改动仍另存为副本。`,
      "error",
      [
        {
          label: "以本页为准",
          run: () => {
            this.store.resume();
            if (this.#setAside(text, "另一标签页保存的内容")) {
              this.#saveAndTell("已保存本页的评分。另一标签页保存的内容已另存在浏览器中。");
            } else {
              this.#saveNow(); // beside it, not over it
            }
          },
        },
      ],
    );
  }

  // A copy left by a tab that was closed while it disagreed with another.
  offerCopies() {
    const [copy] = this.store.copies().sort((a, b) => b.savedAt - a.savedAt);
    if (!copy || this.notice.shown) return; // not over another message: offered next time
    const when = new Date(copy.savedAt).toLocaleString("zh-CN");
    const title = copy.document.title ? `“${copy.document.title}”，` : "";
    this.notice.show(`找到另一标签页留下的评分副本（${title}保存于 ${when}）。`, "warning", [
      {
        label: "载入副本",
        run: async () => {
          try {
            this.replace(await this.upgraded(copy.document), "载入副本", "已载入副本。");
            this.store.drop(copy.key);
          } catch (error) {
            this.notice.show(`副本无法显示：${error.message}。`, "error");
          }
        },
      },
      { label: "删除副本", run: () => this.store.drop(copy.key) },
    ]);
  }

  // The autosave, put back on screen — or, when it cannot be shown, set aside, not lost.
  // (at once, before the first score; an autosave of format 1 once the engine has converted it)
  restore() {
    const saved = this.store.loadCurrent();
    if (!saved) return Promise.resolve();
    if (!this.#restored(saved) || !isVersion1(saved.document)) return Promise.resolve();
    // format 1: shown at once with its notes kept as they are, as comments once converted
    const shown = JSON.stringify(this.form.read());
    return this.upgraded(saved.document).then((document_) => {
      if (JSON.stringify(this.form.read()) !== shown) return; // edited meanwhile: export converts
      this.form.apply(document_);
      this.recompute();
    });
  }

  // The autosave on screen (true), or set aside with a message when the form cannot show it.
  #restored(saved) {
    let why = "不是有效的 JSON";
    const document_ = saved.document;
    if (document_ !== undefined) {
      try {
        this.form.apply(document_);
        return true;
      } catch (error) {
        if (!(error instanceof FormError)) throw error;
        why = error.message;
      }
    }
    const text = saved.corrupt ?? saved.text;
    const what = `本机保存的评分已损坏（${why}），无法载入，页面从空白表单开始。损坏的内容`;
    if (this.#setAside(text, what)) this.#offerAside(text, `${what}已另存在浏览器中，可下载原始内容以便恢复。`);
    return false;
  }

  // The engine refused the work on screen. It came in unchecked (the autosave, another tab, a
  // copy, undo), and the engine checks more than the form (lone surrogates, nesting): keep on
  // screen the most of it the engine accepts, and set the whole aside as a corrupt autosave is.
  async refused(error) {
    if (this.salvaging) return;
    this.salvaging = true;
    try {
      const refused = this.form.read();
      const accepted = await this.#acceptable(refused);
      this.form.apply(accepted);
      this.recompute();
      const text = JSON.stringify(refused);
      const what = `页面上的评价中有评分引擎无法接受的内容（${error.message}），已去掉这部分，其余评分照常显示。原始内容`;
      const kept = this.#setAside(text, what);
      this.#saveNow(); // to the autosave, or beside the original while it is held there
      if (kept) this.#offerAside(text, `${what}已另存在浏览器中，可下载以便恢复。`);
    } catch (failure) {
      if (!failure.unavailable) throw failure; // else reported by the client's onStatus
    } finally {
      this.salvaging = false;
    }
  }

  // The part of `document_` the engine accepts: the fields the form shows with each unknown key
  // the engine accepts beside them, else the scores alone, else nothing.
  async #acceptable(document_) {
    const accepts = async (candidate) => {
      try {
        await this.engine.request("score", { document: candidate });
        return true;
      } catch (error) {
        if (error.unavailable) throw error;
        return false;
      }
    };
    const unknown = Object.keys(this.form.extra);
    const known = Object.fromEntries(Object.entries(document_).filter(([key]) => !unknown.includes(key)));
    if (!(await accepts(known))) {
      const scores = { ...this.form.blank, scores: document_.scores };
      return (await accepts(scores)) ? scores : this.form.blank;
    }
    const tried = unknown.slice(0, UNKNOWN_KEYS_TRIED);
    const fine = await Promise.all(tried.map((key) => accepts({ ...known, [key]: document_[key] })));
    const keys = tried.filter((_, n) => fine[n]);
    if (!keys.length) return known;
    const kept = { ...known, ...Object.fromEntries(keys.map((key) => [key, document_[key]])) };
    return (await accepts(kept)) ? kept : known; // (each alone may pass where all together do not)
  }

  // Keep `text`, which the page cannot use, where the reader can recover it: set aside in the
  // browser (true), or, with no room for a second copy, left where it is and not written over
  // until the reader deletes it (false, and the reader is told; `what` names it).
  #setAside(text, what) {
    if (this.store.setAside(text)) return true;
    this.#offerAside(
      text,
      `${what}无法另存（浏览器存储空间不足），仍留在浏览器中原处：本页不会覆盖它，改动另存为副本，直到您删除它（可先下载）。`,
    );
    return false;
  }

  // The message about a text set aside, with its download (and, while it is held where it was,
  // its deletion: downloading alone is no choice to delete it, so the message stays).
  #offerAside(text, message) {
    const actions = [
      {
        label: "下载损坏的存档",
        run: () => {
          download("损坏的自动保存.json", text, "application/json");
          if (this.store.held) this.#offerAside(text, message);
        },
      },
    ];
    if (this.store.held) {
      actions.push({
        label: "删除损坏的存档",
        run: () => {
          this.store.release();
          this.#saveAndTell("已删除损坏的存档，评分恢复自动保存在本机浏览器中。");
        },
      });
    }
    this.notice.show(message, "warning", actions);
  }

  #saveNow() {
    this.store.save(this.form.read());
    return this.store.flush();
  }

  // Save the work on screen now, and say what was done — and, if it could not be saved, that too.
  #saveAndTell(text) {
    const saved = this.#saveNow();
    this.notice.show(saved ? text : `${text}注意：${NOT_STORED}。`, saved ? "success" : "warning");
  }

  showUndo() {
    for (const [button, step, verb] of [
      [this.undoButton, this.store.undo, "撤销"],
      [this.redoButton, this.store.redo, "重做"],
    ]) {
      button.hidden = !step;
      if (step) button.textContent = `${verb}${step.action}`;
    }
  }

  #fileName(ext) {
    const title = this.form.title.value || "卓越绩效自评";
    return `${title.replace(/[\\/:*?"<>|]/g, "_")}.${ext}`;
  }
}

// A document with format 1's notes, which the engine converts to comments.
const isVersion1 = (document_) => Boolean(document_ && typeof document_ === "object" && "notes" in document_);

// The same work, whatever the order of keys.
function sameDocument(a, b) {
  const canonical = (value) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical(value[key])]))
      : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
