// Checks the generated HTML with the Nu HTML Checker (vnu.jar from the npm package vnu-jar, run
// on the machine's Java): every page must have zero errors. A fragment (`*.fragment.html`) is
// not a whole document: it is checked pasted into the body of a minimal host page, written
// beside the case's other results, so that its own markup is held to the same rules.
//
// Usage: node vnu.test.mjs DIR... (each holds the .html files to check, not looked for in
// sub-folders; host pages go to DIR/../browser/). Prints one line per page, each error under
// it, and `N passed, M failed`.

import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const jar = join(here, "node_modules/vnu-jar/build/dist/vnu.jar");
const java = process.env.JAVA || "java";

const dirs = process.argv.slice(2).map((d) => resolve(d));
if (dirs.length === 0) {
  console.error("usage: node vnu.test.mjs DIR...");
  process.exit(2);
}

/** A fragment pasted into the body of the smallest conforming page, on the fragment's first
 * line so that the errors' line numbers are the fragment's own. */
function hostPage(fragment, title) {
  return `<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>${title}</title></head><body>${fragment}</body></html>\n`;
}

// Each page to check: the name to print, and the file vnu reads.
const pages = [];
for (const dir of dirs) {
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".html")).sort()) {
    const name = relative(process.cwd(), join(dir, file));
    if (file.endsWith(".fragment.html")) {
      const hosts = join(dirname(dir), "browser");
      mkdirSync(hosts, { recursive: true });
      const host = join(hosts, file.replace(/\.fragment\.html$/, ".vnu-host.html"));
      writeFileSync(host, hostPage(readFileSync(join(dir, file), "utf8"), basename(file)));
      pages.push({ name: `${name} (in a host page)`, path: host });
    } else {
      pages.push({ name, path: join(dir, file) });
    }
  }
}

let passed = 0;
let failed = 0;
if (pages.length === 0) {
  console.log("FAIL vnu: no page to check");
  failed += 1;
} else {
  // One run for every page: the checker's start-up is the slow part.
  const run = spawnSync(java, ["-jar", jar, "--errors-only", "--format", "json", "--stdout", ...pages.map((p) => p.path)], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  let messages = null;
  try {
    messages = JSON.parse(run.stdout).messages;
  } catch {
    // Reported below.
  }
  if (run.error || messages === null || (run.status !== 0 && run.status !== 1)) {
    console.log(`FAIL vnu ran: ${run.error ? run.error.message : `exit ${run.status}`} ${(run.stderr || "").trim().slice(0, 2000)}`);
    failed += 1;
  } else {
    const byUrl = new Map();
    for (const m of messages) {
      const list = byUrl.get(m.url) || [];
      list.push(m);
      byUrl.set(m.url, list);
    }
    const known = new Set();
    for (const page of pages) {
      const url = pathToFileURL(page.path).href.replace(/^file:\/\/\//, "file:/");
      known.add(url);
      const errors = byUrl.get(url) || [];
      if (errors.length === 0) {
        passed += 1;
        console.log(`ok   vnu ${page.name}: no errors`);
      } else {
        failed += 1;
        console.log(`FAIL vnu ${page.name}: ${errors.length} error(s)`);
        for (const e of errors) {
          const at = e.lastLine ? `${e.lastLine}.${e.firstColumn ?? e.lastColumn ?? ""}` : "-";
          console.log(`       ${at}: ${e.type}${e.subType ? ` (${e.subType})` : ""}: ${e.message}`);
        }
      }
    }
    // Messages about no page of ours (the checker's own trouble) fail the run too.
    const stray = messages.filter((m) => !known.has(m.url));
    if (stray.length) {
      failed += 1;
      console.log(`FAIL vnu: ${stray.length} message(s) about no page: ${stray.slice(0, 3).map((m) => m.message).join(" / ")}`);
    }
    if (run.status === 1 && failed === 0) {
      failed += 1;
      console.log("FAIL vnu: the checker exited 1 yet reported no error");
    }
  }
}
console.log(`vnu: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
