// What the web server answered for a file the site needs, and what IT staff must change, in the
// words of each server (nginx, Apache, IIS). The engine's worker and client use it to name a
// broken file within seconds, boot.js when the calculator's own modules do not load, and the
// self-check page (部署自检) for every file of the site. What each server must send is
// build_scripts/hosting.py's list (tests keep NEEDED equal to it). A module named .js, not .mjs:
// every server's stock types serve .js as JavaScript, so this still loads when .mjs is wrong.

// the browser refuses a module script of another type, and compiles .wasm as it streams in only
// when it is application/wasm
const JAVASCRIPT = ["text/javascript", "application/javascript", "application/x-javascript"];
export const NEEDED = { mjs: JAVASCRIPT, js: JAVASCRIPT, wasm: ["application/wasm"] };

// The modules the engine's worker imports before it runs a line: if one fails, the worker never
// starts and the browser says only that it failed (tests keep this equal to worker.mjs's imports).
export const WORKER_MODULES = ["worker.mjs", "protocol.mjs", "snapshot.mjs", "../hosting/server.js", "../../pyodide/pyodide.mjs"];

export const fileName = (url) => decodeURIComponent(new URL(url).pathname.split("/").pop());
const extensionOf = (name) => (name.includes(".") ? name.split(".").pop().toLowerCase() : "");
export const mediaType = (response) => (response.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();

/** How to give files of `extension` the type `type`, on each server. */
export function typeFix(extension, type) {
  return (
    `nginx：types { ${type} ${extension}; }；Apache：AddType ${type} .${extension}；` +
    `IIS（web.config）：<mimeMap fileExtension=".${extension}" mimeType="${type}" />`
  );
}

/**
 * What is wrong with the server's answer for `url` (a Response), as a sentence naming the file,
 * what the server answered and what to change; null when nothing is. `types`: the types the
 * file's extension may have (NEEDED's by default; none: any).
 */
export function problem(url, response, types = NEEDED[extensionOf(fileName(url))]) {
  const file = fileName(url);
  const extension = extensionOf(file);
  const type = types?.[0] ?? "application/octet-stream";
  if (response.status === 404) {
    return (
      `服务器找不到文件 ${file}（答复 404）。请确认网站文件已完整复制到服务器；` +
      `IIS 对没有登记类型的扩展名也答复 404，须在 web.config 中登记：` +
      `<mimeMap fileExtension=".${extension}" mimeType="${type}" />`
    );
  }
  if (response.status === 403) {
    return `服务器拒绝提供文件 ${file}（答复 403）。请让网站进程能读取网站文件夹中的全部文件（检查文件权限和访问规则）。`;
  }
  if (!response.ok) return `服务器未能提供文件 ${file}（答复 ${response.status}）。请查看服务器的错误日志。`;
  const got = mediaType(response);
  if (types && !types.includes(got)) {
    return `服务器发送文件 ${file} 时的类型为 ${got || "（无）"}，浏览器要求 ${type}。请为 .${extension} 文件设置类型 ${type}——${typeFix(extension, type)}`;
  }
  return null;
}

/** The first problem among `urls` (HEAD requests, in order), or null. */
export async function firstProblem(urls) {
  for (const url of urls) {
    let response;
    try {
      response = await fetch(url, { method: "HEAD", cache: "no-store" });
    } catch (error) {
      return `文件 ${fileName(url)} 无法下载（${error}）`;
    }
    const found = problem(url, response);
    if (found) return found;
  }
  return null;
}

export const WASM_POLICY =
  "网站的内容安全策略（CSP）不允许评分引擎运行 WebAssembly。请网站管理员只为 worker.mjs 的响应发送 " +
  "script-src 'self' 'wasm-unsafe-eval'（deploy/ 中的 nginx.conf、apache.conf 和 web.config 都已写好）";

// the list of the site's files, written at build time (build_scripts/hooks/deploy_check.py)
export const DATA = "assets/deploy-check.json";

/** The first problem among the site's files whose path starts with `prefix` (`site`: the root). */
export async function firstProblemUnder(site, prefix) {
  const response = await fetch(new URL(DATA, site), { cache: "no-store" });
  const found = problem(new URL(DATA, site).href, response, ["application/json"]);
  if (found) return found;
  const data = await response.json();
  const paths = [...data.authored, ...data.generated].map((file) => file.path).filter((path) => path.startsWith(prefix));
  return firstProblem(paths.map((path) => new URL(path, site).href));
}

export const pageCodeFailed = (why) => `评分计算器的程序无法载入：${why}`;
// the self-check page (docs/usage/deploy-check.md), offered wherever the engine cannot start
export const SELF_CHECK = {
  label: "部署自检（供网站管理员）",
  href: new URL("../../../usage/deploy-check/", import.meta.url).href,
};
