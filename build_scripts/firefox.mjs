// Debian's Firefox ESR driven by puppeteer-core over WebDriver BiDi, one command a line.
//
// build_scripts/firefox.py starts this with the browser's path; each line on stdin is a JSON
// command {op, ...}, answered by one JSON line on stdout: {ok: true, value} or {ok: false,
// error}. One browser, one page, for the whole run. Every console error and uncaught page error
// is kept until `errors` collects it.
import readline from "node:readline";
import puppeteer from "puppeteer-core";

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: process.argv[2],
  headless: true,
  defaultViewport: { width: 1280, height: 900 },
});
const page = await browser.newPage();
let errors = [];
page.on("console", (message) => {
  if (message.type() === "error") errors.push(`console: ${message.text()}`);
});
page.on("pageerror", (error) => errors.push(`page: ${error.message ?? error}`));

const ops = {
  goto: ({ url }) => page.goto(url, { waitUntil: "load" }).then(() => null),
  evaluate: ({ expression }) => page.evaluate(expression),
  wait: ({ expression, timeout }) =>
    page.waitForFunction(expression, { timeout, polling: "raf" }).then(() => null),
  click: ({ selector }) => page.click(selector).then(() => null),
  type: ({ selector, text }) => page.type(selector, text).then(() => null),
  upload: async ({ selector, path }) => {
    const input = await page.$(selector);
    if (!input) throw new Error(`no element ${selector}`);
    await input.uploadFile(path);
    return null;
  },
  screenshot: ({ path }) => page.screenshot({ path }).then(() => null),
  errors: () => {
    const found = errors;
    errors = [];
    return found;
  },
};

const send = (reply) => process.stdout.write(JSON.stringify(reply) + "\n");
send({ ok: true, value: await browser.version() });
for await (const line of readline.createInterface({ input: process.stdin })) {
  const command = JSON.parse(line);
  try {
    send({ ok: true, value: (await ops[command.op](command)) ?? null });
  } catch (error) {
    send({ ok: false, error: String(error?.message ?? error) });
  }
}
await browser.close();
