// Loads the generated pages in headless Chromium and checks what a reader gets: no sideways
// scroll at 1280 px and 360 px, every item of the source visible, no request leaving the disk,
// zero axe-core violations, every table still a table to a screen reader (rows, headers and
// cells in Chromium's accessibility tree, stacked at 360 px too), and an A4 print whose rows are
// never split and whose table headers repeat on every page. Screenshots and PDFs are kept for a
// person to look at.
//
// Usage: node pages.test.mjs CASE_DIR... (each holds purposes.yaml and out/ built from it;
// results go to CASE_DIR/browser/). Prints one line per check and `N passed, M failed`.

import { readFileSync, readdirSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve, basename } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { parse } from "yaml";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const axeSource = readFileSync(join(here, "node_modules/axe-core/axe.min.js"), "utf8");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const widths = [1280, 360];
// Sane page counts for an A4 print of each page.
const maxPages = { "notice.html": 8, "beppyo2.html": 8 };

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
const squash = (s) => s.replace(/\s+/g, "");

/** The texts of the source a reader must see: titles, descriptions, notes, items, headings. */
function sourceTexts(source) {
  const item = (i) => (typeof i === "string" ? { text: i, notes: [], items: [] } : { notes: [], items: [], ...i });
  const rows = source.categories.map((category) => {
    const cells = source.recipients.map((recipient) => {
      const texts = [];
      const walk = (items) => {
        for (const raw of items || []) {
          const i = item(raw);
          texts.push(i.text, ...i.notes);
          walk(i.items);
        }
      };
      walk((category.items || {})[recipient.id]);
      return texts;
    });
    return {
      id: category.id,
      title: category.title,
      extra: [category.description, ...(category.notes || [])].filter(Boolean),
      cells,
    };
  });
  return { rows, columns: source.recipients.map((r) => r.column), headings: source.recipients.map((r) => r.heading) };
}

/** Every item's text, in the order a page lists them: category by category, each
 * recipient kind's items in turn, each item before its sub-items. */
function expectedItems(source) {
  const texts = [];
  const walk = (items) => {
    for (const raw of items || []) {
      texts.push(squash(typeof raw === "string" ? raw : raw.text));
      walk(typeof raw === "string" ? [] : raw.items);
    }
  };
  for (const category of source.categories) {
    const items = category.items || {};
    if (Array.isArray(items)) walk(items);
    else for (const recipient of source.recipients || []) walk(items[recipient.id]);
  }
  return texts;
}

/** The text a reader sees of a Markdown prose field, line by line: list markers, heading
 * marks, emphasis and link targets taken out, whitespace squashed. */
