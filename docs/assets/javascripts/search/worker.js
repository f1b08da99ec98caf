// The site's search, in place of mkdocs-material's lunr worker, speaking the theme's messages
// (SETUP → READY, QUERY → RESULT) so that the theme's search box, keyboard and result list stay
// as they are. Why: the theme's Chinese query segmentation never matches a word that ends the
// query, and its lunr lexer splits A-D-L-I into letters (CONTRIBUTING.md, design notes: "A search
// of our own, in the theme's clothes").
//
// Every clause or section of the index is one result entry. Text is compared in a compact form
// (NFKC, lower case, without spaces and punctuation), so 方法展开学习整合 finds 方法﹣展开﹣学习﹣整合
// and A-D-L-I finds a-d-l-i; ranking counts the query's character pairs (bigrams) found in a
// clause, with a bonus for the whole phrase, so 领导班子绩效评价 finds 对领导班子的绩效评价.
// Each result links to its clause with ?h= the words as printed, which highlight.js marks.
//
// A query is read several ways and each entry keeps its best reading: as typed; without the words
// of a question (什么是, 如何, 哪些 … in lexicon.json: 什么是组织治理 reads 组织治理); with the
// field's words a reader writes put as the standard writes them (测评 as 评价). A question for a
// meaning favours the term as clause 3 defines it, a question for points puts table A.1 first or
// second. With nothing found, the nearest titles are offered (SUGGEST, asked by nearest.js).
"use strict";

const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;
const SUGGEST = 4; // ours, not the theme's: nearest.js asks its own copy of this worker
const SUGGESTIONS = 5;

