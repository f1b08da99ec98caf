// The calculator's Python engine in a module Web Worker (Pyodide 314 runs only in module workers).
// It relays requests to calculator.service.handle, JSON text in and out; see protocol.mjs.
//
// It boots from the memory snapshot made at build time (build_scripts/snapshot.mjs): Python with
// the engine already imported, restored in ~0.3 s instead of started in ~2 s. If the snapshot is
// missing, was made for another Pyodide, does not restore or answers its probe wrongly, it boots
// the normal way — as it always does when the page's client restarts it (worker.mjs?normal),
// in case the snapshot was what broke.

import { loadPyodide, version } from "../../pyodide/pyodide.mjs";
import { Message } from "./protocol.mjs";
import { fetchManifest, fetchMemory } from "./snapshot.mjs";

// absolute URLs: loadPyodide cannot resolve relative ones inside a worker
const indexURL = new URL("../../pyodide/", import.meta.url).href;
const quiet = { stdout: () => {}, stderr: () => {} };
let abandonSnapshot = null; // while the snapshot is tried: give up on it (see below)

async function fromSnapshot() {
  if (new URL(import.meta.url).searchParams.has("normal")) throw new Error("a restart");
  // A snapshot that breaks the runtime may surface only as an unhandled rejection.
  const abandoned = new Promise((_, reject) => (abandonSnapshot = reject));
  const manifest = fetchManifest(indexURL, version);
  const memory = manifest.then((found) => fetchMemory(indexURL, found));
  let pyodide;
  try {
    pyodide = await Promise.race([loadPyodide({ indexURL, _loadSnapshot: memory, ...quiet }), abandoned]);
  } finally {
    abandonSnapshot = null; // from here on, an unhandled rejection is the engine failing
  }
  const handle = pyodide.pyimport("calculator.service").handle;
  const { probe } = await manifest;
  const answer = JSON.parse(handle(JSON.stringify(probe.request)));
  if (JSON.stringify(answer) !== JSON.stringify(probe.reply)) throw new Error("a wrong answer");
  return handle;
}

async function normally() {
  postMessage(Message.progress("runtime"));
  const pyodide = await loadPyodide({ indexURL, ...quiet });
  postMessage(Message.progress("package"));
  await pyodide.loadPackage("gov-excellence-calculator", { messageCallback: () => {}, errorCallback: () => {} });
  return pyodide.pyimport("calculator.service").handle;
}

async function start() {
  let handle;
  try {
    handle = await fromSnapshot();
  } catch (error) {
    console.warn(`calculator: booting without the snapshot (${error})`);
    handle = await normally();
  }
  postMessage(Message.ready());
  return handle;
}

// A server whose Content-Security-Policy does not let this worker compile WebAssembly makes
// Pyodide hang rather than fail; compiling the smallest module tells at once, and whom to ask.
function webAssemblyAllowed() {
  try {
    new WebAssembly.Module(Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00));
    return true;
  } catch {
    return false;
  }
}

const engine = webAssemblyAllowed()
  ? start()
  : Promise.reject(
      "网站的内容安全策略（CSP）不允许评分引擎运行 WebAssembly。" +
        "请网站管理员按 deploy/nginx.conf 为 worker.mjs 的响应加上 script-src 'wasm-unsafe-eval'",
    );
engine.catch((error) => postMessage(Message.failed(error)));
// A failed download inside Pyodide's loader can surface only as an unhandled rejection.
addEventListener("unhandledrejection", (event) => {
  if (abandonSnapshot) abandonSnapshot(event.reason);
  else postMessage(Message.failed(event.reason));
});

/** @param {MessageEvent<import("./protocol.mjs").RequestMessage<import("./protocol.mjs").RequestName>>} event */
onmessage = async ({ data }) => {
  if (data?.type !== "request") return;
  let handle;
  try {
    handle = await engine;
  } catch {
    return; // reported once, as "failed"
  }
  let reply;
  try {
    // handle() never raises for any input: an exception here means the runtime itself broke
    reply = JSON.parse(handle(JSON.stringify({ type: data.name, payload: data.payload })));
  } catch (error) {
    postMessage(Message.failed(error));
    return;
  }
  postMessage(Message.reply(data.id, reply));
};
