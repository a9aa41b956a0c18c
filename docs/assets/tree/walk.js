// The tree's walk before Python, without a page: from an answer code to the view the build
// prerendered for it (decision_tree/pages/prerender.py). boot.js gives it the widget's data blocks
// and does the rest (the DOM, the events, the history, the fetching); tests/test_walk.py runs it in
// Node over every state of the tree and compares each view with the one Python renders.
//
// Nothing here is spelled twice: the names of the query's parameters, the placeholders, the
// results' files, the alphabet, the codes' version and their check character's table all come from
// the routing table the build wrote.
// It decides nothing either: it follows the ids written in the table, and where the build made no
// view (a code from an earlier version of the tree, a code it cannot read) it says so, with null.

// Where a choice leads: a node id, or a router that reads an earlier answer.
function leadsTo(next, chosen) {
  while (next && typeof next === "object") next = next.routes[chosen[next.route]];
  return next;
}

// The words a question is asked in after the answers `chosen`: the first of its wordings whose
// answer was given, or its own; `view` names its template and its rows of "Your answers".
function asked(entry, chosen) {
  return entry.wordings?.find(({ after: [question, choice] }) => chosen[question] === choice) || entry;
}

// The check character of a code of today's tree with the answers' characters `answers`: the one
// that ends the fold of its version and answers, started from their number, at the alphabet's
// first character (decision_tree/answer_token.py); "" for a character outside the alphabet.
function checkOf(table, answers) {
  const { alphabet, check } = table;
  let state = answers.length % alphabet.length;
  for (const character of table.version + answers) {
    const value = alphabet.indexOf(character);
    if (value < 0) return "";
    state = alphabet.indexOf(check[state][value]);
  }
  return alphabet[check[state].indexOf(alphabet[0])];
}

// The code of today's tree for the answers' characters `answers` ("" for none: the start).
function codeOf(table, answers) {
  return answers ? table.prefix + answers + checkOf(table, answers) : "";
}

// The node a code leads to, with the province answered last, each step taken ([question, choice
// index]), the answers' characters and the code as today's tree writes it (read case-blind); null
// for a code this table cannot follow (another version's, a mistyped one): Python reads those.
export function follow(table, token) {
  if (!token) return { node: table.start, province: "", steps: [], chosen: {}, answers: "", token: "" };
  token = token.toLowerCase();
  if (!token.startsWith(table.prefix) || token.length <= table.prefix.length) return null;
  const answers = token.slice(table.prefix.length, -1);
  if (checkOf(table, answers) !== token.slice(-1)) return null;
  let node = table.start;
  let province = "";
  const chosen = {};
  const steps = [];
  for (const character of answers) {
    const question = table.nodes[node];
    const index = table.alphabet.indexOf(character);
    if (!question || question.result || index < 0 || index >= question.choices.length) return null;
    chosen[node] = question.choices[index];
    if (question.province) province = question.choices[index];
    steps.push([node, index]);
    const next = leadsTo(question.next[index], chosen);
    if (!next || !table.nodes[next]) return null;
    node = next;
  }
  return { node, province, steps, chosen, answers, token: codeOf(table, answers) };
}

// The query string of a state ("" for the start), and the state a query string holds.
export function queryFor(table, token, change = "") {
  if (!token) return "";
  const { code, change: name } = table.parameters;
  return `${code}=${encodeURIComponent(token)}` + (change ? `&${name}=${encodeURIComponent(change)}` : "");
}

export function readQuery(table, search) {
  const params = new URLSearchParams(search);
  return { token: params.get(table.parameters.code) || "", change: params.get(table.parameters.change) || "" };
}

// A prerendered view with the placeholders of the state with the answers' characters `answers`
// filled in: its code, the codes one answer on (each with its own check character) and one back.
export function fill(table, html, answers) {
  const p = table.placeholders;
  const [on, end] = p.on;
  const token = codeOf(table, answers);
  const back = codeOf(table, answers.slice(0, -1));
  const count = answers.length;
  const pieces = html.split(on);
  for (let i = 1; i < pieces.length; i++) {
    const close = pieces[i].indexOf(end);
    pieces[i] = codeOf(table, answers + pieces[i].slice(0, close)) + pieces[i].slice(close + end.length);
  }
  return pieces
    .join("")
    .replaceAll(p.token, token)
    .replaceAll(p.back_href, back ? `?${queryFor(table, back)}` : table.start_href)
    .replaceAll(p.back, back)
    .replaceAll(p.number, String(count + 1));
}