function proseLines(markdown) {
  return (markdown || "")
    .split("\n")
    .map((line) =>
      line
        .replace(/^\s*(?:[-*+]|\d+[.)]|#{1,6}|>)\s+/, "")
        .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
        .replace(/(\*\*|__|\*|`)/g, "")
        .replace(/\\(.)/g, "$1"),
    )
    .map(squash)
    .filter((line) => line.length > 0 && !/^[-|:]+$/.test(line));
}

/** The items a page shows, in document order: each visible list item of the purposes, its
 * own text only (not its notes, the basis of a provision, or sub-items), whitespace squashed. */
async function shownItems(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll(".mokuteki-purposes > li")]
      .filter((li) => li.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }))
      .map((li) => {
        const own = li.cloneNode(true);
        own.querySelectorAll("ul, ol, br, .mokuteki-note, .mokuteki-basis").forEach((e) => e.remove());
        return own.textContent.replace(/\s+/g, "");
      }),
  );
}

/** Where the first of two lists differs, for a message; empty when they are the same. */
function firstDifference(expected, shown) {
  const at = expected.findIndex((e, n) => shown[n] !== e);
  if (at < 0 && expected.length === shown.length) return "";
  const n = at < 0 ? expected.length : at;
  return `item ${n + 1}: expected ${JSON.stringify(expected[n])}, shown ${JSON.stringify(shown[n])} (${expected.length} expected, ${shown.length} shown)`;
}

/** The prose of the notice that is not shown where it belongs: the preamble in its section,
 * each section's heading as a heading and its body under it, and the closing. */
async function missingProse(page, source) {
  const expected = {
    preamble: proseLines(source.notice.preamble),
    sections: (source.notice.sections || []).map((s) => ({ heading: squash(s.heading), lines: proseLines(s.body) })),
    closing: proseLines(source.notice.closing),
  };
  return page.evaluate((expected) => {
    const squash = (s) => s.replace(/\s+/g, "");
    const seen = (element) => (element && element.checkVisibility() ? squash(element.innerText) : "");
    const missing = [];
    const preamble = seen(document.querySelector(".mokuteki-preamble"));
    missing.push(...expected.preamble.filter((l) => !preamble.includes(l)).map((l) => `preamble: ${l}`));
    for (const section of expected.sections) {
      const heading = [...document.querySelectorAll("section > h2")].find((h) => squash(h.innerText) === section.heading);
      if (!heading || !heading.checkVisibility()) {
        missing.push(`section heading: ${section.heading}`);
        continue;
      }
      const body = seen(heading.parentElement);
      missing.push(...section.lines.filter((l) => !body.includes(l)).map((l) => `${section.heading}: ${l}`));
    }
    const closing = seen(document.querySelector(".mokuteki-closing"));
    missing.push(...expected.closing.filter((l) => !closing.includes(l)).map((l) => `closing: ${l}`));
    return missing;
  }, expected);
}

/** Every expected text that no visible, unclipped text node of the page contains. */
async function missingTexts(page, texts) {
  return page.evaluate((texts) => {
    const width = document.documentElement.clientWidth;
    const visible = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const element = node.parentElement;
      if (!element || !element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (rects.length === 0 || rects.some((r) => r.left < -0.5 || r.right > width + 0.5)) continue;
      visible.push(node.data.replace(/\s+/g, ""));
    }
    const all = visible.join("\u0000");
    return texts.filter((t) => !all.includes(t.replace(/\s+/g, "")));
  }, texts);
}

/** The text of each page of a PDF, whitespace taken out. */
async function pdfPages(bytes) {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n += 1) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(squash(content.items.map((i) => i.str || "").join("")));
  }
  await doc.destroy();
  return pages;
}

/** The first page's size in points, [width, height]. */
async function pdfPageSize(bytes) {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const [x0, y0, x1, y1] = (await doc.getPage(1)).view;
  await doc.destroy();
  return { width: x1 - x0, height: y1 - y0 };
}

/** The table's height with its own column widths, with the browser's (no <col> widths),
 * and with equal widths; each column's share of the width; the columns (0-based, among
 * all) whose body cells are all empty. */
async function columnSizing(page) {
  return page.evaluate(() => {
    const table = document.querySelector(".mokuteki-beppyo");
    const cols = [...table.querySelectorAll("col")];
    const own = cols.map((c) => c.style.width);
    const tall = () => Math.round(table.getBoundingClientRect().height);
    const sized = tall();
    const heads = [...table.querySelectorAll("thead th")];
    const total = heads.reduce((sum, th) => sum + th.getBoundingClientRect().width, 0);
    const shares = heads.map((th) => th.getBoundingClientRect().width / total);
    cols.forEach((c) => (c.style.width = ""));
    const auto = tall();
    cols.forEach((c) => (c.style.width = `${100 / cols.length}%`));
    const equal = tall();
    cols.forEach((c, k) => (c.style.width = own[k]));
    const offset = heads.length - table.querySelector("tbody tr").querySelectorAll("td").length;
    const rows = [...table.querySelectorAll("tbody tr")];
    const empty = [];
    for (let k = offset; k < heads.length; k += 1) {
      const cells = rows.map((r) => [...r.querySelectorAll("td")].slice(-(heads.length - offset))[k - offset]);
      if (cells.every((c) => c && !c.querySelector("li"))) empty.push(k);
    }
    return { cols: cols.length, sized, auto, equal, shares, empty };
  });
}

/** How far the first line of each body cell lies from the first line of the others in
 * its row: the worst difference, in pixels. */
async function firstLineOffsets(page) {
  return page.evaluate(() => {
    const firstLineTop = (cell) => {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const node = walker.currentNode;
        if (!node.data.trim() || !node.parentElement.checkVisibility()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const rect = [...range.getClientRects()].find((r) => r.height > 0);
        if (rect) return rect.top;
      }
      return null;
    };
    let worst = 0;
    const rows = [...document.querySelectorAll(".mokuteki-beppyo tbody tr")];
    for (const row of rows) {
      const tops = [...row.querySelectorAll("td")].map(firstLineTop).filter((t) => t !== null);
      if (tops.length > 1) worst = Math.max(worst, Math.max(...tops) - Math.min(...tops));
    }
    return { rows: rows.length, worst };
  });
}

/** The font weights of the row headers' titles, and of their descriptions and notes (the
 * texts of `rows[i].extra`), read from the elements that hold each text. */
async function rowHeaderWeights(page, rows) {
  return page.evaluate((rows) => {
    const squash = (s) => s.replace(/\s+/g, "");
    const titles = [];
    const others = [];
    const headers = [...document.querySelectorAll(".mokuteki-beppyo tbody th[scope=row]")];
    headers.forEach((th, i) => {
      const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const text = squash(walker.currentNode.data);
        if (!text) continue;
        const weight = Number(getComputedStyle(walker.currentNode.parentElement).fontWeight);
        if (squash(rows[i].title).length && text.includes(squash(rows[i].title))) titles.push(weight);
        else if (rows[i].extra.some((e) => squash(e) === text)) others.push(weight);
      }
    });
    return { titles, others };
  }, rows);
}

/** At the narrow width: the space between a group's label and the left border of its card. */
async function groupLabelGap(page) {
  return page.evaluate(() => {
    const label = document.querySelector(".mokuteki-beppyo tbody th[scope=rowgroup]");
    if (!label) return null;
    const range = document.createRange();
    range.selectNodeContents(label);
    const text = range.getClientRects()[0];
    const card = label.closest("tr").getBoundingClientRect();
    return text.left - card.left;
  });
}

/** What a screen reader gets of each table of the page, from Chromium's accessibility tree:
 * the tables whose table, rows, column and row headers and cells (every one the page shows)
 * are not all exposed with those roles, and the per-cell labels a screen reader would read.
 * Stacked on a narrow screen, a table keeps its semantics only through the browser, since the
 * markup carries no `role` attributes. */
async function tableSemantics(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const want = await page.evaluate(() =>
      [...document.querySelectorAll("table")].map((table) => {
        const shown = (e) => getComputedStyle(e).display !== "none";
        const mine = (selector) => [...table.querySelectorAll(selector)].filter((e) => e.closest("table") === table && shown(e));
        return {
          caption: (table.caption?.textContent || "").replace(/\s+/g, ""),
          row: mine("tr").length,
          columnheader: mine("th[scope=col]").length,
          rowheader: mine("th:not([scope=col])").length,
          cell: mine("td").length,
        };
      }),
    );
    const { root } = await cdp.send("DOM.getDocument", { depth: 0 });
    const describe = async (selector) => {
      const { nodeIds } = await cdp.send("DOM.querySelectorAll", { nodeId: root.nodeId, selector });
      return Promise.all(nodeIds.map(async (nodeId) => (await cdp.send("DOM.describeNode", { nodeId })).node.backendNodeId));
    };
    const tables = await describe("table");
    const labels = await describe(".mokuteki-label");
    const { nodes } = await cdp.send("Accessibility.getFullAXTree");
    const byId = new Map(nodes.map((n) => [n.nodeId, n]));
    const byDom = new Map(nodes.filter((n) => n.backendDOMNodeId).map((n) => [n.backendDOMNodeId, n]));
    const squash = (s) => (s || "").replace(/\s+/g, "");
    const wrong = [];
    tables.forEach((backendId, k) => {
      const node = byDom.get(backendId);
      const got = { row: 0, columnheader: 0, rowheader: 0, cell: 0 };
      const walk = (n) => {
        for (const child of (n.childIds || []).map((c) => byId.get(c)).filter(Boolean)) {
          const role = child.role?.value;
          if (role === "table") continue; // a table of its own
          if (!child.ignored && role in got) got[role] += 1;
          walk(child);
        }
      };
      if (node) walk(node);
      const name = want[k].caption || `table ${k + 1}`;
      if (!node || node.ignored || node.role?.value !== "table") wrong.push(`${name}: exposed as ${node ? (node.ignored ? "nothing" : node.role?.value) : "nothing"}`);
      else if (want[k].caption && squash(node.name?.value) !== want[k].caption) wrong.push(`${name}: named ${JSON.stringify(node.name?.value)}`);
      for (const role of Object.keys(got)) {
        if (got[role] !== want[k][role]) wrong.push(`${name}: ${got[role]} ${role}s of ${want[k][role]}`);
      }
    });
    // A label is heard when its element or any text in it is exposed (a plain span is left
    // out of the tree by itself while its text stays in).
    const exposed = (n) => !n.ignored || (n.childIds || []).some((c) => byId.has(c) && exposed(byId.get(c)));
    const heard = labels.filter((backendId) => byDom.has(backendId) && exposed(byDom.get(backendId))).length;
    return {
      tables: tables.length,
      counts: want.map((t) => `${t.row} rows, ${t.columnheader}+${t.rowheader} headers, ${t.cell} cells`),
      wrong,
      labels: labels.length,
      heard,
    };
  } finally {
    await cdp.detach();
  }
}

/** Checks that every table of the page is a table to a screen reader (see `tableSemantics`). */
async function checkTableSemantics(page, id) {
  const semantics = await tableSemantics(page);
  if (semantics.tables === 0) return;
  check(
    `${id}: screen readers get ${semantics.tables} table(s) with their rows, headers and cells`,
    semantics.wrong.length === 0,
    semantics.wrong.length ? semantics.wrong.slice(0, 3).join(" / ") : semantics.counts.join("; "),
  );
  if (semantics.labels === 0) return;
  check(
    `${id}: the per-cell labels hidden from screen readers`,
    semantics.heard === 0,
    `${semantics.heard} of ${semantics.labels} exposed`,
  );
}

/** Every ※ note whose text wraps: its lines must all begin at the same place. */
async function wrappedNoteIndents(page) {
  return page.evaluate(() => {
    const notes = [...document.querySelectorAll(".mokuteki-note")];
    const bad = [];
    let wrapped = 0;
    for (const note of notes) {
      const range = document.createRange();
      range.selectNodeContents(note);
      const lines = [];
      for (const rect of range.getClientRects()) {
        if (rect.width === 0) continue;
        const line = lines.find((l) => Math.abs(l.top - rect.top) < 2);
        if (line) line.left = Math.min(line.left, rect.left);
        else lines.push({ top: rect.top, left: rect.left });
      }
      if (lines.length < 2) continue;
      wrapped += 1;
      const lefts = lines.map((l) => l.left);
      if (Math.max(...lefts) - Math.min(...lefts) > 1) bad.push(`${note.textContent.slice(0, 12)}…: ${lefts.map((l) => l.toFixed(0)).join(", ")}`);
    }
    return { count: notes.length, wrapped, bad };
  });
}

/** Every text of a source's catalogue (titles, notes, attributes, items), whichever form its
 * categories and items take: flat or in `groups`, filed under kinds or a plain list. */
function catalogueTexts(source) {
  const texts = [];
  const walk = (items) => {
    for (const raw of items || []) {
      const i = typeof raw === "string" ? { text: raw } : raw;
      texts.push(i.text, ...(i.notes || []));
      walk(i.items);
    }
  };
  const categories = [...(source.categories || []), ...(source.groups || []).flatMap((g) => g.categories || [])];
  for (const group of source.groups || []) texts.push(group.title);
  for (const category of categories) {
    texts.push(category.title, ...(category.notes || []), ...(category.notes_after || []));
    if (category.description) texts.push(category.description);
    texts.push(...Object.values(category.attributes || {}));
    const items = category.items;
    if (Array.isArray(items)) walk(items);
    else for (const list of Object.values(items || {})) walk(list);
  }
  return texts.filter(Boolean);
}

/** A source of documents (`documents:`, or a notice without a regulation): each page it writes
 * is loaded at every width and checked for overflow, hidden text of the catalogue, scripts,
 * requests leaving the disk and axe-core violations, and printed to A4. */
async function testDocuments(browser, caseDir, source) {
  const name = basename(caseDir);
  const out = join(caseDir, "out");
  const results = join(caseDir, "browser");
  mkdirSync(results, { recursive: true });
  const catalogue = catalogueTexts(source);
  const files = readdirSync(out).filter((f) => f.endsWith(".html") && !f.endsWith(".fragment.html")).sort();
  check(`${name}: pages written`, files.length > 0, files.join(", "));
  for (const width of widths) {
    const context = await browser.newContext({ viewport: { width, height: 800 }, deviceScaleFactor: 1 });
    const outside = [];
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:")) return route.continue();
      outside.push(url);
      return route.abort();
    });
    for (const file of files) {
      const page = await context.newPage();
      await page.goto(pathToFileURL(join(out, file)).href, { waitUntil: "load" });
      const id = `${name}/${file} @${width}px`;
      const { scrollWidth, clientWidth, scripts, text } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        scripts: document.scripts.length,
        text: document.body.textContent,
      }));
      check(`${id}: no horizontal overflow`, scrollWidth <= clientWidth, `scrollWidth ${scrollWidth}, viewport ${clientWidth}`);
      check(`${id}: no script`, scripts === 0, `${scripts} script(s)`);
      // The catalogue's texts this page prints must all be visible.
      const printed = catalogue.filter((t) => squash(text).includes(squash(t)));
      const missing = await missingTexts(page, printed);
      check(`${id}: all ${printed.length} texts of the catalogue it prints visible`, printed.length > 0 && missing.length === 0, missing.slice(0, 3).join(" / "));
      await checkTableSemantics(page, id);
      await page.addScriptTag({ content: axeSource });
      const axe = await page.evaluate(async () => {
        const result = await window.axe.run(document, { resultTypes: ["violations"] });
        return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(" ")}`);
      });
      check(`${id}: axe-core, zero violations`, axe.length === 0, axe.join("; "));
      if (width === widths[0]) {
        await page.screenshot({ path: join(results, `${file}.png`), fullPage: true });
        await page.emulateMedia({ media: "print" });
        const pdf = await page.pdf({ format: "A4", printBackground: true });
        writeFileSync(join(results, `${file}.pdf`), pdf);
        const document = await pdfjs.getDocument({ data: new Uint8Array(pdf) }).promise;
        check(`${name}/${file} print: a sane A4 page count`, document.numPages >= 1 && document.numPages <= 8, `${document.numPages} page(s)`);
      }
      await page.close();
    }
    check(`${name} @${width}px: no request leaves the disk`, outside.length === 0, outside.slice(0, 3).join(", "));
    await context.close();
  }
}

