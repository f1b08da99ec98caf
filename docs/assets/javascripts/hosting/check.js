// The self-check page (部署自检, docs/usage/deploy-check.md), a module named .js (see server.js): in the browser, against the server
// that serves it, checks what build_scripts/hosting.py requires of a server for every file the
// site needs (assets/deploy-check.json, written at build time), the two policies, the sub-path,
// the secure context and the engine's start, and prints a checklist with a fix for each failure.
// The root element's data-state becomes "done"; each item carries data-check and data-result.

import { DATA as DATA_PATH, firstProblem, NEEDED, problem } from "./server.js";

const root = document.querySelector("#deploy-check");
const site = new URL("../../../", import.meta.url); // this file is assets/javascripts/hosting/
const DATA = new URL(DATA_PATH, site);

const FIXES = {
  compression:
    "请为这些类型开启 gzip 压缩——nginx：gzip on; 并在 gzip_types 中列出这些类型；" +
    "Apache：AddOutputFilterByType DEFLATE 加这些类型（mod_deflate）；" +
    "IIS：web.config 的 <httpCompression> 的 <staticTypes> 中加这些类型，并开启 urlCompression 的 doStaticCompression。",
  caching:
    "文件名中带哈希的主题文件（*.xxxxxxxx.min.js、*.min.css）发送 Cache-Control: public, max-age=31536000, immutable，" +
    "其余文件发送 Cache-Control: no-cache——见 deploy/ 中 nginx.conf 的 map、apache.conf 的 FilesMatch、web.config 的 location。",
  page:
    "请按 deploy/ 中的 nginx.conf、apache.conf 或 web.config，为页面发送以下内容安全策略（不要加 'unsafe-inline'、" +
    "'unsafe-eval' 或 'wasm-unsafe-eval'）：",
  worker: "请只为 assets/javascripts/calculator/worker.mjs 发送以下内容安全策略：",
  headers: "请为每个响应加上以下响应头（nginx：add_header … always；Apache：Header always set；IIS：<customHeaders>）：",
  subpath:
    "请让不带末尾斜杠的地址 301 跳转到带斜杠的地址，并把站点自带的 404.html 作为“找不到页面”——" +
    "nginx：location = 子路径 { return 301 子路径/; } 与 error_page 404；Apache：RedirectMatch 301 与 ErrorDocument 404；" +
    "IIS：<httpErrors> 的 404。",
  secure:
    "请用 HTTPS 提供本网站（或只在本机用 localhost 访问）。在不安全的上下文中，浏览器不提供剪贴板 API（分享链接改为选中后复制）" +
    "和 Service Worker（离线缓存）；阅读、搜索和评分计算器照常可用。",
};

const LOOSE = ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*"];

function directives(value) {
  const found = {};
  for (const part of (value ?? "").split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name && !name.startsWith("report-")) found[name.toLowerCase()] = sources;
  }
  return found;
}

// How a policy sent differs from the one required: one phrase per directive, none if equal.
function policyDifferences(sent, wanted, forbidden) {
  const got = directives(sent);
  const differences = [];
  if (!sent) return ["没有发送 Content-Security-Policy"];
  for (const [name, sources] of Object.entries(directives(wanted))) {
    const has = got[name];
    if (!has) differences.push(`缺少 ${name} ${sources.join(" ")}`);
    else if (has.join(" ") !== sources.join(" ")) differences.push(`${name} 为 ${has.join(" ")}，应为 ${sources.join(" ")}`);
  }
  for (const [name, sources] of Object.entries(got)) {
    for (const source of sources.filter((s) => forbidden.includes(s))) differences.push(`${name} 中不应有 ${source}`);
  }
  return differences;
}

async function head(url) {
  return fetch(url, { method: "HEAD", cache: "no-store" });
}

// a pool of `width` requests at a time, in the files' order
async function each(items, width, work) {
  const results = new Array(items.length);
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const n = next++;
      results[n] = await work(items[n]);
    }
  };
  await Promise.all(Array.from({ length: width }, run));
  return results;
}

const extensionOf = (path) => (path.split("/").pop().includes(".") ? path.split(".").pop().toLowerCase() : "");

