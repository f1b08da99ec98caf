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
"use strict";

const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;

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
      weight: EDITORIAL.test(doc.location) ? 0.3 : 1,
    };
  });
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

function search(raw) {
  const query = compact(raw.replace(/[*~^+]/g, "")).form;
  if (!query) return { items: [] };
  const queryPairs = [...new Set(pairs(query))];
  const ranked = [];
  for (const entry of entries) {
    const points = score(entry, query, queryPairs);
    if (points > 0) ranked.push([points, entry]);
  }
  ranked.sort((a, b) => b[0] - a[0]);
  const items = ranked.slice(0, MAX_RESULTS).map(([points, entry]) => {
    const words = printedWords(query, entry.textForm, entry.text)
      .concat(printedWords(query, entry.titleForm, entry.title));
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

function escape(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

addEventListener("message", ({ data: message }) => {
  switch (message.type) {
    case SETUP:
      setup(message.data.docs);
      postMessage({ type: READY });
      return;
    case QUERY:
      postMessage({ type: RESULT, data: search(message.data) });
      return;
    default:
      throw new TypeError(`Invalid message type: ${message.type}`);
  }
});
