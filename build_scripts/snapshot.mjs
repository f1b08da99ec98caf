// Make the calculator engine's memory snapshot at build time (called by the pyodide_runtime
// hook): boot the site's own copy of Pyodide in Node, put our wheel's files into site-packages,
// import calculator.service and run every kind of request once (so what they import is in
// memory), then save the interpreter's memory. Readers' browsers restore it instead of starting
// Python (~0.3 s instead of ~2 s). The snapshot is then restored in a fresh runtime here and
// must answer the probe requests exactly as CPython did, or the build fails.
//
//   node build_scripts/snapshot.mjs RUNTIME_DIR WHEEL PROBES.json
//
// PROBES.json: [{request, reply}] — requests for calculator.service.handle and CPython's replies.
// Writes RUNTIME_DIR/snapshot.bin (the memory with its zero pages left out, see
// docs/assets/javascripts/calculator/snapshot.mjs) and RUNTIME_DIR/snapshot.json, the manifest the
// worker checks. A server that compresses sends it as ~6 MB; the browser caches it decoded, so
// a second visit reads it without inflating it.

import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [runtimeDir, wheelPath, probesPath] = process.argv.slice(2).map((p) => resolve(p));
const { loadPyodide, version } = await import(pathToFileURL(join(runtimeDir, "pyodide.mjs")).href);
const format = new URL("../docs/assets/javascripts/calculator/snapshot.mjs", import.meta.url);
const { pack, unpack } = await import(format.href);
const indexURL = `${runtimeDir}/`;
const probes = JSON.parse(readFileSync(probesPath, "utf-8"));
const quiet = { stdout: () => {}, stderr: () => {} };

const pyodide = await loadPyodide({ indexURL, _makeSnapshot: true, ...quiet });
// Not loadPackage: a package loaded that way leaves JS state a snapshot cannot hold
// ("Unexpected hiwire entry", pyodide#5195). Python unpacks the wheel itself.
pyodide.FS.writeFile("/tmp/calculator.whl", readFileSync(wheelPath));
pyodide.globals.set("requests", JSON.stringify(probes.map((probe) => probe.request)));
pyodide.runPython(`
import gc, json, sysconfig, zipfile
zipfile.ZipFile("/tmp/calculator.whl").extractall(sysconfig.get_paths()["purelib"])
import calculator.service
for request in json.loads(requests):
    calculator.service.handle(json.dumps(request))
del requests
gc.collect()
gc.freeze()  # what the snapshot holds is permanent: later collections need not walk it
`);
const snapshot = pyodide.makeMemorySnapshot();

const packed = pack(snapshot);
const restored = await loadPyodide({ indexURL, _loadSnapshot: unpack(packed), ...quiet });
const handle = restored.pyimport("calculator.service").handle;
for (const { request, reply } of probes) {
  const answer = JSON.parse(handle(JSON.stringify(request)));
  if (JSON.stringify(answer) !== JSON.stringify(reply)) {
    console.error(`the restored snapshot answers ${JSON.stringify(request).slice(0, 200)}\n` +
      `with ${JSON.stringify(answer).slice(0, 300)}\nCPython: ${JSON.stringify(reply).slice(0, 300)}`);
    process.exit(1);
  }
}

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");
writeFileSync(join(runtimeDir, "snapshot.bin"), packed);
const manifest = {
  // the worker asks this of a restored snapshot before it trusts it
  probe: probes.find(({ request, reply }) => request.type === "score" && reply.ok),
  file: "snapshot.bin",
  bytes: snapshot.length,
  pyodide: version,
  wasm_sha256: sha256(readFileSync(join(runtimeDir, "pyodide.asm.wasm"))),
  wheel_sha256: sha256(readFileSync(wheelPath)),
};
writeFileSync(join(runtimeDir, "snapshot.json"), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(
  `snapshot: ${snapshot.length} bytes, ${packed.length} stored; ` +
    `${probes.length} probes answered as CPython does`,
);
process.exit(0);