async function checkFiles(data) {
  const { types, javascript, compressed, compress_min: compressMin, hashed, cache_hashed: cacheHashed } =
    data.requirements;
  const files = [...data.authored.map((f) => ({ ...f, authored: true })), ...data.generated];
  const answers = await each(files, 6, async (file) => {
    try {
      return { file, response: await head(new URL(file.path, site)) };
    } catch (error) {
      return { file, error: String(error) };
    }
  });
  const broken = [];
  const uncompressed = new Set();
  const unzipped = [];
  const badCache = [];
  for (const { file, response, error } of answers) {
    const url = new URL(file.path, site).href;
    if (error) {
      broken.push(`${file.path}：无法下载（${error}）`);
      continue;
    }
    const extension = extensionOf(file.path);
    const wanted = types[extension];
    const allowed = NEEDED[extension] ?? (wanted && (javascript.includes(wanted) ? javascript : [wanted]));
    const found = problem(url, response, allowed);
    if (found) {
      broken.push(`${file.path}（${file.authored ? "网站内容" : "构建生成"}）：${found}`);
      continue;
    }
    if (wanted && compressed.includes(wanted) && file.size >= compressMin && !response.headers.get("content-encoding")) {
      uncompressed.add(wanted);
      unzipped.push(file.path);
    }
    const cache = new RegExp(hashed).test(file.path) ? cacheHashed : data.requirements.cache_other;
    const sent = response.headers.get("cache-control");
    if (sent !== cache) badCache.push(`${file.path}：Cache-Control 为 ${sent ?? "（无）"}，应为 ${cache}`);
  }
  const count = files.length;
  const authored = data.authored.length;
  return [
    {
      check: "files",
      title: "网站需要的每个文件：能下载，类型正确",
      ok: !broken.length,
      detail: `共 ${count} 个文件（网站内容 ${authored} 个，构建生成 ${count - authored} 个）${broken.length ? `，${broken.length} 个有问题：` : "，全部正常。"}`,
      problems: broken,
    },
    {
      check: "compression",
      title: "压缩（gzip）",
      ok: !unzipped.length,
      detail: unzipped.length
        ? `${unzipped.length} 个文件没有压缩，类型：${[...uncompressed].join("、")}。${FIXES.compression}`
        : "需要压缩的文件都已压缩。",
      problems: unzipped,
    },
    {
      check: "caching",
      title: "缓存（Cache-Control）",
      ok: !badCache.length,
      detail: badCache.length ? FIXES.caching : "带哈希的主题文件缓存一年，其余文件每次使用前向服务器确认。",
      problems: badCache,
    },
  ];
}

async function checkHeaders(data) {
  const page = await head(location.href);
  const worker = await head(new URL(data.requirements.worker, site));
  const pagePolicy = policyDifferences(page.headers.get("content-security-policy"), data.requirements.csp_page, [
    ...LOOSE,
    "'wasm-unsafe-eval'",
  ]);
  const workerPolicy = policyDifferences(worker.headers.get("content-security-policy"), data.requirements.csp_worker, LOOSE);
  const wanted = { ...data.requirements.headers, ...(location.protocol === "https:" ? data.requirements.https_headers : {}) };
  const missing = Object.entries(wanted)
    .filter(([name, value]) => page.headers.get(name) !== value)
    .map(([name, value]) => `${name}: ${value}（现为 ${page.headers.get(name) ?? "无"}）`);
  return [
    {
      check: "csp-page",
      title: "页面的内容安全策略（严格，不允许 WebAssembly）",
      ok: !pagePolicy.length,
      detail: pagePolicy.length ? `${FIXES.page}${data.requirements.csp_page}` : "与参考配置一致。",
      problems: pagePolicy,
    },
    {
      check: "csp-worker",
      title: "评分引擎 worker.mjs 的内容安全策略（只有它允许 'wasm-unsafe-eval'）",
      ok: !workerPolicy.length,
      detail: workerPolicy.length ? `${FIXES.worker}${data.requirements.csp_worker}` : "与参考配置一致。",
      problems: workerPolicy,
    },
    {
      check: "headers",
      title: "其他安全响应头",
      ok: !missing.length,
      detail: missing.length ? FIXES.headers : "都已发送。",
      problems: missing,
    },
  ];
}

