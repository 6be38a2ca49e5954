// One theme's plan on the self-assessment (assess/): read from assess/plans.json, written into the
// page's <template>s as text (never as markup). Imported by assets/assess.js.
//
// plans.json: {"studies": [{slug, title, councils, stage, gss, status, years, lessons, from, wrong,
// summary}], "plans": {"<theme id> <stage id>": {"studies": [positions], "wrong": [positions]}}};
// casebook/outputs/assess_page.py writes it.

import { cloneTemplate } from "./helpers.js";

const SLUG = /^[a-z0-9][a-z0-9-]*$/;
const TIMEOUT_MS = 30000; // a server that never answers ends in a message, not a page left busy

/** The plans file, checked for the shape this script reads; anything else is a failure, not a guess. */
export async function fetchPlans(url) {
  let response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw new Error(error.name === "TimeoutError" ? "the site did not answer in time" : "the site could not be reached");
  }
  if (!response.ok) throw new Error(`the site answered ${response.status}`);
  const data = await response.json().catch(() => null);
  const valid = data && Array.isArray(data.studies) && data.plans && typeof data.plans === "object"
    && data.studies.every((s) => s && typeof s.slug === "string" && SLUG.test(s.slug) && typeof s.title === "string");
  if (!valid) throw new Error("the plan file is not in the form this page expects");
  return data;
}

/** Positions in the file -> its case studies (a position it does not hold is skipped). */
function entries(data, positions) {
  const studies = Array.isArray(positions) ? positions.map((i) => data.studies[i]).filter(Boolean) : [];
  return studies.map((study, order) => ({ study, order, near: null }));
}

/** The reader's council and its nearest neighbours first (each case study by its nearest council), then the file's order. */
function nearestFirst(items, neighbours) {
  for (const item of items) {
    const ranks = (Array.isArray(item.study.gss) ? item.study.gss : []).map((gss) => neighbours.get(gss)).filter(Boolean);
    item.near = ranks.length ? ranks.reduce((best, n) => (n.rank < best.rank ? n : best)) : null;
  }
  return items.sort((a, b) => (a.near?.rank ?? Infinity) - (b.near?.rank ?? Infinity) || a.order - b.order);
}

function fill(template, study, studyUrl, hash = "") {
  const item = cloneTemplate(document.getElementById(template));
  const link = item.querySelector("a");
  link.setAttribute("href", studyUrl.replace("{slug}", encodeURIComponent(study.slug)) + hash);
  item.dataset[template === "cb-plan-lesson" ? "from" : "slug"] = study.slug;
  return { item, link };
}

function studyItem(study, near, studyUrl) {
  const { item, link } = fill("cb-plan-study", study, studyUrl);
  link.textContent = study.title;
  item.querySelector(".cb-related__meta").textContent = [study.councils, `Stage ${study.stage}`, study.status, study.years].map(String).join(" · ");
  if (near) {
    const why = item.querySelector(".cb-related__why");
    why.textContent = near.rank === 0 ? "Why: your council" : `Why: involves ${near.name}, one of your council's ten nearest neighbours (${near.reasons})`;
    why.hidden = false;
  }
  return item;
}

function lessonItems(study, studyUrl) {
  return (Array.isArray(study.lessons) ? study.lessons : []).map((lesson) => {
    const { item, link } = fill("cb-plan-lesson", study, studyUrl, "#lessons-for-other-councils");
    item.prepend(document.createTextNode(String(lesson)));
    link.textContent = `From: ${study.from}`;
    return item;
  });
}

function wrongItem(study, studyUrl) {
  const { item, link } = fill("cb-plan-study", study, studyUrl);
  link.textContent = study.title;
  item.querySelector(".cb-related__meta").textContent = `${study.councils} · ${study.wrong}`;
  const why = item.querySelector(".cb-related__why");
  why.textContent = String(study.summary ?? "");
  why.hidden = false;
  return item;
}

/** The plan's markup from the page's template: case studies at this stage and the next, the councils
 * most like the reader's first, cut to `limit`, their lessons to match, and what went wrong here. */
export function buildPlan(data, plan, { theme, stage, name, neighbours, limit, last, studyUrl }) {
  const node = cloneTemplate(document.getElementById("cb-plan-template"));
  node.dataset.plan = `${theme} ${stage}`;
  const studies = nearestFirst(entries(data, plan.studies), neighbours).slice(0, limit);
  const wrong = entries(data, plan.wrong);
  const shown = { studies: studies.length > 0, "no-studies": !studies.length, wrong: wrong.length > 0, "no-wrong": !wrong.length, next: !last };
  for (const part of node.querySelectorAll("[data-if]")) if (!shown[part.dataset.if]) part.remove();
  for (const slot of node.querySelectorAll("[data-text=theme]")) slot.textContent = name.toLocaleLowerCase("en-GB");
  for (const slot of node.querySelectorAll("[data-text=stage]")) slot.textContent = String(stage);
  node.querySelector(".cb-plan__studies")?.append(...studies.map(({ study, near }) => studyItem(study, near, studyUrl)));
  node.querySelector(".cb-plan__lessons")?.append(...studies.flatMap(({ study }) => lessonItems(study, studyUrl)));
  node.querySelector(".cb-plan__wrong")?.append(...wrong.map(({ study }) => wrongItem(study, studyUrl)));
  return node;
}
