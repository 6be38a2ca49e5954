// Faceted search over the Pagefind index (built after the site build; see casebook's search module).
// The form's state lives in the URL query (?q=energy&theme=commercialisation&stage=1), so a view
// can be shared, bookmarked and restored with back and forward. Without JavaScript this file never
// runs, the form stays hidden and the page's <noscript> text links to the full list.
//
// Everything comes from the page (templates/search.md.j2): the index's address, the sort orders,
// the filters and their values, each result's markup (a <template>) and the failure message's way
// forward. The URL is untrusted: its values only ever select among the page's own options or go
// into text, never into markup; values the page does not offer are named in a visible message.
import { refreshComparePick } from "./compare-pick.js";
import { PageError, clearFailure, cloneTemplate, fail, quotedList, required, requiredJSON, setState } from "./helpers.js";

const PAGE_SIZE = 20;
const TYPING_DELAY_MS = 250;

let root, form, queryInput, statusLine, resultList, moreButton, resultTemplate, toggle;
let sorts, yearFilter, siteRoot, facetKeys, years;
let pagefind = null;
let results = [];
let shown = 0;
let generation = 0; // each search gets a number; a slower, older one never overwrites a newer one
let typingTimer = 0;

/** Find the page's parts; a missing one is a PageError (the page was built wrong). */
function readPage(component) {
  root = component;
  form = root.querySelector("form");
  if (!form) throw new PageError("the search form is missing");
  queryInput = form.elements.namedItem("q");
  statusLine = root.querySelector("#cb-search-status");
  resultList = root.querySelector("#cb-search-results");
  moreButton = root.querySelector("#cb-search-more");
  toggle = root.querySelector("#cb-search-toggle");
  resultTemplate = root.querySelector("#cb-search-result");
  if (!queryInput || !statusLine || !resultList || !moreButton || !toggle) throw new PageError("part of the search page is missing");
  cloneTemplate(resultTemplate); // checked now, not at the first result
  sorts = requiredJSON(root, "sorts");
  yearFilter = required(root, "yearFilter");
  siteRoot = new URL(required(root, "root"), window.location.href);
  // Checkbox facets (theme, stage, ... and "has a quantified saving"), in page order.
  facetKeys = [...new Set([...form.querySelectorAll("input[type=checkbox]")].map((box) => box.name))];
  years = [...form.elements.namedItem("from").options].map((option) => option.value).filter(Boolean);
}

/** The form as URL parameters, without empty values, in form order. */
function paramsFromForm() {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) {
    if (String(value).trim() !== "") params.append(key, String(value).trim());
  }
  return params;
}

/** The name a reader sees for a URL parameter: its fieldset's legend or its control's label. */
function labelFor(name) {
  const control = form.elements.namedItem(name);
  const box = control instanceof RadioNodeList ? control[0] : control;
  const legend = box && box.closest("fieldset") && box.closest("fieldset").querySelector("legend");
  const label = box && box.labels && box.labels[0];
  const text = (legend || label || { textContent: name }).textContent.trim();
  return name === "from" || name === "to" ? `${text} (${name})` : text;
}

/** Set every control from URL parameters; returns what the URL asked for that the page does not offer. */
function applyParams(params) {
  const refused = [];
  queryInput.value = params.get("q") || "";
  for (const key of facetKeys) {
    const boxes = [...form.querySelectorAll(`input[type=checkbox][name="${CSS.escape(key)}"]`)];
    const wanted = params.getAll(key).filter(Boolean);
    for (const box of boxes) box.checked = wanted.includes(box.value);
    const offered = new Set(boxes.map((box) => box.value));
    refused.push(...wanted.filter((value) => !offered.has(value)).map((value) => [key, value]));
  }
  for (const name of ["from", "to", "sort"]) {
    const select = form.elements.namedItem(name);
    const wanted = params.get(name) || "";
    const offered = [...select.options].some((option) => option.value === wanted);
    select.value = offered ? wanted : "";
    if (!offered) refused.push([name, wanted]);
  }
  updateToggle();
  return refused;
}

