// The engine's memory snapshot as the site stores it: the interpreter's memory (31 MB, half of it
// pages of zeros) with the zero pages left out. Written at build time by
// build_scripts/snapshot.mjs, read by the worker; smaller to send and to read from the cache.
//
//   "SPRS" | u32 page size | u32 length | u32 pages kept | u32 index × kept | the kept pages
// (little-endian; the last page may be short)

const MAGIC = 0x53525053; // "SPRS"
export const PAGE = 65536;

export function pack(memory) {
  const kept = [];
  for (let start = 0; start < memory.length; start += PAGE) {
    const page = memory.subarray(start, start + PAGE);
    if (page.some((byte) => byte !== 0)) kept.push(start / PAGE);
  }
  const header = 16 + 4 * kept.length;
  const lastPage = Math.floor((memory.length - 1) / PAGE);
  const size = (index) => (index === lastPage ? memory.length - index * PAGE : PAGE);
  const packed = new Uint8Array(header + kept.reduce((sum, index) => sum + size(index), 0));
  const view = new DataView(packed.buffer);
  [MAGIC, PAGE, memory.length, kept.length].forEach((value, n) => view.setUint32(4 * n, value, true));
  let offset = header;
  kept.forEach((index, n) => {
    view.setUint32(16 + 4 * n, index, true);
    packed.set(memory.subarray(index * PAGE, index * PAGE + size(index)), offset);
    offset += size(index);
  });
  return packed;
}

export function unpack(packed) {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  if (packed.byteLength < 16 || view.getUint32(0, true) !== MAGIC) throw new Error("不是快照文件");
  const [page, length, count] = [1, 2, 3].map((n) => view.getUint32(4 * n, true));
  const memory = new Uint8Array(length);
  let offset = 16 + 4 * count;
  for (let n = 0; n < count; n++) {
    const start = view.getUint32(16 + 4 * n, true) * page;
    const size = Math.min(page, length - start);
    if (offset + size > packed.byteLength) throw new Error("快照文件不完整");
    memory.set(packed.subarray(offset, offset + size), start);
    offset += size;
  }
  if (offset !== packed.byteLength) throw new Error("快照文件长度不符");
  return memory;
}

// The snapshot's manifest, if the snapshot was made for this Pyodide.
export async function fetchManifest(indexURL, version) {
  const response = await fetch(new URL("snapshot.json", indexURL));
  if (!response.ok) throw new Error(`snapshot.json: HTTP ${response.status}`);
  const manifest = await response.json();
  if (manifest.pyodide !== version) {
    throw new Error(`snapshot made for Pyodide ${manifest.pyodide}, this is ${version}`);
  }
  return manifest;
}

// The interpreter's memory, as loadPyodide({_loadSnapshot}) takes it.
export async function fetchMemory(indexURL, manifest) {
  const file = await fetch(new URL(manifest.file, indexURL));
  if (!file.ok) throw new Error(`${manifest.file}: HTTP ${file.status}`);
  const memory = unpack(new Uint8Array(await file.arrayBuffer()));
  if (memory.length !== manifest.bytes) throw new Error(`${manifest.file}: length differs`);
  return memory;
}
