import { loadPyodide, version } from "../assets/pyodide/pyodide.mjs";
import { fetchManifest, fetchMemory } from "../assets/javascripts/calculator/snapshot.mjs";

const indexURL = new URL("../assets/pyodide/", import.meta.url).href;
const memory = fetchManifest(indexURL, version).then((manifest) => fetchMemory(indexURL, manifest));
const pyodide = await loadPyodide({ indexURL, _loadSnapshot: memory });
postMessage(pyodide.pyimport("calculator.service").handle('{"type": "scheme"}').length);
