import { loadPyodide, version } from "../assets/pyodide/pyodide.mjs";
import { fetchSnapshot } from "../assets/javascripts/calculator/snapshot.mjs";

const indexURL = new URL("../assets/pyodide/", import.meta.url).href;
const pyodide = await loadPyodide({ indexURL, _loadSnapshot: fetchSnapshot(indexURL, version) });
postMessage(pyodide.pyimport("calculator.browser").handle('{"type": "scheme"}').length);
