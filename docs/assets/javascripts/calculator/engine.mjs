// Client of the Python engine's worker: request(type, payload) → Promise of the result.
// The worker starts at once; requests made while Python loads are answered when it is ready.

const STAGES = {
  runtime: "正在加载 Python 运行环境……",
  package: "正在加载评分引擎……",
  ready: "评分引擎已就绪。",
};

export class EngineError extends Error {
  constructor(error, fatal = false) {
    super(error.message);
    this.problems = error.problems || [];
    this.fatal = fatal;
  }
}

export class Engine {
  constructor({ onProgress, onFailure }) {
    this.pending = new Map();
    this.nextId = 1;
    this.worker = new Worker(new URL("./worker.mjs", import.meta.url), { type: "module" });
    this.worker.onmessage = ({ data }) => {
      if (data.type === "progress") return onProgress(data.stage, STAGES[data.stage]);
      if (data.type === "failed") return this.fail(data.message, onFailure);
      const waiting = this.pending.get(data.id);
      if (!waiting) return;
      this.pending.delete(data.id);
      if (data.ok) waiting.resolve(data.result);
      else waiting.reject(new EngineError(data.error, Boolean(data.fatal)));
    };
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.fail(event.message || "评分引擎脚本无法运行", onFailure);
    };
  }

  request(type, payload) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, type, payload });
    });
  }

  fail(message, onFailure) {
    for (const { reject } of this.pending.values()) {
      reject(new EngineError({ message }, true));
    }
    this.pending.clear();
    onFailure(message);
  }
}
