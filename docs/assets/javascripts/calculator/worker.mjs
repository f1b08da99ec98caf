// The calculator's Python engine in a module Web Worker (Pyodide 314 runs only in module workers).
// It relays requests to calculator.browser.handle, JSON text in and out; see protocol.mjs.

import { loadPyodide } from "../../pyodide/pyodide.mjs";
import { Message } from "./protocol.mjs";

async function start() {
  postMessage(Message.progress("runtime"));
  const pyodide = await loadPyodide({
    // absolute URLs: loadPyodide cannot resolve relative ones inside a worker
    indexURL: new URL("../../pyodide/", import.meta.url).href,
  });
  postMessage(Message.progress("package"));
  await pyodide.loadPackage("calculator", { messageCallback: () => {}, errorCallback: () => {} });
  const handle = pyodide.pyimport("calculator.browser").handle;
  postMessage(Message.ready());
  return handle;
}

const engine = start();
engine.catch((error) => postMessage(Message.failed(error)));
// A failed download inside Pyodide's loader can surface only as an unhandled rejection.
addEventListener("unhandledrejection", (event) => postMessage(Message.failed(event.reason)));

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
