// The page's side of the engine: start the worker, send requests, get replies — and survive a
// worker that never starts, dies or hangs. The page and the browser tests both use this client.
//
//   const engine = new EngineClient({ onStatus });
//   const result = await engine.request("score", { document });   // EngineError if refused
//
// onStatus(state, text) reports, in order: "loading" (with each stage's text), "ready", and
// later perhaps "restarting" (a worker stopped answering; a new one is starting and what the old
// one left unanswered is sent again), "ready" again, or "failed" — exactly once, for good.
// A first worker that cannot start (a snapshot that hangs or crashes the runtime, say) is
// replaced once by one that starts Python the normal way (worker.mjs?normal) before giving up;
// every later restart starts the normal way too, in case the snapshot was what broke.

import { firstProblem, WORKER_MODULES } from "../hosting/server.js";
import { Message, STAGES } from "./protocol.mjs";

export class EngineError extends Error {
  constructor(message, { problems = [], unavailable = false } = {}) {
    super(message);
    this.problems = problems;
    // true: the engine could not answer at all (not: it refused the input); already reported
    this.unavailable = unavailable;
  }
}

const LIMITS = {
  bootMs: 60_000, // past this, loading has failed (a blocked download may never settle)
  requestMs: 5_000, // a ready engine answers in milliseconds; past this it is stuck
  restarts: 2, // consecutive restarts with no reply in between, before giving up
  attempts: 2, // workers a request may be sent to: a request that hangs two is refused
};

export class EngineClient {
  // adopt: a worker started earlier by boot.js, {worker, messages, error};
  // startAfter: a promise to wait for before starting one (requests wait with it)
  constructor({ onStatus = () => {}, workerURL, adopt = null, startAfter = null, ...limits } = {}) {
    this.onStatus = onStatus;
    this.url = new URL(workerURL ?? "./worker.mjs", import.meta.url);
    this.limits = { ...LIMITS, ...limits };
    this.pending = new Map(); // id → {name, payload, resolve, reject, attempts, timer}
    this.nextId = 1;
    this.state = "loading";
    this.everReady = false;
    this.restarts = 0;
    this.worker = null;
    if (adopt || !startAfter) this.#spawn(adopt);
    else {
      const start = () => {
        if (this.state !== "failed") this.#spawn(); // (not if terminated meanwhile)
      };
      startAfter.then(start, start);
    }
  }

