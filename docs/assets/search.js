// Faceted search over the Pagefind index (built by casebook/outputs/search.py after the site build).
// The form's state lives in the URL query (?q=energy&theme=commercialisation&stage=1), so a view
// can be shared, bookmarked and restored with back and forward. Without JavaScript this file never
// runs, the form stays hidden and the page's <noscript> text links to the full list.

const PAGE_SIZE = 20;
const TYPING_DELAY_MS = 250;

const root = document.getElementById("cb-search");
const form = root.querySelector("form");
const queryInput = form.elements.namedItem("q");
const statusLine = document.getElementById("cb-search-status");
const resultList = document.getElementById("cb-search-results");
const moreButton = document.getElementById("cb-search-more");
const sorts = JSON.parse(root.dataset.sorts);
const yearFilter = root.dataset.yearFilter;
const siteRoot = new URL(root.dataset.root, window.location.href);
// Checkbox facets (theme, stage, ... and "has a quantified saving"), in page order.
const facetKeys = [...new Set([...form.querySelectorAll("input[type=checkbox]")].map((box) => box.name))];
const years = [...form.elements.namedItem("from").options].map((option) => option.value).filter(Boolean);

let pagefind = null;
let results = [];
let shown = 0;
let generation = 0; // each search gets a number; a slower, older one never overwrites a newer one
let typingTimer = 0;

/** The form as URL parameters, without empty values, in form order. */
function paramsFromForm() {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) {
    if (String(value).trim() !== "") params.append(key, String(value).trim());
  }
  return params;
}

/** Set every control from URL parameters (on load and on back/forward). */
function applyParams(params) {
  queryInput.value = params.get("q") || "";
  for (const box of form.querySelectorAll("input[type=checkbox]")) {
    box.checked = params.getAll(box.name).includes(box.value);
  }
  for (const name of ["from", "to", "sort"]) {
    const select = form.elements.namedItem(name);
    const wanted = params.get(name) || "";
    select.value = [...select.options].some((option) => option.value === wanted) ? wanted : "";
  }
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

async function runSearch(params) {
  const mine = ++generation;
  root.dataset.state = "busy";
  const term = (params.get("q") || "").trim() || null;
  const filters = filtersFrom(params);
  const response = await pagefind.search(term, { filters, sort: sortFrom(params, term) });
  if (mine !== generation || !response) return;
  results = response.results;
  shown = 0;
  resultList.replaceChildren();
  await showMore(mine);
  if (mine !== generation) return;
  statusLine.textContent = describeCount(results.length);
  await updateCounts(params, term, response);
  if (mine === generation) root.dataset.state = "done";
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
  document.dispatchEvent(new CustomEvent("cb:compare-refresh"));
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

/** One result, marked up like the case-study lists (assets/compare-pick.js adds the Compare box). */
function resultItem(page) {
  const item = element("li", "cb-item");
  item.dataset.slug = page.meta.slug;
  const title = element("a", "cb-item__title", page.meta.title);
  title.href = page.url;
  item.append(title, element("p", "cb-item__meta", page.meta.facts));
  if (page.meta.saving) item.append(element("p", "cb-item__saving", `Largest annual saving: ${page.meta.saving}`));
  const summary = element("p", "cb-item__summary");
  // Pagefind's excerpt is escaped page text with <mark> around the words found.
  if (queryInput.value.trim() && page.excerpt) summary.innerHTML = page.excerpt;
  else summary.textContent = page.meta.summary || "";
  item.append(summary, comparePick(page.meta.slug, page.meta.title));
  return item;
}

function comparePick(slug, title) {
  const label = element("label", "cb-compare-pick");
  label.hidden = true;
  const box = element("input");
  box.type = "checkbox";
  box.dataset.compareSlug = slug;
  box.dataset.compareUrl = new URL(root.dataset.compare, window.location.href).href;
  label.append(box, " Compare", element("span", "cb-visually-hidden", ` ${title}`));
  return label;
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
    for (const count of form.querySelectorAll(`[data-facet="${key}"] .cb-facet__count`)) {
      const value = counts[count.dataset.count] || 0;
      count.textContent = `(${value})`;
      count.closest("label").classList.toggle("cb-facet__option--none", value === 0);
    }
  }
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
  moreButton.addEventListener("click", () => showMore(generation));
  window.addEventListener("popstate", () => {
    const params = new URLSearchParams(window.location.search);
    applyParams(params);
    runSearch(params);
  });
}

async function start() {
  root.hidden = false;
  const params = new URLSearchParams(window.location.search);
  applyParams(params);
  try {
    pagefind = await import(new URL(root.dataset.pagefind, window.location.href).href);
    await pagefind.options({ baseUrl: siteRoot.pathname });
    await pagefind.init();
    // Loads every filter's index: searches report counts only for filters already loaded.
    await pagefind.filters();
  } catch (error) {
    statusLine.textContent = "The search index could not be loaded. It is made by `build_site.py build`, not by the live preview; every case study is on the All case studies page.";
    root.dataset.state = "failed";
    return;
  }
  wireForm();
  await runSearch(params);
}

start();
