// The search page's form and its twin, the URL query (?q=energy&theme=commercialisation&stage=1):
// reading one into the other, and turning them into Pagefind's filters and sort. Used by
// assets/search.js, which runs the searches and shows the results.
//
// The URL is untrusted: its values only ever tick, select or fill the page's own controls (written
// at build time by templates/search.md.j2); a value the page does not offer is left out and
// reported, to be named in a visible message as text.
import { PageError, quotedList, required, requiredJSON } from "./helpers.js";

export class SearchForm {
  constructor(root) {
    this.form = root.querySelector("form");
    this.words = this.form && this.form.elements.namedItem("q");
    this.toggle = root.querySelector("#cb-search-toggle");
    if (!this.words || !this.toggle) throw new PageError("the search form is incomplete");
    this.sorts = requiredJSON(root, "sorts"); // URL value -> [Pagefind sort key, direction]
    this.yearFilter = required(root, "yearFilter");
    // Checkbox facets (theme, stage, ... and "has a quantified saving"), in page order.
    this.facetKeys = [...new Set([...this.form.querySelectorAll("input[type=checkbox]")].map((box) => box.name))];
    this.years = [...this.form.elements.namedItem("from").options].map((option) => option.value).filter(Boolean);
  }

  /** The search words, or null when there are none. */
  term(params) {
    return (params.get("q") || "").trim() || null;
  }

  /** The form as URL parameters, without empty values, in form order. */
  params() {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(this.form)) {
      if (String(value).trim() !== "") params.append(key, String(value).trim());
    }
    return params;
  }

  /** Set every control from URL parameters; returns [name, value] pairs the page does not offer. */
  apply(params) {
    const refused = [];
    this.words.value = params.get("q") || "";
    for (const key of this.facetKeys) {
      const boxes = [...this.form.querySelectorAll(`input[type=checkbox][name="${CSS.escape(key)}"]`)];
      const wanted = params.getAll(key).filter(Boolean);
      for (const box of boxes) box.checked = wanted.includes(box.value);
      const offered = new Set(boxes.map((box) => box.value));
      refused.push(...wanted.filter((value) => !offered.has(value)).map((value) => [key, value]));
    }
    for (const name of ["from", "to", "sort"]) {
      const select = this.form.elements.namedItem(name);
      const wanted = params.get(name) || "";
      const offered = [...select.options].some((option) => option.value === wanted);
      select.value = offered ? wanted : "";
      if (!offered) refused.push([name, wanted]);
    }
    this.countChosen();
    return refused;
  }

  /** What refused parameters tell the reader: what was left out, and that the rest was used. */
  describeRefused(refused) {
    const names = [...new Set(refused.map(([key]) => key))];
    const parts = names.map((key) => `${this.labelFor(key)} ${quotedList(refused.filter(([k]) => k === key).map(([, v]) => v))}`);
    const left = refused.length === 1 ? "it was" : "they were";
    return `This link asks for ${parts.join("; ")}, which this search does not offer, so ${left} left out and the results use the rest. Choose the filters again below.`;
  }

  /** The name a reader sees for a URL parameter: its fieldset's legend or its control's label. */
  labelFor(name) {
    const control = this.form.elements.namedItem(name);
    const box = control instanceof RadioNodeList ? control[0] : control;
    const legend = box && box.closest("fieldset") && box.closest("fieldset").querySelector("legend");
    const label = box && box.labels && box.labels[0];
    const text = (legend || label || { textContent: name }).textContent.trim();
    return name === "from" || name === "to" ? `${text} (${name})` : text;
  }

  /** Pagefind filters: any ticked value within a facet, every facet together. */
  filters(params, leaveOut = "") {
    const filters = {};
    for (const key of this.facetKeys) {
      const values = params.getAll(key);
      if (key !== leaveOut && values.length) filters[key] = { any: values };
    }
    const chosen = this.yearsBetween(params.get("from"), params.get("to"));
    if (chosen) filters[this.yearFilter] = { any: chosen };
    return filters;
  }

  /** The years a from/to pair covers, or null when neither end is set. */
  yearsBetween(from, to) {
    if (!from && !to) return null;
    let low = Number(from || this.years[0]);
    let high = Number(to || this.years[this.years.length - 1]);
    if (low > high) [low, high] = [high, low];
    return this.years.filter((year) => Number(year) >= low && Number(year) <= high);
  }

  sort(params) {
    const [key, direction] = this.sorts[params.get("sort") || ""] || ["", ""];
    if (key) return { [key]: direction };
    // With no search words there is no relevance to rank by: fall back to title order.
    return this.term(params) ? {} : { title: "asc" };
  }

  /** "Filters (n chosen)": ticked values, plus the year range when either end is set. */
  countChosen() {
    const ticked = this.form.querySelectorAll("input[type=checkbox]:checked").length;
    const range = ["from", "to"].some((name) => this.form.elements.namedItem(name).value) ? 1 : 0;
    this.toggle.textContent = `Filters (${ticked + range} chosen)`;
  }

  /** Fold or unfold the filters (folded only on a narrow screen; see casebook.css). */
  flip() {
    this.toggle.setAttribute("aria-expanded", String(this.toggle.getAttribute("aria-expanded") !== "true"));
  }

  /** The counts written into the page at build time for the unfiltered view: value -> case studies. */
  totals(key) {
    const totals = {};
    for (const count of this.form.querySelectorAll(`[data-facet="${CSS.escape(key)}"] .cb-facet__count`)) {
      totals[count.dataset.count] = Number(count.dataset.total) || 0;
    }
    return totals;
  }

  /** Write the counts beside one facet's options: value -> how many results ticking it would give. */
  showCounts(key, counts) {
    for (const count of this.form.querySelectorAll(`[data-facet="${CSS.escape(key)}"] .cb-facet__count`)) {
      const value = counts[count.dataset.count] || 0;
      count.textContent = `(${value})`;
      count.closest("label").classList.toggle("cb-facet__option--none", value === 0);
    }
  }
}
