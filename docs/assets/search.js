// Faceted search over the Pagefind index (built after the site build; see casebook's search module).
// The form's state lives in the URL query (assets/search-form.js), so a view can be shared,
// bookmarked and restored with back and forward. Without JavaScript this file never runs, the form
// stays hidden and the page's <noscript> text links to the full list.
//
// Everything comes from the page (templates/search.md.j2): the index's address, each result's
// markup (a <template>) and the failure message's way forward. Results are filled in as text; a
// Pagefind excerpt keeps only its text and <mark>s.
import { refreshComparePick } from "./compare-pick.js";
import { PageError, clearFailure, cloneTemplate, fail, required, setState } from "./helpers.js";
import { SearchForm } from "./search-form.js";

const PAGE_SIZE = 20;
const TYPING_DELAY_MS = 250;

let root, form, statusLine, resultList, moreButton, resultTemplate, siteRoot;
let pagefind = null;
let filtersLoaded = null; // the promise of every filter index, once a view needs them (updateCounts)
let filtersReady = false; // true once they have all arrived
let results = [];
let shown = 0;
let generation = 0; // each search gets a number; a slower, older one never overwrites a newer one
let typingTimer = 0;

/** Find the page's parts; a missing one is a PageError (the page was built wrong). */
function readPage(component) {
  root = component;
  form = new SearchForm(root);
  statusLine = root.querySelector("#cb-search-status");
  resultList = root.querySelector("#cb-search-results");
  moreButton = root.querySelector("#cb-search-more");
  resultTemplate = root.querySelector("#cb-search-result");
  if (!statusLine || !resultList || !moreButton) throw new PageError("part of the search page is missing");
  cloneTemplate(resultTemplate); // checked now, not at the first result
  siteRoot = new URL(required(root, "root"), window.location.href);
}

/** Run one search for `params`; `refused` are URL values left out, reported once it has run. */
async function runSearch(params, refused = []) {
  const mine = ++generation;
  setState(root, "busy");
  try {
    const term = form.term(params);
    const counted = filtersReady; // a search run before every filter index arrived has no counts for them
    const response = await pagefind.search(term, { filters: form.filters(params), sort: form.sort(params) });
    if (mine !== generation) return;
    if (!response) throw new Error("the index gave no answer");
    results = response.results;
    shown = 0;
    resultList.replaceChildren();
    await showMore(mine);
    if (mine !== generation) return;
    statusLine.textContent = describeCount(results.length);
    await updateCounts(params, term, counted ? response : null);
    if (mine !== generation) return;
    if (refused.length) fail(root, form.describeRefused(refused));
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
  if (form.words.value.trim() && page.excerpt) field("summary").replaceChildren(...excerptNodes(page.excerpt));
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
 *
 * The unfiltered view's counts are written into the page at build time, so opening the search page
 * loads no filter index. Any other view needs every filter's index (Pagefind counts only the filters
 * it has loaded): they are fetched once, after the first results are shown, and kept.
 */
async function updateCounts(params, term, response) {
  if (!term && !Object.keys(form.filters(params)).length) {
    for (const key of form.facetKeys) form.showCounts(key, form.totals(key));
    return;
  }
  if (!filtersLoaded) {
    filtersLoaded = pagefind.filters().then(
      () => { filtersReady = true; },
      (error) => { filtersLoaded = null; throw error; }, // the next search tries again
    );
  }
  await filtersLoaded;
  // `response` is null when its search ran before the filter indexes arrived: ask again (no download).
  const counted = response || (await pagefind.search(term, { filters: form.filters(params) }));
  // Copied first: the searches below may reuse the objects of this response.
  const current = JSON.parse(JSON.stringify((counted && counted.filters) || {}));
  for (const key of form.facetKeys) {
    let counts = current[key] || {};
    if (params.getAll(key).length) {
      const without = await pagefind.search(term, { filters: form.filters(params, key) });
      counts = (without && without.filters[key]) || {};
    }
    form.showCounts(key, counts);
  }
}

/** Put the form's state in the address; typing replaces the entry, other changes add one. */
function updateAddress(push) {
  const query = form.params().toString();
  const address = window.location.pathname + (query ? `?${query}` : "");
  if (address === window.location.pathname + window.location.search) return;
  if (push) window.history.pushState(null, "", address);
  else window.history.replaceState(null, "", address);
}

function onChange(push) {
  form.countChosen();
  updateAddress(push);
  return runSearch(form.params());
}

function wireForm() {
  form.form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.clearTimeout(typingTimer);
    onChange(true);
  });
  form.form.addEventListener("change", (event) => {
    if (event.target !== form.words) onChange(true);
  });
  form.words.addEventListener("input", () => {
    window.clearTimeout(typingTimer);
    typingTimer = window.setTimeout(() => onChange(false), TYPING_DELAY_MS);
  });
  // The reset event fires before the controls are cleared.
  form.form.addEventListener("reset", () => window.setTimeout(() => onChange(true), 0));
  form.toggle.addEventListener("click", () => form.flip());
  moreButton.addEventListener("click", () => {
    const mine = generation;
    showMore(mine).catch((error) => mine === generation && failSearch(error));
  });
  window.addEventListener("popstate", () => {
    const refused = form.apply(new URLSearchParams(window.location.search));
    runSearch(form.params(), refused);
  });
}

/** Load the index; on failure only the message stays, saying where to go instead. */
async function loadIndex() {
  try {
    pagefind = await import(new URL(required(root, "pagefind"), window.location.href).href);
    await pagefind.options({ baseUrl: siteRoot.pathname });
    await pagefind.init();
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
  const refused = form.apply(new URLSearchParams(window.location.search));
  if (!(await loadIndex())) return;
  wireForm();
  await runSearch(form.params(), refused);
}
