// Tick-to-compare, started on every page by assets/casebook.js but active only where a page has
// Compare controls: the boxes on case-study lists and search results, the button on a case study.
// The choice is kept for this browser tab while moving between pages; the compare page itself
// reads only its URL (?ids=a,b), so a comparison can be sent to someone else.
//
// The page's contract: a control is any element with data-compare-slug inside a container that
// carries data-compare-url (the compare page), data-compare-min and data-compare-max (how many
// case studies it shows). Controls start hidden and are shown here. A script that adds controls
// later (assets/search.js) calls refreshComparePick() once they are in the page. A list marked
// data-compare-items gets its controls here: a box for each item with data-slug, named by its title.
import { PageError, element, requiredNumber } from "./helpers.js";

const KEY = "casebook.compare";
let memory = [];
let tray = null;
let go = null; // the tray's link to the comparison: in the tray only while it has an address
let limits = null; // { min, max, url } from the page's first compare container
let wired = false;

function load() {
  try {
    const saved = JSON.parse(window.sessionStorage.getItem(KEY) || "[]");
    return Array.isArray(saved) ? saved.filter((slug) => typeof slug === "string").slice(0, limits.max) : [];
  } catch (error) {
    return memory.slice(); // storage blocked: remember for this page only
  }
}

function save(slugs) {
  memory = slugs.slice();
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify(slugs));
  } catch (error) {
    /* storage blocked: the in-page memory still works */
  }
}

/** The Compare box of each item of the lists that leave them to this script (case-study lists). */
function addListControls() {
  for (const item of document.querySelectorAll("[data-compare-url][data-compare-items] > li[data-slug]")) {
    if (item.querySelector("[data-compare-slug]")) continue;
    const box = element("input");
    box.type = "checkbox";
    box.dataset.compareSlug = item.dataset.slug;
    const title = item.querySelector(".cb-item__title")?.textContent ?? "";
    const label = element("label", { className: "cb-compare-pick" });
    label.hidden = true;
    label.append(box, " Compare", element("span", { className: "cb-visually-hidden", text: ` ${title}` }));
    item.append(label);
  }
}

function controls() {
  return document.querySelectorAll("[data-compare-url] [data-compare-slug]");
}

/** The limits and the compare page's address, from the container of the first control. */
function readLimits() {
  const container = controls()[0].closest("[data-compare-url]");
  return {
    min: requiredNumber(container, "compareMin"),
    max: requiredNumber(container, "compareMax"),
    url: new URL(container.dataset.compareUrl, window.location.href),
  };
}

function compareAddress(slugs) {
  return `${limits.url.pathname}?ids=${slugs.map(encodeURIComponent).join(",")}`;
}

function toggle(slug, wanted) {
  const slugs = load().filter((s) => s !== slug);
  if (wanted && slugs.length >= limits.max) {
    announce(`You can compare up to ${limits.max} case studies. Untick one first.`);
    refresh();
    return;
  }
  if (wanted) slugs.push(slug);
  save(slugs);
  refresh();
  announce(describe(slugs.length));
}

function describe(count) {
  if (count === 0) return "No case studies chosen to compare.";
  const chosen = `${count} of ${limits.max} case studies chosen to compare.`;
  return count < limits.min ? `${chosen} Choose at least ${limits.min}.` : chosen;
}

function announce(text) {
  if (tray) tray.querySelector(".cb-compare-tray__status").textContent = text;
}

function buildTray() {
  tray = element("div", { className: "cb-compare-tray" });
  tray.setAttribute("role", "region");
  tray.setAttribute("aria-label", "Case studies chosen to compare");
  const status = element("p", { className: "cb-compare-tray__status" });
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  go = element("a", { className: "md-button md-button--primary cb-compare-tray__go", text: "Compare the chosen" });
  const clear = element("button", { className: "md-button cb-compare-tray__clear", text: "Clear" });
  clear.type = "button";
  clear.addEventListener("click", () => {
    save([]);
    refresh();
    announce(describe(0));
  });
  tray.append(status, clear);
  (document.querySelector(".md-content__inner") || document.body).append(tray);
}

function refresh() {
  const slugs = load();
  for (const control of controls()) {
    const chosen = slugs.includes(control.dataset.compareSlug);
    if (control.type === "checkbox") {
      control.checked = chosen;
      control.closest("label").hidden = false;
    } else {
      control.setAttribute("aria-pressed", String(chosen));
      control.textContent = chosen ? "Chosen to compare" : "Compare";
      control.hidden = false;
    }
  }
  tray.hidden = slugs.length === 0;
  document.documentElement.classList.toggle("cb-has-compare-tray", slugs.length > 0);
  // Too few chosen: no link at all, since a link without an address is not a link (search engines and
  // Lighthouse's crawlable-anchors flag it); the status line says how many more to choose.
  if (slugs.length >= limits.min) {
    go.href = compareAddress(slugs);
    if (!go.isConnected) tray.querySelector(".cb-compare-tray__clear").before(go, " ");
  } else {
    go.remove();
  }
  if (!tray.querySelector(".cb-compare-tray__status").textContent) announce(describe(slugs.length));
}

function wire() {
  document.addEventListener("change", (event) => {
    const box = event.target;
    if (limits && box.matches("input[type=checkbox][data-compare-slug]")) toggle(box.dataset.compareSlug, box.checked);
  });
  document.addEventListener("click", (event) => {
    const button = event.target.closest && event.target.closest("button[data-compare-slug]");
    if (limits && button) toggle(button.dataset.compareSlug, button.getAttribute("aria-pressed") !== "true");
  });
  wired = true;
}

/**
 * Show the page's Compare controls and the tray. Safe to call again after adding controls. A page
 * whose controls lack their container's attributes keeps them hidden (as without JavaScript) and
 * says why in the console: the lists still work, only ticking is unavailable.
 */
export function refreshComparePick() {
  addListControls();
  if (!controls().length) return;
  try {
    limits = limits || readLimits();
  } catch (error) {
    if (!(error instanceof PageError)) throw error;
    console.error(`Compare controls left hidden: ${error.message}`);
    return;
  }
  if (!wired) wire();
  if (!tray) buildTray();
  refresh();
}

export function startComparePick() {
  refreshComparePick();
}
