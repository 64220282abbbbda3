// Loads the documents of `mokuteki compare` in headless Chromium and checks what a reader and
// a printer get: the 新旧対照表 (shinkyu.html) prints on A4 landscape with its 改正後／改正前
// header on every page and no row split across pages; both pages fit 1280 px and 360 px
// without sideways scroll, make no request off the disk and have zero axe-core violations.
// Screenshots and PDFs are kept for a person to look at.
//
// Usage: node compare.test.mjs CASE_DIR... (each holds revision/ written by `mokuteki compare`;
// results go to CASE_DIR/browser/). Prints one line per check and `N passed, M failed`.

import { readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve, basename } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const axeSource = readFileSync(join(here, "node_modules/axe-core/axe.min.js"), "utf8");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const widths = [1280, 360];
// A4 in PDF points.
const A4 = { long: 841.89, short: 595.28 };

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

/** Whitespace taken out, as line breaks in a PDF or a page may put it anywhere. */
// Whitespace taken out, and radicals folded back to ideographs: a Mincho may map an
// ideograph's glyph to the radical of the same shape (人 read as the Kangxi radical ⼈, 民 as
// the supplement's ⺠). NFKC folds the Kangxi radicals; the supplement has no decomposition,
// so its look-alikes are mapped here. Both sides are folded alike, so nothing else is lost.
const SUPPLEMENT = { "⺟": "母", "⺠": "民", "⻄": "西", "⻑": "長", "⻘": "青", "⻝": "食", "⻤": "鬼", "⻩": "黄", "⻭": "歯", "⻲": "亀", "⻨": "麦", "⻫": "斉", "⻯": "竜" };
const squash = (s) =>
  s
    .normalize("NFKC")
    .replace(/[\u2E80-\u2EFF]/g, (c) => SUPPLEMENT[c] ?? c)
    .replace(/\s+/g, "");

/** Each page of a PDF: its size in points and its text, whitespace taken out. */
async function pdfPages(bytes) {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n += 1) {
    const page = await doc.getPage(n);
    const { width, height } = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    pages.push({ width, height, text: squash(content.items.map((i) => i.str || "").join("")) });
  }
  await doc.destroy();
  return pages;
}

async function testCase(browser, caseDir) {
  const name = basename(caseDir);
  const out = join(caseDir, "revision");
  const results = join(caseDir, "browser");
  mkdirSync(results, { recursive: true });
  const pages = ["shinkyu.html", "henkou.html"];

  for (const width of widths) {
    const context = await browser.newContext({ viewport: { width, height: 800 }, deviceScaleFactor: 1 });
    const outside = [];
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:")) return route.continue();
      outside.push(url);
      return route.abort();
    });
    for (const label of pages) {
      const page = await context.newPage();
      await page.goto(pathToFileURL(join(out, label)).href, { waitUntil: "load" });
      const id = `${name}/${label} @${width}px`;
      const { scrollWidth, clientWidth, scripts } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        scripts: document.scripts.length,
      }));
      check(`${id}: no horizontal overflow`, scrollWidth <= clientWidth, `scrollWidth ${scrollWidth}, viewport ${clientWidth}`);
      check(`${id}: no script`, scripts === 0, `${scripts} script(s)`);

      await page.addScriptTag({ content: axeSource });
      const axe = await page.evaluate(async () => {
        const result = await window.axe.run(document, { resultTypes: ["violations"] });
        return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(" ")}`);
      });
      check(`${id}: axe-core, zero violations`, axe.length === 0, axe.join("; "));
      await page.screenshot({ path: join(results, `${label.replace(/\.html$/, "")}-${width}.png`), fullPage: true });

      if (width === widths[0]) {
        // The rows as the reader sees them: the text of the 改正後 and 改正前 cells.
        const rows = await page.evaluate(() =>
          [...document.querySelectorAll(".mokuteki-shinkyu tbody tr")].map((tr) => [...tr.cells].map((td) => td.textContent)),
        );
        // What may begin a printed page: the repeated header row, or a heading or caption
        // that opens the next table (whose header follows it).
        const openers = await page.evaluate(() => [...document.querySelectorAll("main h2, .mokuteki-shinkyu caption")].map((e) => e.textContent));
        await page.emulateMedia({ media: "print" });
        const printStyle = await page.evaluate(() => {
          const thead = document.querySelector(".mokuteki-shinkyu thead");
          const tr = document.querySelector(".mokuteki-shinkyu tbody tr");
          return thead && tr ? { thead: getComputedStyle(thead).display, tr: getComputedStyle(tr).breakInside } : null;
        });
        await page.emulateMedia({ media: null });
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
        writeFileSync(join(results, label.replace(/\.html$/, ".pdf")), pdf);
        const printed = await pdfPages(pdf);
        const all = printed.map((p) => p.text).join("");
        if (label === "shinkyu.html") {
          const landscape = printed.every((p) => Math.abs(p.width - A4.long) < 2 && Math.abs(p.height - A4.short) < 2);
          check(`${name}/${label} print: A4 landscape`, landscape, printed.map((p) => `${Math.round(p.width)}×${Math.round(p.height)}`).join(", "));
          const starts = ["改正後改正前", ...openers.map(squash)];
          const bare = printed.map((p, n) => (n === 0 || starts.some((s) => p.text.startsWith(s)) ? null : n + 1)).filter(Boolean);
          check(`${name}/${label} print: 改正後／改正前 header atop every page`, bare.length === 0, bare.length ? `not on page(s) ${bare.join(", ")}: ${printed[bare[0] - 1].text.slice(0, 20)}…` : `${printed.length} page(s)`);
          check(
            `${name}/${label} print style: header repeated, rows kept whole`,
            printStyle && printStyle.thead === "table-header-group" && printStyle.tr === "avoid",
            JSON.stringify(printStyle),
          );
          // A row is split when no page holds both of its cells whole.
          const split = rows
            .map((cells) => cells.map(squash))
            .filter((cells) => !printed.some((p) => cells.every((c) => p.text.includes(c))));
          check(`${name}/${label} print: no row split across pages`, split.length === 0, split.length ? `split: ${split.slice(0, 2).map((c) => c.join(" | ")).join(" / ")}` : `${rows.length} rows on ${printed.length} page(s)`);
          const lost = rows.flat().map(squash).filter((c) => !all.includes(c));
          check(`${name}/${label} print: every cell printed`, lost.length === 0, lost.slice(0, 3).join(" / "));
        } else {
          const portrait = printed.every((p) => Math.abs(p.width - A4.short) < 2 && Math.abs(p.height - A4.long) < 2);
          check(`${name}/${label} print: A4 portrait`, portrait, `${printed.length} page(s)`);
          const body = await page.evaluate(() => document.querySelector("main").innerText);
          const lost = body.split("\n").map(squash).filter((l) => l && !all.includes(l));
          check(`${name}/${label} print: every line printed`, lost.length === 0, lost.slice(0, 3).join(" / "));
        }
      }
      await page.close();
    }
    check(`${name} @${width}px: no request leaves the disk`, outside.length === 0, outside.slice(0, 3).join(" "));
    await context.close();
  }
}

const cases = process.argv.slice(2).map((d) => resolve(d));
if (cases.length === 0) {
  console.error("usage: node compare.test.mjs CASE_DIR...");
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  for (const dir of cases) await testCase(browser, dir);
} catch (error) {
  check("browser tests ran to the end", false, error.stack || String(error));
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