  /**
   * The raw reply of calculator.service.handle: {ok: true, result} or {ok: false, error}.
   * @template {import("./protocol.mjs").RequestName} N
   * @param {N} name
   * @param {import("./protocol.mjs").Requests[N]["payload"]} payload
   * @returns {Promise<{ok: true, result: import("./protocol.mjs").Requests[N]["result"]}
   *   | {ok: false, error: import("./protocol.mjs").EngineRefusal}>}
   */
  reply(name, payload = {}) {
    if (this.state === "failed") {
      return Promise.reject(new EngineError(this.failure, { unavailable: true }));
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const request = { name, payload, resolve, reject, attempts: 0, timer: null };
      this.pending.set(id, request);
      this.#send(id, request);
    });
  }

  /**
   * The result, or an EngineError carrying the engine's message and problems.
   * @template {import("./protocol.mjs").RequestName} N
   * @param {N} name
   * @param {import("./protocol.mjs").Requests[N]["payload"]} payload
   * @returns {Promise<import("./protocol.mjs").Requests[N]["result"]>}
   */
  async request(name, payload = {}) {
    const reply = await this.reply(name, payload);
    if (reply.ok) return reply.result;
    throw new EngineError(reply.error.message, { problems: reply.error.problems });
  }

  terminate() {
    this.#fail("已关闭");
  }

  #spawn(early = null) {
    const worker = early?.worker ?? new Worker(this.url, { type: "module" });
    this.worker = worker;
    this.ready = false;
    this.bootTimer = setTimeout(
      () => this.#broken(worker, `${this.limits.bootMs / 1000} 秒内未能启动`),
      this.limits.bootMs,
    );
    worker.onmessage = ({ data }) => this.#receive(worker, data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.#scriptFailed(worker, event.message);
    };
    for (const message of early?.messages ?? []) this.#receive(worker, message);
    if (early?.error) this.#scriptFailed(worker, early.error);
    if (worker !== this.worker) return; // replaced already, and the new one has the requests
    for (const [id, request] of this.pending) this.#send(id, request);
  }

  // The worker's script did not run: the browser gives no reason when one of its modules could
  // not be loaded, so the server's answer for each of them is the reason (a 404, a wrong type).
  async #scriptFailed(worker, message) {
    if (typeof message === "string" && message) {
      this.#broken(worker, message);
      return;
    }
    const modules = WORKER_MODULES.map((name) => new URL(name, this.url).href);
    this.#broken(worker, (await firstProblem(modules)) ?? "评分引擎脚本无法运行");
  }

  /** @param {Worker} worker @param {import("./protocol.mjs").WorkerMessage} message */
  #receive(worker, message) {
    if (worker !== this.worker) return; // a replaced worker's last words
    switch (message?.type) {
      case "progress":
        if (this.state === "loading") this.onStatus("loading", STAGES[message.stage] ?? "");
        return;
      case "ready":
        clearTimeout(this.bootTimer);
        this.ready = this.everReady = true;
        this.state = "ready";
        for (const [id, request] of this.pending) this.#time(id, request);
        this.onStatus("ready", "");
        return;
      case "failed":
        this.#broken(worker, message.message);
        return;
      case "reply": {
        const request = this.pending.get(message.id);
        if (!request) return;
        clearTimeout(request.timer);
        this.pending.delete(message.id);
        this.restarts = 0;
        const { type, id, ...reply } = message;
        request.resolve(reply);
        return;
      }
      default:
        throw new Error(`unknown message from the engine's worker: ${JSON.stringify(message)}`);
    }
  }

  #send(id, request) {
    if (request.attempts >= this.limits.attempts) {
      this.pending.delete(id);
      request.reject(new EngineError("评分引擎处理此请求时一再无响应，已放弃", { unavailable: true }));
      return;
    }
    if (!this.worker) return; // not started yet: #spawn sends it
    request.attempts += 1;
    this.worker.postMessage(Message.request(id, request.name, request.payload));
    if (this.ready) this.#time(id, request);
  }

  #time(id, request) {
    clearTimeout(request.timer);
    const worker = this.worker;
    request.timer = setTimeout(
      () => this.#broken(worker, `${this.limits.requestMs / 1000} 秒内没有回应`),
      this.limits.requestMs,
    );
  }

  // The worker died, hung or broke. Before any worker was ever ready, try once more the normal
  // way, then give up. After, start a new one, unless that keeps happening.
  #broken(worker, reason) {
    if (worker !== this.worker || this.state === "failed") return;
    clearTimeout(this.bootTimer);
    for (const request of this.pending.values()) clearTimeout(request.timer);
    worker.terminate();
    const normal = this.url.searchParams.has("normal");
    if (this.everReady ? this.restarts >= this.limits.restarts : normal) {
      this.#fail(reason);
      return;
    }
    this.url = new URL("?normal", this.url);
    if (this.everReady) {
      this.restarts += 1;
      this.state = "restarting";
      this.onStatus("restarting", reason);
    } else {
      this.onStatus("loading", STAGES.runtime);
    }
    this.#spawn();
  }

  #fail(reason) {
    if (this.state === "failed") return;
    clearTimeout(this.bootTimer);
    this.worker?.terminate();
    this.state = "failed";
    this.failure = reason;
    for (const request of this.pending.values()) {
      clearTimeout(request.timer);
      request.reject(new EngineError(reason, { unavailable: true }));
    }
    this.pending.clear();
    this.onStatus("failed", reason);
  }
}
