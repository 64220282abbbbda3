// The live preview in headless Chromium: a page of `mokuteki serve` reloads by itself after
// the source is saved, shows the change, keeps its scroll position, asks nothing of any other
// host; a broken save shows the error page, and the next good save brings the page back.
//
// Usage: node serve.test.mjs MOKUTEKI_BINARY WORK_DIR. Prints one line per check and
// `N passed, M failed`.

import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { chromium } from "playwright-core";

const [binary, workDir] = process.argv.slice(2).map((p) => resolve(p));
if (!binary || !workDir) {
  console.error("usage: node serve.test.mjs MOKUTEKI_BINARY WORK_DIR");
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

let passed = 0;
let failed = 0;
function check(name, ok, detail = "") {
  if (ok) {
    passed += 1;
    console.log(`ok   ${name}${detail ? ` (${detail})` : ""}`);
  } else {
    failed += 1;
    console.log(`FAIL ${name}${detail ? `: ${detail}` : ""}`);
  }
}

/** Saves as an editor that writes a new file and renames it does. */
function save(path, text) {
  writeFileSync(`${path}.saving`, text);
  renameSync(`${path}.saving`, path);
}

mkdirSync(workDir, { recursive: true });
const source = join(workDir, "purposes.yaml");
copyFileSync("purposes.yaml", source);
const original = readFileSync(source, "utf8");

const server = spawn(binary, ["serve", "--source", source, "--port", "0"], {
  env: { ...process.env, LANG: "C", LC_ALL: "" },
  stdio: ["ignore", "ignore", "pipe"],
});
const lines = createInterface({ input: server.stderr });
const address = await new Promise((done, fail) => {
  lines.on("line", (line) => {
    const found = line.match(/http:\/\/127\.0\.0\.1:\d+\//);
    if (found) done(found[0]);
  });
  server.on("exit", () => fail(new Error("mokuteki serve ended before it listened")));
});
const stopped = new Promise((done) => server.on("exit", (code, signal) => done({ code, signal })));

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
try {
  const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
  const elsewhere = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(address)) return route.continue();
    elsewhere.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  await page.goto(`${address}notice.html`);
  check("the preview shows the notice", (await page.textContent("h1")).length > 0);

  await page.evaluate(() => window.scrollTo(0, 900));
  const scrolled = await page.evaluate(() => window.scrollY);
  let loads = 0;
  page.on("load", () => (loads += 1));

  save(source, original.replace("労働者健康安全機構健康保険組合", "見本健康保険組合"));
  await page.waitForFunction(() => document.body.innerText.includes("見本健康保険組合"), null, {
    timeout: 10_000,
  });
  check("the page reloaded by itself after the save", loads >= 1, `${loads} load(s)`);
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) <= 2, scrolled, { timeout: 5_000 }).catch(() => {});
  const kept = await page.evaluate(() => window.scrollY);
  check("the scroll position is kept", scrolled > 0 && Math.abs(kept - scrolled) <= 2, `${scrolled} → ${kept}`);

  save(source, original.replace("  short_name:", "  shortname:"));
  await page.waitForFunction(() => document.body.innerText.includes("shortname"), null, { timeout: 10_000 });
  const problem = await page.textContent("pre");
  check("a broken save shows where and what", /purposes\.yaml:\d+:\d+: unknown key `shortname`/.test(problem), problem.split("\n")[0]);

  save(source, original);
  await page.waitForFunction(() => document.body.innerText.includes("労働者健康安全機構健康保険組合"), null, {
    timeout: 10_000,
  });
  check("the next good save brings the page back", (await page.$("pre.problems")) === null);
  check("no request left the preview", elsewhere.length === 0, elsewhere.join(", "));
  await context.close();
} catch (error) {
  check("the preview test ran to the end", false, error.stack || String(error));
} finally {
  await browser.close();
  server.kill("SIGINT");
  const { code } = await stopped;
  check("Ctrl-C stops the preview cleanly", code === 0, `exit code ${code}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
