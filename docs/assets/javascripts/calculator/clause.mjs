// An item's clause text, taken from the guide's own page when the reader opens it (never a
// second copy in this page): the heading with the clause's id and what follows it up to the next
// heading of the same or a higher level.

const pages = new Map(); // page URL → Promise of its parsed document

function guidePage(url) {
  if (!pages.has(url)) {
    pages.set(
      url,
      fetch(url).then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.text();
      }).then((html) => new DOMParser().parseFromString(html, "text/html")),
    );
    pages.get(url).catch(() => pages.delete(url)); // let a later open try again
  }
  return pages.get(url);
}

export async function clauseNodes(href) {
  const url = new URL(href, location.href);
  const page = await guidePage(url.href.replace(/#.*$/, ""));
  const heading = page.getElementById(decodeURIComponent(url.hash.slice(1)));
  if (!heading) throw new Error("页面中没有这一条款");
  const level = Number(heading.tagName.slice(1));
  const nodes = [];
  for (let node = heading.nextElementSibling; node; node = node.nextElementSibling) {
    if (/^H[1-6]$/.test(node.tagName) && Number(node.tagName.slice(1)) <= level) break;
    if (node.querySelector(":scope > .scoring-link")) continue; // "score this clause": we are here
    nodes.push(document.importNode(node, true));
  }
  // links and anchors of the guide's page, made to work from this page
  for (const node of nodes) {
    for (const link of [node, ...node.querySelectorAll("[href]")]) {
      if (link.hasAttribute?.("href")) link.href = new URL(link.getAttribute("href"), url).href;
    }
  }
  return nodes;
}
