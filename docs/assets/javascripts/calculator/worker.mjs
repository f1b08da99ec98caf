// The calculator's Python engine in a module Web Worker (Pyodide 314 runs only in module workers).
//
// Protocol, plain JSON both ways (never a PyProxy):
//   page → worker  {id, type, payload}      type: "scheme" | "parse" | "score" | "export"
//   worker → page  {id, ok, result | error}  and, unasked, {type: "progress", stage} while loading
// Requests that arrive before Python is ready wait for it; each reply carries its request's id.

import { loadPyodide } from "../../pyodide/pyodide.mjs";

const progress = (stage) => postMessage({ type: "progress", stage });

async function start() {
  progress("runtime");
  const pyodide = await loadPyodide({
    // absolute URLs: loadPyodide cannot resolve relative ones inside a worker
    indexURL: new URL("../../pyodide/", import.meta.url).href,
  });
  progress("package");
  await pyodide.loadPackage("calculator", { messageCallback: () => {}, errorCallback: () => {} });
  const handle = pyodide.pyimport("calculator.browser").handle;
  progress("ready");
  return handle;
}

const engine = start();

onmessage = async ({ data }) => {
  const { id, type, payload } = data;
  try {
    const handle = await engine;
    const reply = JSON.parse(handle(JSON.stringify({ type, payload })));
    postMessage({ id, ...reply });
  } catch (error) {
    postMessage({ id, ok: false, fatal: true, error: { message: String(error), problems: [] } });
  }
};

engine.catch((error) => postMessage({ type: "failed", message: String(error) }));
// A failed download inside Pyodide's loader can surface only as an unhandled rejection.
addEventListener("unhandledrejection", (event) =>
  postMessage({ type: "failed", message: String(event.reason) }),
);
