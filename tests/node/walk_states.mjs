// Runs walk.js, the page's walk before Python, over codes tests/test_walk.py gives it, with the data a
// build writes (the routing table, the question templates, the rows, the results files), and writes
// what it makes of each: where the code leads, the view (its HTML as a SHA-256 digest), the files it
// needs.
//   node tests/node/walk_states.mjs MANIFEST OUTPUT
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { follow, prefetch, queryFor, readQuery, show } from "../../docs/assets/tree/walk.js";

const [manifestFile, outputFile] = process.argv.slice(2);
if (!manifestFile || !outputFile) {
  console.error("usage: walk_states.mjs MANIFEST OUTPUT");
  process.exit(2);
}
const json = (file) => JSON.parse(readFileSync(file, "utf8"));
const digest = (text) => createHash("sha256").update(text, "utf8").digest("hex");
const output = {};
for (const edition of json(manifestFile)) {
  const data = { table: json(edition.table), templates: json(edition.templates), rows: json(edition.rows) };
  const files = new Map(); // file under the bundle -> its JSON (null if there is no such file), as a fetch gives it
  const fetched = (file) => {
    if (!files.has(file)) {
      let value = null;
      try {
        value = json(path.join(edition.bundle, file));
      } catch (error) {
        if (error.code !== "ENOENT") throw error;
      }
      files.set(file, value);
    }
    return files.get(file);
  };
  const codes = json(edition.codes).map((code) => {
    const walked = follow(data.table, code);
    const made = show(data, code);
    const view = made?.files ? made.assemble(made.files.map(fetched)) : (made?.view ?? null);
    return [
      walked && [walked.node, walked.province],
      view && [digest(view.html), view.token, view.query, view.title, view.announce, view.complete, view.notice],
      made?.files ?? null,
      prefetch(data.table, code),
    ];
  });
  output[edition.lang] = {
    codes,
    searches: edition.searches.map((search) => readQuery(data.table, search)),
    queries: edition.queries.map(([token, change]) => queryFor(data.table, token, change)),
    fetched: [...files].filter(([, value]) => value !== null).map(([file]) => file),
  };
}
writeFileSync(outputFile, JSON.stringify(output));