// The files, under the bundle, that hold the results at an outcome in a province: the codes' (which
// body each code shows), the outcome's, and the province's where the outcome shows parts of it.
export function resultFiles(table, outcome, province) {
  const { results, placeholders: p } = table;
  const name = (file) => file.replace(p.outcome, outcome).replace(p.province, province || results.no_province);
  const files = [name(results.codes), name(results.outcome)];
  if (province && table.nodes[outcome].province_parts) files.push(name(results.province));
  return files;
}

// The result's article for the state `walk` (code `token`), from its files as resultFiles lists
// them, parsed; null if they do not hold it. A body is the outcome's parts in order, with runs of
// the province's parts put in before some of them: [outcome body, at, [province parts], at, …].
function resultArticle(data, walk, [codes, outcome, province]) {
  const { table } = data;
  if (!codes || !outcome || !Object.hasOwn(codes.codes, walk.answers)) return null;
  const [own, ...runs] = codes.bodies[codes.codes[walk.answers]];
  if (runs.length && !province) return null;
  const parts = outcome.bodies[own].map((number) => outcome.parts[number]);
  for (let i = runs.length - 2; i >= 0; i -= 2) {
    parts.splice(runs[i], 0, ...runs[i + 1].map((number) => province.parts[number]));
  }
  // A question's wording follows an answer given before it, so the walk's answers choose it.
  const rows = walk.steps.map(([node, index]) => data.rows[asked(table.nodes[node], walk.chosen).view][index]).join("");
  const p = table.placeholders;
  const article = outcome.frame.replace(p.body, () => parts.join("")).replace(p.rows, () => rows);
  return fill(table, article, walk.answers);
}

// What the page shows for a state, as Python's decision_tree.web.view gives it.
function made(table, walk, token, html) {
  const entry = asked(table.nodes[walk.node], walk.chosen);
  return {
    html,
    token,
    query: queryFor(table, token),
    title: entry.title,
    announce: entry.announce.replaceAll(table.placeholders.number, String(walk.steps.length + 1)),
    notice: "",
    complete: Boolean(entry.result),
  };
}

// The view of the state with code `token`: {view} at once (a question), or {files, assemble} for a
// result: assemble(the listed files, fetched and parsed) gives its view; null where Python must answer
// (a mistyped code too: Python says so).
// `data` holds the widget's blocks: `table` (the routing table), `templates` and `rows` (each
// answer's row of "Your answers", by question and choice).
export function show(data, token) {
  const { table } = data;
  const walk = follow(table, token);
  if (!walk) return null;
  token = walk.token; // as today's tree writes it ("" for a code with no answers: the start)
  if (!table.nodes[walk.node].result) {
    const template = data.templates[token ? asked(table.nodes[walk.node], walk.chosen).view : ""];
    if (template === undefined) return null;
    return { view: made(table, walk, token, fill(table, template, walk.answers)) };
  }
  return {
    files: resultFiles(table, walk.node, walk.province),
    assemble(loaded) {
      const html = resultArticle(data, walk, loaded);
      return html === null ? null : made(table, walk, token, html);
    },
  };
}

// The results files a step from the question at `token` may need, to fetch while the reader reads it.
export function prefetch(table, token) {
  const walk = follow(table, token);
  const question = walk && table.nodes[walk.node];
  if (!question || question.result) return [];
  const files = new Set();
  question.next.forEach((next, index) => {
    const choice = question.choices[index];
    const node = leadsTo(next, { ...walk.chosen, [walk.node]: choice });
    if (node && table.nodes[node]?.result) {
      for (const file of resultFiles(table, node, question.province ? choice : walk.province)) files.add(file);
    }
  });
  return [...files];
}

// The answer the reader gave at the question of `token` on the way to `reached` (a deeper state of
// the same walk, where Back came from): its choice id, or "" when `reached` did not go on from here.
export function givenBefore(table, token, reached) {
  const here = follow(table, token);
  const there = reached ? follow(table, reached) : null;
  if (!here || !there || there.steps.length <= here.steps.length) return "";
  const same = here.steps.every(([node, index], i) => there.steps[i][0] === node && there.steps[i][1] === index);
  const [node, index] = there.steps[here.steps.length];
  return same && node === here.node ? table.nodes[node].choices[index] : "";
}