async function testCase(browser, caseDir) {
  const name = basename(caseDir);
  {
    const source = parse(readFileSync(join(caseDir, "purposes.yaml"), "utf8"));
    if (source.documents || !source.notice || !source.regulation) return testDocuments(browser, caseDir, source);
  }
  const out = join(caseDir, "out");
  const results = join(caseDir, "browser");
  mkdirSync(results, { recursive: true });
  const source = parse(readFileSync(join(caseDir, "purposes.yaml"), "utf8"));
  const { rows, columns, headings } = sourceTexts(source);
  const emptyCell = source.regulation.empty_cell || "・なし";
  const rowTexts = rows.flatMap((r) => [r.title, ...r.extra, ...r.cells.flat()]);
  const pageTexts = {
    "notice.html": [source.notice.title, source.notice.purposes_heading, ...rowTexts, ...headings.filter((_, k) => rows.some((r) => r.cells[k].length > 0))],
    "beppyo2.html": [source.regulation.title, ...columns, ...rowTexts],
  };

  // The fragments, pasted into a host page whose own style tries to leak in.
  for (const page of ["notice", "beppyo2"]) {
    const fragment = readFileSync(join(out, `${page}.fragment.html`), "utf8");
    writeFileSync(
      join(results, `${page}.host.html`),
      `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Host site</title>` +
        `<style>body{margin:0;font:18px/1.2 serif;color:#222}header,main{padding:8px}ul{list-style:square}td,th{padding:20px}</style></head>` +
        `<body><header><p>Host site</p></header><main>\n${fragment}</main></body></html>\n`,
    );
  }
  const pages = [
    ["notice.html", join(out, "notice.html")],
    ["beppyo2.html", join(out, "beppyo2.html")],
    ["notice.fragment.html", join(results, "notice.host.html")],
    ["beppyo2.fragment.html", join(results, "beppyo2.host.html")],
  ];

  for (const width of widths) {
    const context = await browser.newContext({ viewport: { width, height: 800 }, deviceScaleFactor: 1 });
    const outside = [];
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:")) return route.continue();
      outside.push(url);
      return route.abort();
    });
    for (const [label, file] of pages) {
      const page = await context.newPage();
      await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
      const id = `${name}/${label} @${width}px`;
      const texts = pageTexts[label.replace(".fragment", "")];

      const { scrollWidth, clientWidth, scripts } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        scripts: document.scripts.length,
      }));
      check(`${id}: no horizontal overflow`, scrollWidth <= clientWidth, `scrollWidth ${scrollWidth}, viewport ${clientWidth}`);
      const missing = await missingTexts(page, texts);
      check(`${id}: all ${texts.length} source texts visible`, missing.length === 0, missing.slice(0, 3).join(" / "));
      check(`${id}: no script`, scripts === 0, `${scripts} script(s)`);
      const items = expectedItems(source);
      const difference = firstDifference(items, await shownItems(page));
      check(`${id}: exactly the ${items.length} items of the source, in order`, difference === "", difference);
      if (label.startsWith("notice")) {
        const lost = await missingProse(page, source);
        check(`${id}: preamble, sections and closing shown where they belong`, lost.length === 0, lost.slice(0, 3).join(" / "));
      }

      if (label.startsWith("beppyo2")) {
        // Stacked on narrow screens: each category's cells one under another, each labelled;
        // side by side on wide ones. Every row of every table.
        const layouts = await page.evaluate(() =>
          [...document.querySelectorAll(".mokuteki-beppyo tbody tr")].map((row) => {
            const cells = [...row.querySelectorAll("td")].filter((c) => c.getBoundingClientRect().height > 0 && c.querySelector(".mokuteki-label"));
            const lefts = new Set(cells.map((c) => Math.round(c.getBoundingClientRect().left)));
            const labels = cells.filter((c) => c.querySelector(".mokuteki-label")?.checkVisibility()).length;
            return { title: (row.querySelector("th[scope=row]")?.innerText || "").slice(0, 20), cells: cells.length, columns: lefts.size, labels };
          }),
        );
        const wide = width >= 600;
        const wrong = layouts.filter((l) => (wide ? l.columns !== l.cells || l.labels !== 0 : l.columns !== 1 || l.labels !== l.cells));
        const shape = (l) => `${l.title}: ${l.cells} cells in ${l.columns} column(s), ${l.labels} labelled`;
        check(
          `${id}: ${wide ? "every row laid out in columns" : "every row stacked"}`,
          layouts.length > 0 && wrong.length === 0,
          wrong.length ? wrong.slice(0, 3).map(shape).join(" / ") : `${layouts.length} rows`,
        );
        if (!wide) {
          const gap = await groupLabelGap(page);
          if (gap !== null) check(`${id}: group label clear of the card's border`, gap >= 4, `${gap.toFixed(1)} px`);
        } else {
          const sizing = await columnSizing(page);
          check(
            `${id}: columns sized by content make the table no taller`,
            sizing.cols === sizing.shares.length && sizing.sized <= sizing.auto + 2 && sizing.sized <= sizing.equal + 2,
            `${sizing.cols} widths for ${sizing.shares.length} columns; ${sizing.sized} px; the browser's own widths ${sizing.auto} px, equal widths ${sizing.equal} px`,
          );
          check(
            `${id}: a column of 「${emptyCell}」 only is narrow`,
            sizing.empty.every((k) => sizing.shares[k] <= 0.13 && sizing.shares.every((s, j) => sizing.empty.includes(j) || s >= sizing.shares[k] - 0.005)),
            `shares ${sizing.shares.map((s) => (s * 100).toFixed(1)).join(" / ")} %; empty: ${sizing.empty.join(", ") || "none"}`,
          );
          const offsets = await firstLineOffsets(page);
          check(`${id}: 「${emptyCell}」 on the line of the items beside it`, offsets.worst <= 1, `${offsets.rows} rows, worst ${offsets.worst.toFixed(1)} px`);
          const weights = await rowHeaderWeights(page, rows);
          check(
            `${id}: in the row header only the title is bold`,
            weights.titles.length === rows.length && weights.titles.every((w) => w >= 600) && weights.others.every((w) => w < 600),
            `titles ${[...new Set(weights.titles)].join(",")}, ${weights.others.length} descriptions and notes ${[...new Set(weights.others)].join(",") || "-"}`,
          );
        }
      }
      await checkTableSemantics(page, id);
      const notes = await wrappedNoteIndents(page);
      check(`${id}: a wrapped ※ note keeps its indent`, notes.bad.length === 0, `${notes.wrapped} of ${notes.count} notes wrap${notes.bad.length ? `; ${notes.bad.slice(0, 2).join(" / ")}` : ""}`);

      await page.addScriptTag({ content: axeSource });
      const axe = await page.evaluate(async () => {
        const result = await window.axe.run(document, { resultTypes: ["violations"] });
        return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(" ")}`);
      });
      check(`${id}: axe-core, zero violations`, axe.length === 0, axe.join("; "));

      const shot = join(results, `${label.replace(/\.html$/, "")}-${width}.png`);
      await page.screenshot({ path: shot, fullPage: true });

      if (width === widths[0] && !label.includes("fragment")) {
        const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true });
        writeFileSync(join(results, label.replace(/\.html$/, ".pdf")), pdf);
        const text = await pdfPages(pdf);
        check(`${name}/${label} print: A4 page count sane`, text.length >= 1 && text.length <= maxPages[label], `${text.length} page(s)`);
        const sheet = await pdfPageSize(pdf);
        const columnCount = await page.evaluate(() => document.querySelectorAll(".mokuteki-beppyo thead th").length);
        const landscape = label === "beppyo2.html" && columnCount > 4;
        check(
          `${name}/${label} print: ${landscape ? "landscape" : "portrait"} A4`,
          (landscape ? sheet.width > sheet.height : sheet.width < sheet.height) && Math.abs(Math.max(sheet.width, sheet.height) - 842) < 2,
          `${sheet.width.toFixed(0)} × ${sheet.height.toFixed(0)} pt${label === "beppyo2.html" ? `, ${columnCount} columns` : ""}`,
        );
        if (label === "beppyo2.html") {
          // Laid out for print on the sheet's printable width (A4 less 12 mm margins, at 96 px
          // an inch): the table fits, and its columns keep their shares.
          const printable = Math.round((((landscape ? 297 : 210) - 24) / 25.4) * 96);
          await page.setViewportSize({ width: printable, height: 800 });
          await page.emulateMedia({ media: "print" });
          const printed = await page.evaluate(() => {
            const table = document.querySelector(".mokuteki-beppyo");
            const heads = [...table.querySelectorAll("thead th")].map((th) => th.getBoundingClientRect().width);
            const total = heads.reduce((a, b) => a + b, 0);
            const wanted = [...table.querySelectorAll("col")].map((c) => parseFloat(c.style.width) / 100);
            const drift = Math.max(...heads.map((w, k) => Math.abs(w / total - wanted[k])));
            return { width: Math.round(table.getBoundingClientRect().right), page: document.documentElement.clientWidth, drift };
          });
          check(
            `${name}/beppyo2.html print: the table fits the sheet, columns as sized`,
            printed.width <= printed.page && printed.drift < 0.02,
            `${printed.width} px of ${printed.page} px; widths within ${(printed.drift * 100).toFixed(1)} % of their shares`,
          );
          await page.emulateMedia({ media: "screen" });
          await page.setViewportSize({ width, height: 800 });
        }
        const all = text.join("");
        const lost = texts.filter((t) => !all.includes(squash(t)));
        check(`${name}/${label} print: every source text printed`, lost.length === 0, lost.slice(0, 3).join(" / "));
        if (label === "beppyo2.html") {
          const split = [];
          for (const row of rows) {
            const title = squash(row.title);
            const home = text.findIndex((p) => p.includes(title));
            const parts = [...row.extra, ...row.cells.flat()].map(squash);
            if (home < 0 || parts.some((p) => !text[home].includes(p))) split.push(row.id);
          }
          check(`${name}/beppyo2.html print: no row split across pages`, split.length === 0, split.length ? `split: ${split.join(", ")}` : `${rows.length} rows on ${text.length} page(s)`);
          const bare = text.map((p, n) => (columns.every((c) => p.includes(squash(c))) ? null : n + 1)).filter(Boolean);
          check(`${name}/beppyo2.html print: column headings on every page`, bare.length === 0, bare.length ? `missing on page(s) ${bare.join(", ")}` : "");
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
  console.error("usage: node pages.test.mjs CASE_DIR...");
  process.exit(2);
}
// Playwright starts Chromium with a fresh, temporary profile (--user-data-dir) of its own.
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
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