const EDITORIAL = /^(#|$|usage\/)/; // the home page and the user guide: how to use the site, not the standard
const MAX_RESULTS = 20;

let entries = [];

// Particles readers add or drop (战略的制定, 公众和社会): 的 is left out, 和 read as 与.
const PARTICLES = { 的: "", 和: "与" };

// The compact form of a text, and for each of its characters the index in the original.
function compact(text) {
  let form = "";
  const origin = [];
  for (let i = 0; i < text.length; i++) {
    const ch = (PARTICLES[text[i]] ?? text[i]).normalize("NFKC").toLowerCase();
    if (/[\p{L}\p{N}]/u.test(ch)) {
      form += ch;
      for (let n = 0; n < ch.length; n++) origin.push(i);
    }
  }
  return { form, origin };
}

function plain(html) {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/\u200b/g, "")
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

function pairs(form) {
  if (form.length < 2) return form ? [form] : [];
  const found = [];
  for (let i = 0; i + 1 < form.length; i++) found.push(form.slice(i, i + 2));
  return found;
}

// What lexicon.json says, in compact form (longest words first, so 是什么意思 goes before 什么).
let lexicon = { questions: [], definition: [], definitions: null, points: [], pointsClause: null,
  synonyms: [], nothingFound: null };

async function loadLexicon() {
  const forms = (words) => [...new Set(words.map((word) => compact(word).form).filter(Boolean))]
    .sort((a, b) => b.length - a.length);
  try {
    const response = await fetch(new URL("lexicon.json", self.location.href));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const data = await response.json();
    lexicon = {
      questions: forms(data.questions.words),
      definition: forms(data.questions.definition),
      definitions: data.questions.definitions,
      points: forms(data.points.words),
      pointsClause: data.points.clause,
      synonyms: data.synonyms.pairs.map(([reader, standard]) => [compact(reader).form, compact(standard).form]),
      nothingFound: data.nothing_found,
    };
  } catch (error) {
    // Terms, titles and numbers are found as printed without it; questions and synonyms are not.
    console.warn("search: lexicon.json not read:", error);
  }
}

function setup(docs) {
  entries = docs.map((doc) => {
    const title = plain(doc.title);
    const text = plain(doc.text);
    const titleForm = compact(title);
    const number = title.match(/^([A-Z]?[\d.]+)\s/); // 4.7.4 财务结果, C.1 …
    return {
      location: doc.location,
      title,
      text,
      titleForm,
      textForm: compact(text),
      number: number ? compact(number[1]).form : null,
      name: titleForm.form.replace(/^[a-z]?\d+/, ""), // the title without its clause number
      words: title.replace(/^[A-Z]?[\d.]+\s*/, "").replace(/[\s\p{P}]*[A-Za-z][A-Za-z\s]*$/u, "")
        .replace(/[：:]$/, ""), // as printed, without number and English: 社会, 组织治理
      weight: EDITORIAL.test(doc.location) ? 0.3 : 1,
    };
  });
  for (const entry of entries) entry.term = compact(entry.words).form;
}

// The words of the query as printed in `text`: the longest runs of its pairs found there.
function printedWords(query, { form, origin }, text) {
  const words = [];
  let i = 0;
  while (i < query.length) {
    let best = "";
    for (let j = query.length; j > i + 1 && !best; j--) {
      if (form.includes(query.slice(i, j))) best = query.slice(i, j);
    }
    if (best) {
      const at = form.indexOf(best);
      words.push(text.slice(origin[at], origin[at + best.length - 1] + 1));
      i += best.length;
    } else i += 1;
  }
  return [...new Set(words)];
}

function score(entry, query, queryPairs) {
  let points = entry.number === query ? 100 : 0; // a clause number
  const title = entry.titleForm.form;
  const text = entry.textForm.form;
  const inTitle = queryPairs.filter((pair) => title.includes(pair)).length;
  const inText = queryPairs.filter((pair) => text.includes(pair)).length;
  const coverage = Math.max(inTitle, inText) / queryPairs.length;
  if (coverage < 0.6 && !points) return 0;
  if (title.includes(query)) points += 20;
  if (entry.name === query) points += 20;
  let times = 0;
  for (let at = text.indexOf(query); at !== -1; at = text.indexOf(query, at + 1)) times++;
  if (times) points += 8 + 2 * Math.log2(1 + times);
  points += 6 * (inTitle / queryPairs.length) + 10 * coverage ** 3;
  return points * entry.weight;
}

function without(form, words) {
  let rest = form;
  for (const word of words) rest = rest.split(word).join("");
  return rest;
}

// The readings of a query (compact forms), and what it asks: a meaning, points.
function read(raw) {
  const query = compact(raw.replace(/[*~^+]/g, "")).form;
  const withoutPoints = without(query, lexicon.points);
  const content = without(withoutPoints, lexicon.questions);
  const forms = new Set([query, content].filter(Boolean));
  for (const form of [...forms]) {
    let swapped = form;
    for (const [reader, standard] of lexicon.synonyms) swapped = swapped.split(reader).join(standard);
    forms.add(swapped);
  }
  return {
    forms: [...forms],
    content,
    meaning: lexicon.definition.some((word) => withoutPoints.includes(word)),
    points: withoutPoints !== query,
  };
}

function search(raw) {
  const reading = read(raw);
  if (!reading.forms.length) return { items: [] };
  const ranked = [];
  for (const entry of entries) {
    let best = [0, null];
    for (const form of reading.forms) {
      let points = score(entry, form, [...new Set(pairs(form))]);
      const defines = reading.meaning && entry.term === reading.content
        && entry.location.startsWith(lexicon.definitions);
      if (points > 0 && defines) points += 50;
      if (points > best[0]) best = [points, form];
    }
    if (best[0] > 0) ranked.push([best[0], entry, best[1]]);
  }
  ranked.sort((a, b) => b[0] - a[0]);
  if (reading.points) pointsSecond(ranked, reading.content);
  const items = ranked.slice(0, MAX_RESULTS).map(([points, entry, form]) => {
    const words = printedWords(form, entry.textForm, entry.text)
      .concat(printedWords(form, entry.titleForm, entry.title));
    const [path, anchor] = entry.location.split("#");
    const highlight = `?h=${encodeURIComponent([...new Set(words)].join(" "))}`;
    const location = `${path}${words.length ? highlight : ""}${anchor ? `#${anchor}` : ""}`;
    return [{
      location,
      title: escape(entry.title),
      text: escape(entry.text.slice(0, 160)),
      score: points,
      terms: Object.fromEntries(words.map((word) => [word, true])),
    }];
  });
  return { items };
}

// A question for points: table A.1 first when it asks nothing else, else second (after the item
// it names), unless it ranks higher already.
function pointsSecond(ranked, content) {
  const at = ranked.findIndex(([, entry]) => entry.location === lexicon.pointsClause);
  const place = content && ranked.length ? 1 : 0;
  if (at !== -1 && at <= place) return;
  const table = at === -1
    ? [0, entries.find((entry) => entry.location === lexicon.pointsClause), lexicon.pointsClause]
    : ranked.splice(at, 1)[0];
  if (!table[1]) return;
  table[0] = ranked.length ? ranked[Math.min(place, ranked.length - 1)][0] : 1;
  table[2] = content;
  ranked.splice(place, 0, table);
}

// With nothing found: the titles nearest the query (the most of its character pairs, then of its
// characters), else the categories, so that a reader always has somewhere to go.
function suggest(raw) {
  const { content, forms } = read(raw);
  const form = content || forms[0] || "";
  const chars = new Set(form);
  const seen = new Set();
  const nearest = [];
  for (const entry of entries) {
    if (entry.weight < 1 || entry.term.length < 2 || seen.has(entry.term)) continue;
    seen.add(entry.term);
    const shared = pairs(form).filter((pair) => pair.length === 2 && entry.term.includes(pair)).length;
    const common = [...new Set(entry.term)].filter((ch) => chars.has(ch)).length;
    if (shared || common >= 2) nearest.push([shared + common / 10, entry.words]);
  }
  nearest.sort((a, b) => b[0] - a[0]);
  const words = nearest.slice(0, 6).map(([, words]) => words);
  const categories = entries.filter((entry) => /^guide\/4\.\d\/$/.test(entry.location))
    .map((entry) => entry.words);
  const say = lexicon.nothingFound ?? { lead: "", fallback_lead: "", label: "" };
  return words.length
    ? { query: raw, lead: say.lead, label: say.label, words }
    : { query: raw, lead: say.fallback_lead, label: say.label, words: categories };
}

function escape(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// On the calculator page (build_scripts/hooks/search_worker.py names this worker there with
// #after-engine) the index is set up once the calculator's engine has started or failed: on two
// cores, setting it up at once slowed the engine's start. The page says so on a BroadcastChannel
// (calculator/app.mjs), and answers a worker that asks later (nearest.js's copy).
const ENGINE_CHANNEL = "calculator-engine";
const ENGINE_WAIT_MS = 10_000; // a page whose calculator never says: search all the same

function engineSettled() {
  if (self.location.hash !== "#after-engine" || typeof BroadcastChannel === "undefined") {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const channel = new BroadcastChannel(ENGINE_CHANNEL);
    const done = () => {
      clearTimeout(timer);
      channel.close();
      resolve();
    };
    const timer = setTimeout(done, ENGINE_WAIT_MS);
    channel.onmessage = ({ data }) => data === "settled" && done();
    channel.postMessage("settled?");
  });
}

addEventListener("message", ({ data: message }) => {
  switch (message.type) {
    case SETUP:
      Promise.all([engineSettled(), loadLexicon()]).then(() => {
        setup(message.data.docs);
        postMessage({ type: READY });
      });
      return;
    case QUERY:
      postMessage({ type: RESULT, data: search(message.data) });
      return;
    case SUGGEST:
      postMessage({ type: SUGGESTIONS, data: suggest(message.data) });
      return;
    default:
      throw new TypeError(`Invalid message type: ${message.type}`);
  }
});
