// The compare page: reads ?ids=a,b,c from its URL, fetches compare/<slug>.json for each (written
// at build time by casebook/outputs/browse.py from the model) and shows them side by side in one table.

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const root = document.getElementById("cb-compare");
const statusLine = document.getElementById("cb-compare-status");
const region = document.getElementById("cb-compare-region");
const table = document.getElementById("cb-compare-table");
const siteRoot = new URL(root.dataset.root, window.location.href);
const MIN = Number(root.dataset.min);
const MAX = Number(root.dataset.max);

function chosenSlugs() {
  const raw = new URLSearchParams(window.location.search).get("ids") || "";
  return [...new Set(raw.split(",").map((slug) => slug.trim()).filter((slug) => SLUG.test(slug)))];
}

async function fetchRecord(slug) {
  const response = await fetch(new URL(`${slug}.json`, window.location.href));
  return response.ok ? response.json() : null;
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function link(text, url) {
  const anchor = element("a", text);
  anchor.href = new URL(url, siteRoot).href;
  return anchor;
}

function list(items, ordered = false) {
  const node = element(ordered ? "ol" : "ul");
  for (const content of items) {
    const item = element("li");
    item.append(...content);
    node.append(item);
  }
  return node;
}

// Each row: a label and how to fill one case study's cell.
const ROWS = [
  ["Councils", (cs) => list(cs.councils.map((c) => [link(c.name, c.url), ` (${[c.type, c.region, c.nation].filter(Boolean).join(", ")})`]))],
  ["Theme", (cs) => link(cs.theme.name, cs.theme.url)],
  ["3R stage", (cs) => link(`Stage ${cs.stage.id}: ${cs.stage.name}`, cs.stage.url)],
  ["Years", (cs) => document.createTextNode(cs.years)],
  ["Status", (cs) => document.createTextNode(cs.status)],
  ["Largest annual saving", (cs) => document.createTextNode(cs.annual_saving ? `${cs.annual_saving} a year` : "None reported")],
  ["Outcomes", (cs) => (cs.outcomes.length ? list(cs.outcomes.map(outcome)) : document.createTextNode("No figures reported"))],
  ["Sources", (cs) => list(cs.sources.map(source), true)],
];

function outcome(o) {
  const figure = element("strong", o.figure);
  return [`${o.measure}: `, figure, ` (${o.basis}, ${o.year}; evidence: ${o.evidence}; source ${o.source})`];
}

function source(s) {
  const anchor = element("a", s.title);
  anchor.href = s.url;
  anchor.rel = "noopener";
  const more = [s.publisher, s.date].filter(Boolean).join(", ");
  return more ? [anchor, ` (${more})`] : [anchor];
}

function headerCell(cs, slugs) {
  const cell = element("th");
  cell.scope = "col";
  cell.dataset.slug = cs.slug;
  const remove = element("button", "Remove", "md-button cb-compare__remove");
  remove.type = "button";
  remove.setAttribute("aria-label", `Remove ${cs.title} from the comparison`);
  remove.addEventListener("click", () => choose(slugs.filter((slug) => slug !== cs.slug)));
  cell.append(link(cs.title, cs.url), element("br"), remove);
  return cell;
}

function renderTable(records, slugs) {
  const caption = table.querySelector("caption");
  const head = element("thead");
  const headRow = element("tr");
  const corner = element("th", "Case study");
  corner.scope = "col";
  headRow.append(corner, ...records.map((cs) => headerCell(cs, slugs)));
  head.append(headRow);
  const body = element("tbody");
  for (const [label, fill] of ROWS) {
    const row = element("tr");
    const heading = element("th", label);
    heading.scope = "row";
    row.append(heading, ...records.map((cs) => {
      const cell = element("td");
      cell.dataset.slug = cs.slug;
      cell.append(fill(cs));
      return cell;
    }));
    body.append(row);
  }
  table.replaceChildren(caption, head, body);
}

/** Change the choice: a new history entry, so back returns to the previous comparison. */
function choose(slugs) {
  const query = slugs.length ? `?ids=${slugs.join(",")}` : "";
  window.history.pushState(null, "", window.location.pathname + query);
  render();
}

async function render() {
  root.dataset.state = "busy";
  const slugs = chosenSlugs();
  const shown = slugs.slice(0, MAX);
  const records = await Promise.all(shown.map(fetchRecord));
  const missing = shown.filter((_, index) => !records[index]);
  const found = records.filter(Boolean);
  const notes = [];
  if (missing.length) notes.push(`No case study called ${missing.map((slug) => `“${slug}”`).join(", ")}.`);
  if (slugs.length > MAX) notes.push(`Only the first ${MAX} are shown.`);
  if (found.length < MIN) {
    notes.push(`Choose at least ${MIN} case studies to compare.`);
    region.hidden = true;
  } else {
    notes.unshift(`Comparing ${found.length} case studies.`);
    renderTable(found, found.map((cs) => cs.slug));
    region.hidden = false;
  }
  statusLine.textContent = notes.join(" ");
  root.dataset.state = "done";
}

root.hidden = false;
window.addEventListener("popstate", render);
render();