/** What a refused parameter list tells the reader: what was left out, and that the rest was used. */
function describeRefused(refused) {
  const names = [...new Set(refused.map(([key]) => key))];
  const parts = names.map((key) => `${labelFor(key)} ${quotedList(refused.filter(([k]) => k === key).map(([, v]) => v))}`);
  return `This link asks for ${parts.join("; ")}, which this search does not offer, so ${refused.length === 1 ? "it was" : "they were"} left out and the results use the rest. Choose the filters again below.`;
}

/** Pagefind filters: any ticked value within a facet, every facet together. */
function filtersFrom(params, leaveOut = "") {
  const filters = {};
  for (const key of facetKeys) {
    const values = params.getAll(key);
    if (key !== leaveOut && values.length) filters[key] = { any: values };
  }
  const chosen = yearsBetween(params.get("from"), params.get("to"));
  if (chosen) filters[yearFilter] = { any: chosen };
  return filters;
}

/** The years a from/to pair covers, or null when neither end is set. */
function yearsBetween(from, to) {
  if (!from && !to) return null;
  let low = Number(from || years[0]);
  let high = Number(to || years[years.length - 1]);
  if (low > high) [low, high] = [high, low];
  return years.filter((year) => Number(year) >= low && Number(year) <= high);
}

function sortFrom(params, term) {
  const [key, direction] = sorts[params.get("sort") || ""] || ["", ""];
  if (key) return { [key]: direction };
  // With no search words there is no relevance to rank by: fall back to title order.
  return term ? {} : { title: "asc" };
}

/** Run one search for `params`; `refused` are URL values left out, reported once it has run. */
async function runSearch(params, refused = []) {
  const mine = ++generation;
  setState(root, "busy");
  try {
    const term = (params.get("q") || "").trim() || null;
    const response = await pagefind.search(term, { filters: filtersFrom(params), sort: sortFrom(params, term) });
    if (mine !== generation) return;
    if (!response) throw new Error("the index gave no answer");
    results = response.results;
    shown = 0;
    resultList.replaceChildren();
    await showMore(mine);
    if (mine !== generation) return;
    statusLine.textContent = describeCount(results.length);
    await updateCounts(params, term, response);
    if (mine !== generation) return;
    if (refused.length) fail(root, describeRefused(refused));
    else {
      clearFailure(root);
      setState(root, "done");
    }
  } catch (error) {
    if (mine === generation) failSearch(error);
  }
}

function failSearch(error) {
  statusLine.textContent = "";
  fail(root, `The search stopped with an error (${error.message || error}). Try again, or reload the page.`);
}

function describeCount(count) {
  if (count === 0) return "No case studies match. Try fewer filters or other words.";
  return count === 1 ? "1 case study matches." : `${count} case studies match.`;
}

async function showMore(mine) {
  const batch = results.slice(shown, shown + PAGE_SIZE);
  const pages = await Promise.all(batch.map((result) => result.data()));
  if (mine !== generation) return;
  resultList.append(...pages.map(resultItem));
  shown += batch.length;
  moreButton.hidden = shown >= results.length;
  refreshComparePick(); // the new results' Compare boxes
}

/** One result, cloned from the page's <template> and filled in as text. */
function resultItem(page) {
  const item = cloneTemplate(resultTemplate);
  const field = (name) => item.querySelector(`[data-field="${name}"]`);
  item.dataset.slug = page.meta.slug;
  field("title").textContent = page.meta.title;
  field("title").href = page.url;
  field("facts").textContent = page.meta.facts || "";
  if (page.meta.saving) {
    field("saving").textContent = page.meta.saving;
    field("saving").parentElement.hidden = false;
  }
  // Pagefind's excerpt: the page's text with <mark> around the words found.
  if (queryInput.value.trim() && page.excerpt) field("summary").replaceChildren(...excerptNodes(page.excerpt));
  else field("summary").textContent = page.meta.summary || "";
  field("compare").dataset.compareSlug = page.meta.slug;
  field("compare-title").textContent = ` ${page.meta.title}`;
  return item;
}

