// The calculator's Python engine in a module Web Worker (Pyodide 314 runs only in module workers).
// It relays requests to calculator.service.handle, JSON text in and out; see protocol.mjs.
//
// It boots from the memory snapshot made at build time (build_scripts/snapshot.mjs): Python with
// the engine already imported, restored in ~0.3 s instead of started in ~2 s. If the snapshot is
// missing, was made for another Pyodide, does not restore or answers its probe wrongly, it boots
// the normal way — as it always does when the page's client restarts it (worker.mjs?normal),
// in case the snapshot was what broke.

import { loadPyodide, version } from "../../pyodide/pyodide.mjs";
import { firstProblem, problem, WASM_POLICY } from "../hosting/server.js";
import { Message } from "./protocol.mjs";
import { fetchManifest, fetchMemory } from "./snapshot.mjs";

// absolute URLs: loadPyodide cannot resolve relative ones inside a worker
const indexURL = new URL("../../pyodide/", import.meta.url).href;
const quiet = { stdout: () => {}, stderr: () => {} };
let abandonSnapshot = null; // while the snapshot is tried: give up on it (see below)

// Pyodide's loader does not fail when one of its own files cannot be downloaded: it waits until the
// page's 60 s watchdog. Every file the runtime cannot start without is watched here, so that a
// blocked, missing or refused one (or a .wasm of another type than application/wasm) fails the
// start at once, naming the file, the server's answer and what to change (hosting/server.js).
// (The snapshot's files are not among them: without those, Python starts the normal way.)
const RUNTIME_FILE = /\/(pyodide\.asm\.wasm|python_stdlib\.zip|pyodide-lock\.json|[^/]+\.whl)$/;
let runtimeFailed;
const runtimeFailure = new Promise((_, reject) => (runtimeFailed = reject));
runtimeFailure.catch(() => {}); // raced against each start below
const download = globalThis.fetch.bind(globalThis);
globalThis.fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input), indexURL);
  const file = RUNTIME_FILE.exec(url.pathname)?.[1];
  let response;
  try {
    response = await download(input, init);
  } catch (error) {
    if (file) runtimeFailed(`评分引擎的文件 ${file} 无法下载（${error}）`);
    throw error;
  }
  const found = file && problem(url.href, response);
  if (found) runtimeFailed(found);
  return response;
};

async function fromSnapshot() {
  if (new URL(import.meta.url).searchParams.has("normal")) throw new Error("a restart");
  // A snapshot that breaks the runtime may surface only as an unhandled rejection.
  const abandoned = new Promise((_, reject) => (abandonSnapshot = reject));
  const manifest = fetchManifest(indexURL, version);
  const memory = manifest.then((found) => fetchMemory(indexURL, found));
  // no snapshot (a 404, say) is the expected fallback: handled here, never an uncaught error
  const noSnapshot = memory.then(() => new Promise(() => {}));
  let pyodide;
  try {
    pyodide = await Promise.race([
      loadPyodide({ indexURL, _loadSnapshot: memory, ...quiet }),
      abandoned,
      runtimeFailure,
      noSnapshot,
    ]);
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
  const pyodide = await Promise.race([loadPyodide({ indexURL, ...quiet }), runtimeFailure]);
  postMessage(Message.progress("package"));
  const quietly = { messageCallback: () => {}, errorCallback: () => {} };
  await Promise.race([pyodide.loadPackage("gov-excellence-calculator", quietly), runtimeFailure]);
  return pyodide.pyimport("calculator.service").handle;
}

async function start() {
  let handle;
  try {
    handle = await fromSnapshot();
  } catch (error) {
    // A runtime file that failed fails the normal way too (the page's client restarts the worker
    // once, and then reports the failure): no second wait for it here.
    await Promise.race([runtimeFailure, Promise.resolve()]);
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

// The runtime's own module (imported by pyodide.mjs, not fetched) fails as a bare "failed to
// fetch a module", and a file Pyodide fetched itself as "request failed": the server's answer
// for each of the runtime's files says which and why.
const RUNTIME_FILES = ["pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"];
const explained = async (error) =>
  (await firstProblem(RUNTIME_FILES.map((name) => new URL(name, indexURL).href))) ?? String(error);

const engine = webAssemblyAllowed() ? start() : Promise.reject(WASM_POLICY);
engine.catch(async (error) => postMessage(Message.failed(await explained(error))));
// A failed download inside Pyodide's loader can surface only as an unhandled rejection.
addEventListener("unhandledrejection", (event) => {
  event.preventDefault(); // handled: a fallback, or the failure reported once
  if (abandonSnapshot) abandonSnapshot(event.reason);
  else explained(event.reason).then((why) => postMessage(Message.failed(why)));
});

// Python's code runs in V8's baseline tier until it has run enough to be compiled again, fully
// optimised: a reader's first dozen changes took two to five times as long as later ones. So while
// the worker is idle it replays the page's latest score and feedback requests (replies dropped),
// one call per task so that a real request never waits for more than one of them.
const WARM_CALLS = 120; // about 0.3 s of the worker's time, once
const WARMED = new Set(["score", "feedback"]);
const latestOf = new Map(); // request name → its latest request, as JSON text
let warmCalls = 0;
let warming = null;

function warmSoon(handle) {
  if (warming === null && warmCalls < WARM_CALLS) warming = setTimeout(() => warm(handle), 0);
}

function warm(handle) {
  warming = null;
  for (const text of latestOf.values()) handle(text);
  warmCalls += latestOf.size;
  warmSoon(handle);
}

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
    const text = JSON.stringify({ type: data.name, payload: data.payload });
    reply = JSON.parse(handle(text));
    if (WARMED.has(data.name) && warmCalls < WARM_CALLS) latestOf.set(data.name, text);
  } catch (error) {
    postMessage(Message.failed(error));
    return;
  }
  postMessage(Message.reply(data.id, reply));
  if (latestOf.size) warmSoon(handle);
};
