// Arriving from a search result (?h=…): mark the query's words, as printed, in the page's text.
// The search worker (worker.js) puts the words there exactly as the clause prints them, so a
// phrase is marked whole (A-D-L-I, not each of its letters; 预算执行准确率, not 预算 and 执行).
"use strict";
(() => {
  const words = (new URLSearchParams(location.search).get("h") || "")
    .split(" ")
    .filter((word) => word.length > 1)
    .sort((a, b) => b.length - a.length);
  const content = document.querySelector(".md-content article");
  if (!words.length || !content) return;
  const pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
  const nodes = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    pattern.lastIndex = 0;
    if (pattern.test(node.nodeValue)) nodes.push(node);
  }
  for (const node of nodes) {
    const parts = [];
    let last = 0;
    for (const match of node.nodeValue.matchAll(pattern)) {
      parts.push(node.nodeValue.slice(last, match.index));
      const mark = document.createElement("mark");
      mark.dataset.mdHighlight = "";
      mark.textContent = match[0];
      parts.push(mark);
      last = match.index + match[0].length;
    }
    parts.push(node.nodeValue.slice(last));
    node.replaceWith(...parts);
  }
})();
