// Shared DOM and file helpers of the calculator's modules (and of the practice page's): elements
// with text (user-written text only ever goes in as text), sentences with their places filled,
// the engine's display blocks placed as they come, the words rendered into the page at build time
// from Python (calculator/service.py page_words), and files read as UTF-8.

// An element with a class and text.
export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// A sentence of the page's words with its {name} places filled in.
export function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
}

export function row(cell, texts) {
  const tr = element("tr");
  tr.append(...texts.map((text) => element(cell, "", text)));
  return tr;
}

// The engine's display blocks (calculator/compare.py, consensus.py): each a headline, a note, a
// heading with a table, a list or a sentence. Every text is finished in Python.
export function display(blocks) {
  return blocks.flatMap((block) => {
    const out = [];
    if (block.headline) out.push(element("p", "calc-team__headline", block.headline));
    if (block.note) out.push(element("p", "calc-team__note", block.note));
    if (block.heading) out.push(element("h4", "", block.heading));
    if (block.text) out.push(element("p", "", block.text));
    if (block.list) {
      const list = element("ol");
      list.append(...block.list.map((text) => element("li", "", text)));
      out.push(list);
    }
    if (block.columns) {
      const table = element("table");
      table.append(row("th", block.columns), ...block.rows.map((cells) => row("td", cells)));
      out.push(table);
    }
    return out;
  });
}

let pageWords = null;

// The page's words from Python, rendered at build time (overrides/partials/calculator/app.html).
export function words() {
  pageWords ??= JSON.parse(document.getElementById("calc-words").textContent);
  return pageWords;
}

// A file handed to the reader: `content` a text, or a Blob (which keeps its own type).
export function download(name, content, type) {
  const url = URL.createObjectURL(content instanceof Blob ? content : new Blob([content], { type }));
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export class NotUtf8 extends Error {}

// A file's text, or NotUtf8 when it is not UTF-8.
export async function readText(file) {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    throw new NotUtf8(file.name);
  }
}

// The examiner's tools' files, each read and checked by the engine: [{file, document}], or null
// (and a message naming the file) on the first that is not a valid assessment; the labels are the
// engine's (calculator/service.py).
export async function readDocuments(files, { engine, notice, what }) {
  const entries = [];
  for (const file of files) {
    let why;
    try {
      const document_ = await engine.request("parse", { text: await readText(file) });
      entries.push({ file: file.name, document: document_ });
      continue;
    } catch (error) {
      if (error instanceof NotUtf8) why = "不是 UTF-8 编码的文本";
      else why = error.unavailable ? `评分引擎不可用（${error.message}）` : error.message;
    }
    notice.show(`文件“${file.name}”无效：${why}。未导入${what}，当前评分未作改动。`, "error");
    return null;
  }
  return entries;
}
