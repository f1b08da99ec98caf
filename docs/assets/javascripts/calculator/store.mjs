// Keeping the reader's work: an autosave in localStorage (debounced, flushed when the page is
// hidden), an undo history of several steps (every document that something replaced, and what
// replaced it) kept in storage as far as it fits and in memory for the session in any case, a corrupted autosave set aside rather than lost (or, when there is no room for a
// second copy, left where it is and not written over), and another tab's writes noticed instead
// of silently overwritten. While this tab must not write the autosave, it saves to a copy of its
// own, removed once the autosave holds this tab's work again.

const SAVE_DELAY_MS = 300;
// Steps of undo kept; the oldest are dropped first when storage has no room for them all.
const HISTORY_STEPS = 20;

// [{document, action}] as stored, or [] (anything else in storage is not a history of ours)
const steps = (list) =>
  Array.isArray(list) ? list.filter((s) => typeof s?.action === "string" && s.document && typeof s.document === "object") : [];

export class WorkStore {
  // onSaveState(saved: boolean): whether the work on screen is now saved in the browser
  // onOtherTab(document, text): another tab saved a different document (any JSON value)
  constructor(scheme, { onSaveState = () => {}, onOtherTab = () => {} } = {}) {
    this.prefix = `excellence-calculator:${scheme}:`;
    this.tab = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    this.onSaveState = onSaveState;
    this.onOtherTab = onOtherTab;
    const history = this.#read("history"); // {past: [{document, action}], future: […]}
    this.past = steps(history?.past); // the newest last; undo takes it
    this.future = steps(history?.future); // what undo replaced, the newest last; redo takes it
    const [slot] = steps([this.#read("undo")]); // the one undo slot of earlier versions
    if (slot && !history) (slot.undone ? this.future : this.past).push({ document: slot.document, action: slot.action });
    this.#remove("undo");
    this.written = this.#get("current"); // what this tab last wrote (or found) as "current"
    this.paused = false; // another tab's version is in "current" until the reader chose
    this.held = false; // "current" holds a corrupt autosave that could not be set aside
    this.timer = null;
    this.pending = null;
    this.lastSaved = true; // nothing on screen is unsaved until an edit fails to save
    addEventListener("storage", (event) => this.#storage(event));
    addEventListener("pagehide", () => this.flush());
    document.addEventListener("visibilitychange", () => document.hidden && this.flush());
  }

  // The autosave: {document, text}, {corrupt: text} when it is not JSON, or null.
  loadCurrent() {
    const text = this.written;
    if (text === null) return null;
    try {
      return { document: JSON.parse(text), text };
    } catch {
      return { corrupt: text };
    }
  }

  // Keep an autosave the page cannot use under a key of its own; true if that worked. If it
  // did not (no room for a second copy), "current" is the only copy: it stays, and is not
  // written over until release().
  setAside(text) {
    if (!this.#set(`set-aside:${new Date().toISOString()}`, text)) {
      this.held = true;
      return false;
    }
    this.#remove("current");
    this.written = null;
    return true;
  }

  // The reader chose to delete the autosave that could not be set aside.
  release() {
    this.held = false;
    this.#remove("current");
    this.written = null;
  }

  save(document_) {
    this.pending = document_;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), SAVE_DELAY_MS);
  }

  // Write now; returns whether the work on screen is saved in the browser.
  flush() {
    clearTimeout(this.timer);
    if (this.pending === null) return this.lastSaved;
    const text = JSON.stringify(this.pending);
    this.pending = null;
    let saved;
    if (this.paused || this.held) {
      saved = this.#set(`copy:${this.tab}`, JSON.stringify({ savedAt: Date.now(), document: JSON.parse(text) }));
    } else {
      saved = this.#set("current", text);
      if (saved) {
        this.written = text;
        this.#remove(`copy:${this.tab}`); // the work is where it belongs again
      }
    }
    this.lastSaved = saved;
    this.onSaveState(saved);
    return saved;
  }

  // The step undo takes, and the one redo takes (null: none).
  get undo() {
    return this.past.at(-1) ?? null;
  }

  get redo() {
    return this.future.at(-1) ?? null;
  }

  // Keep the work about to be replaced where undo reaches it; true if it is in storage too
  // (else it lives only as long as this page).
  keep(document_, action) {
    this.past.push({ document: document_, action });
    this.past.splice(0, this.past.length - HISTORY_STEPS);
    this.future = [];
    return this.#saveHistory();
  }

  // Undo (back) or redo (forward): the step taken, its document to be shown; `current` (the work
  // on screen) goes where the opposite step reaches it.
  step(back, current) {
    const [from, to] = back ? [this.past, this.future] : [this.future, this.past];
    const taken = from.pop();
    to.push({ document: current, action: taken.action });
    this.#saveHistory();
    return taken;
  }

  // Store the history, the oldest steps dropped until it fits; true if the newest step that undo
  // takes is stored (what the reader is told about the work just replaced).
  // Each step is written out once (a full storage made this a loop over the whole history).
  #saveHistory() {
    const past = this.past.map((step) => JSON.stringify(step));
    const future = this.future.map((step) => JSON.stringify(step));
    for (let dropped = 0; dropped <= past.length + future.length; dropped += 1) {
      const kept = [past.slice(Math.min(dropped, past.length)), future.slice(Math.max(0, dropped - past.length))];
      if (this.#set("history", `{"past":[${kept[0].join(",")}],"future":[${kept[1].join(",")}]}`)) {
        return dropped < past.length;
      }
    }
    this.#remove("history"); // not even an empty one fits: no stale history for the next visit
    return false;
  }

  // Stop or resume writing "current" (another tab's version is there); the copy goes once
  // "current" holds this tab's work again.
  pause() {
    this.paused = true;
  }

  resume() {
    this.paused = false;
  }

  // Copies left by tabs that disagreed with another and were closed: [{key, savedAt, document}].
  copies() {
    const found = [];
    for (const key of this.#keys()) {
      if (!key.startsWith(`${this.prefix}copy:`) || key.endsWith(this.tab)) continue;
      const copy = this.#read(key.slice(this.prefix.length));
      if (copy?.document) found.push({ key: key.slice(this.prefix.length), ...copy });
    }
    return found;
  }

  drop(key) {
    this.#remove(key);
  }

  // Other things kept for the reader (scenarios, the examiners of a consensus): JSON under the
  // same prefix; writeJSON says whether it was stored.
  readJSON(key) {
    return this.#read(key);
  }

  writeJSON(key, value) {
    return this.#set(key, JSON.stringify(value));
  }

  #storage(event) {
    if (event.key !== `${this.prefix}current` || event.newValue === null) return;
    if (event.newValue === this.written) return;
    let other;
    try {
      other = JSON.parse(event.newValue);
    } catch {
      return; // not JSON; our own next save replaces it
    }
    this.written = event.newValue;
    this.onOtherTab(other, event.newValue);
  }

  #read(key) {
    try {
      return JSON.parse(this.#get(key));
    } catch {
      return null;
    }
  }

  #get(key) {
    try {
      return localStorage.getItem(this.prefix + key);
    } catch {
      return null; // storage blocked
    }
  }

  #set(key, text) {
    try {
      localStorage.setItem(this.prefix + key, text);
      return true;
    } catch {
      return false; // full or blocked
    }
  }

  #remove(key) {
    try {
      localStorage.removeItem(this.prefix + key);
    } catch {
      // blocked: nothing was stored either
    }
  }

  #keys() {
    try {
      return Object.keys(localStorage);
    } catch {
      return [];
    }
  }
}