async function checkSubpath() {
  const path = site.pathname;
  const problems = [];
  const home = await fetch(site, { cache: "no-store" });
  if (!home.ok) problems.push(`首页 ${path} 答复 ${home.status}`);
  if (path !== "/") {
    const bare = await fetch(site.href.replace(/\/$/, ""), { cache: "no-store" });
    if (!bare.redirected || bare.url !== site.href) problems.push(`${path.replace(/\/$/, "")}（不带斜杠）没有跳转到 ${path}`);
  }
  const missing = await fetch(new URL("deploy-check-no-such-page/", site), { cache: "no-store" });
  if (missing.status !== 404) problems.push(`不存在的页面答复 ${missing.status}，应为 404`);
  else if (!(await missing.text()).includes("md-content")) problems.push("不存在的页面没有显示网站自带的 404.html");
  return {
    check: "subpath",
    title: `子路径：网站位于 ${path}`,
    ok: !problems.length,
    detail: problems.length ? FIXES.subpath : "首页、跳转和“找不到页面”都正常。",
    problems,
  };
}

function checkSecure() {
  return {
    check: "secure",
    title: "安全上下文（isSecureContext）",
    ok: isSecureContext ? true : "warn",
    detail: isSecureContext ? "是：浏览器的全部功能可用。" : `否（${location.protocol}//${location.host}）。${FIXES.secure}`,
    problems: [],
  };
}

// the engine's client is a .mjs module: when it cannot be imported, the server's answer says why
async function checkEngine(data) {
  const started = performance.now();
  const client = new URL("assets/javascripts/calculator/client.mjs", site).href;
  let EngineClient;
  try {
    ({ EngineClient } = await import(client));
  } catch (error) {
    const why = (await firstProblem([client])) ?? String(error);
    return { check: "engine", title: "评分引擎能否启动", ok: false, detail: `未能启动：${why}`, problems: [] };
  }
  return new Promise((resolve) => {
    const engine = new EngineClient({
      workerURL: new URL(data.requirements.worker, site).href,
      onStatus: (state, text) => {
        if (state !== "ready" && state !== "failed") return;
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        resolve({
          check: "engine",
          title: "评分引擎能否启动",
          ok: state === "ready",
          detail: state === "ready" ? `${seconds} 秒内启动。` : `未能启动：${text}`,
          problems: [],
        });
        engine.terminate();
      },
    });
  });
}

function render(results) {
  const list = document.createElement("ol");
  list.className = "deploy-check__list";
  for (const result of results) {
    const item = document.createElement("li");
    item.dataset.check = result.check;
    item.dataset.result = result.ok === true ? "pass" : result.ok === "warn" ? "warn" : "fail";
    const mark = { pass: "✓ 通过", warn: "！注意", fail: "✗ 未通过" }[item.dataset.result];
    const title = document.createElement("strong");
    title.textContent = `${mark}：${result.title}`;
    const detail = document.createElement("p");
    detail.textContent = result.detail;
    item.append(title, detail);
    if (result.problems.length) {
      const problems = document.createElement("ul");
      problems.append(
        ...result.problems.map((text) => {
          const line = document.createElement("li");
          line.textContent = text;
          return line;
        }),
      );
      item.append(problems);
    }
    list.append(item);
  }
  const failed = results.filter((r) => r.ok === false).length;
  const summary = document.createElement("p");
  summary.className = "deploy-check__summary";
  summary.textContent = failed ? `${failed} 项未通过，修改方法见各项说明。` : "全部通过。";
  root.replaceChildren(summary, list);
  root.dataset.failed = String(failed);
  root.dataset.state = "done";
}

async function main() {
  let data;
  try {
    const response = await fetch(DATA, { cache: "no-store" });
    const found = problem(DATA.href, response, ["application/json"]);
    if (found) throw new Error(found);
    data = await response.json();
  } catch (error) {
    render([{ check: "data", title: "自检数据 assets/deploy-check.json", ok: false, detail: String(error.message ?? error), problems: [] }]);
    return;
  }
  const engine = checkEngine(data); // meanwhile
  const results = [...(await checkFiles(data)), ...(await checkHeaders(data)), await checkSubpath(), checkSecure()];
  results.push(await engine);
  render(results);
}


main();
