// The compare page: reads ?ids=a,b,c from its URL, fetches each case study's compare record
// (JSON written at build time from the model) and shows them side by side in one table.
//
// From the page (templates/compare.md.j2): how many can be compared (data-min, data-max), the slug
// rule (data-slug-pattern), the records' address (data-record, with {slug} in it), the column
// heading's markup (a <template>) and the failure message's way forward. The URL is untrusted:
// an id that breaks the slug rule is never fetched, and every id is shown only as text.
import { PageError, clearFailure, cloneTemplate, element, fail, quotedList, required, requiredNumber, setState } from "./helpers.js";

let root, statusLine, region, table, columnTemplate, siteRoot, slugRule, recordAddress, MIN, MAX;
let generation = 0; // each render gets a number; an older one still fetching never overwrites a newer one

function readPage(component) {
  root = component;
  statusLine = root.querySelector("#cb-compare-status");
  region = root.querySelector("#cb-compare-region");
  table = root.querySelector("#cb-compare-table");
  columnTemplate = root.querySelector("#cb-compare-column");
  if (!statusLine || !region || !table) throw new PageError("part of the compare page is missing");
  cloneTemplate(columnTemplate);
  siteRoot = new URL(required(root, "root"), window.location.href);
  slugRule = new RegExp(required(root, "slugPattern"), "u");
  recordAddress = required(root, "record");
  if (!recordAddress.includes("{slug}")) throw new PageError("data-record has no {slug}");
  MIN = requiredNumber(root, "min");
  MAX = requiredNumber(root, "max");
}

/** The ids in the URL, in order and without repeats: those that follow the slug rule, and those that do not. */
function chosenIds() {
  const raw = new URLSearchParams(window.location.search).get("ids") || "";
  const ids = [...new Set(raw.split(",").map((id) => id.trim()).filter(Boolean))];
  return { slugs: ids.filter((id) => slugRule.test(id)), refused: ids.filter((id) => !slugRule.test(id)) };
}

/** One case study's record; null when there is none by that name; throws when it cannot be fetched. */
async function fetchRecord(slug) {
  const address = new URL(recordAddress.replace("{slug}", encodeURIComponent(slug)), window.location.href);
  const response = await fetch(address);
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`the server answered ${response.status} for ${slug}`);
  return response.json();
}

function link(text, url) {
  const anchor = element("a", { text });
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
  ["Headline measure", (cs) => document.createTextNode(cs.headline.measure ? `${cs.headline.measure}: ${cs.headline.figure}${cs.headline.why_not ? ` (${cs.headline.why_not})` : ""}` : "None reported")],
  ["Largest annual saving", (cs) => document.createTextNode(cs.annual_saving ? `${cs.annual_saving} a year` : "None reported")],
  ["Outcomes", (cs) => (cs.outcomes.length ? list(cs.outcomes.map(outcome)) : document.createTextNode("No figures reported"))],
  ["Sources", (cs) => list(cs.sources.map(source), true)],
];

function outcome(o) {
  return [`${o.measure}: `, element("strong", { text: o.figure }), ` (${o.basis}, ${o.year}; evidence: ${o.evidence}; source ${o.source})`];
}

function source(s) {
  const anchor = element("a", { text: s.title });
  anchor.href = s.url;
  anchor.rel = "noopener";
  const more = [s.publisher, s.date].filter(Boolean).join(", ");
  return more ? [anchor, ` (${more})`] : [anchor];
}

/** A column heading, cloned from the page's <template>: the title and a Remove button. */
function headerCell(cs, slugs) {
  const cell = cloneTemplate(columnTemplate);
  cell.dataset.slug = cs.slug;
  const title = cell.querySelector('[data-field="title"]');
  title.textContent = cs.title;
  title.href = new URL(cs.url, siteRoot).href;
  const remove = cell.querySelector('[data-field="remove"]');
  remove.setAttribute("aria-label", `Remove ${cs.title} from the comparison`);
  remove.addEventListener("click", () => choose(slugs.filter((slug) => slug !== cs.slug)));
  return cell;
}

function renderTable(records) {
  const slugs = records.map((cs) => cs.slug);
  const caption = table.querySelector("caption");
  const corner = element("th", { text: "Case study" });
  corner.scope = "col";
  const headRow = element("tr");
  headRow.append(corner, ...records.map((cs) => headerCell(cs, slugs)));
  const head = element("thead");
  head.append(headRow);
  const body = element("tbody");
  for (const [label, fill] of ROWS) {
    const heading = element("th", { text: label });
    heading.scope = "row";
    const row = element("tr");
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
  const query = slugs.length ? `?ids=${slugs.map(encodeURIComponent).join(",")}` : "";
  window.history.pushState(null, "", window.location.pathname + query);
  render();
}

/** Show what the URL asks for; anything that cannot be shown is named in the failure message. */
async function render() {
  const mine = ++generation;
  setState(root, "busy");
  clearFailure(root);
  const { slugs, refused } = chosenIds();
  const shown = slugs.slice(0, MAX);
  let records;
  try {
    records = await Promise.all(shown.map(fetchRecord));
  } catch (error) {
    if (mine !== generation) return;
    region.hidden = true;
    statusLine.textContent = "";
    fail(root, `The case studies could not be loaded (${error.message || error}). Check the connection and reload the page.`);
    return;
  }
  if (mine !== generation) return;
  const found = records.filter(Boolean);
  const unknown = [...refused, ...shown.filter((_, index) => !records[index])];
  const notes = [];
  if (slugs.length > MAX) notes.push(`Only the first ${MAX} are shown.`);
  if (found.length < MIN) {
    notes.push(`Choose at least ${MIN} case studies to compare.`);
    region.hidden = true;
  } else {
    notes.unshift(`Comparing ${found.length} case studies.`);
    renderTable(found);
    region.hidden = false;
  }
  statusLine.textContent = notes.join(" ");
  if (unknown.length) fail(root, `There is no case study called ${quotedList(unknown)}; check the link, or choose again.`);
  else setState(root, "done");
}

export function start(component) {
  component.hidden = false;
  try {
    readPage(component);
  } catch (error) {
    fail(component, `This compare page is incomplete (${error.message}); it needs rebuilding.`, { stop: true });
    return;
  }
  window.addEventListener("popstate", render);
  return render();
}