/** The excerpt as text and <mark> nodes only: it is parsed inertly, never put into the page as markup. */
function excerptNodes(excerpt) {
  const parsed = new DOMParser().parseFromString(`<body>${excerpt}</body>`, "text/html").body;
  return [...parsed.childNodes].map((node) => {
    if (node.nodeName !== "MARK") return document.createTextNode(node.textContent);
    const mark = document.createElement("mark");
    mark.textContent = node.textContent;
    return mark;
  });
}

/**
 * Counts beside each option: how many results ticking it would give. For a facet with ticked
 * values the count comes from the same search without that facet, since its values are alternatives.
 */
async function updateCounts(params, term, response) {
  // Copied first: the searches below may reuse the objects of this response.
  const current = JSON.parse(JSON.stringify(response.filters || {}));
  for (const key of facetKeys) {
    let counts = current[key] || {};
    if (params.getAll(key).length) {
      const without = await pagefind.search(term, { filters: filtersFrom(params, key) });
      counts = (without && without.filters[key]) || {};
    }
    for (const count of form.querySelectorAll(`[data-facet="${CSS.escape(key)}"] .cb-facet__count`)) {
      const value = counts[count.dataset.count] || 0;
      count.textContent = `(${value})`;
      count.closest("label").classList.toggle("cb-facet__option--none", value === 0);
    }
  }
}

/** "Filters (n chosen)": ticked values, plus the year range when either end is set. */
function updateToggle() {
  const ticked = form.querySelectorAll("input[type=checkbox]:checked").length;
  const range = ["from", "to"].some((name) => form.elements.namedItem(name).value) ? 1 : 0;
  toggle.textContent = `Filters (${ticked + range} chosen)`;
}

/** Put the form's state in the address; typing replaces the entry, other changes add one. */
function updateAddress(push) {
  const query = paramsFromForm().toString();
  const address = window.location.pathname + (query ? `?${query}` : "");
  if (address === window.location.pathname + window.location.search) return;
  if (push) window.history.pushState(null, "", address);
  else window.history.replaceState(null, "", address);
}

function onChange(push) {
  updateToggle();
  updateAddress(push);
  return runSearch(paramsFromForm());
}

function wireForm() {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.clearTimeout(typingTimer);
    onChange(true);
  });
  form.addEventListener("change", (event) => {
    if (event.target !== queryInput) onChange(true);
  });
  queryInput.addEventListener("input", () => {
    window.clearTimeout(typingTimer);
    typingTimer = window.setTimeout(() => onChange(false), TYPING_DELAY_MS);
  });
  // The reset event fires before the controls are cleared.
  form.addEventListener("reset", () => window.setTimeout(() => onChange(true), 0));
  toggle.addEventListener("click", () => {
    toggle.setAttribute("aria-expanded", String(toggle.getAttribute("aria-expanded") !== "true"));
  });
  moreButton.addEventListener("click", () => {
    const mine = generation;
    showMore(mine).catch((error) => mine === generation && failSearch(error));
  });
  window.addEventListener("popstate", () => {
    const refused = applyParams(new URLSearchParams(window.location.search));
    runSearch(paramsFromForm(), refused);
  });
}

/** Load the index; on failure the form goes (it cannot work) and the message says where to go instead. */
async function loadIndex() {
  try {
    pagefind = await import(new URL(required(root, "pagefind"), window.location.href).href);
    await pagefind.options({ baseUrl: siteRoot.pathname });
    await pagefind.init();
    // Loads every filter's index: searches report counts only for filters already loaded.
    await pagefind.filters();
    return true;
  } catch (error) {
    fail(root, "The search index could not be loaded, so searching is not possible just now. Reload the page to try again. (On a preview of the site, search works only after a full build: make build.)", { stop: true });
    return false;
  }
}

export async function start(component) {
  component.hidden = false;
  setState(component, "busy");
  try {
    readPage(component);
  } catch (error) {
    fail(component, `This search page is incomplete (${error.message}); it needs rebuilding.`, { stop: true });
    return;
  }
  // The search runs on the form as set from the URL: values the page does not offer are left out.
  const refused = applyParams(new URLSearchParams(window.location.search));
  if (!(await loadIndex())) return;
  wireForm();
  await runSearch(paramsFromForm(), refused);
}
