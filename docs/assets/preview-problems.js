// The preview's problems banner. Only pages served by `build_site.py serve` carry
// <meta name="cb-preview-problems">, naming the file where the preview lists the problems it found in
// the case studies (casebook/preview/serve.py); while there are any, the pages shown are the last good
// ones, so every page says so at its top. The preview's live reload brings the page back when the
// list changes; an empty list shows nothing. Problems are shown as text, never parsed as markup.
import { element } from "./helpers.js";

const BANNER_ID = "cb-preview-problems";

/** Show the preview's content problems, if this page is served by the preview and there are any. */
export async function startPreviewProblems() {
  const meta = document.querySelector('meta[name="cb-preview-problems"]');
  if (!meta) return;
  try {
    await checkProblems(meta.content);
  } finally {
    document.documentElement.dataset.cbPreviewChecked = "yes"; // for tests: the list has been read
  }
}

async function checkProblems(address) {
  let problems;
  try {
    const response = await fetch(address, { cache: "no-store" });
    if (!response.ok) return; // no list yet: the first build is still running
    problems = await response.json();
  } catch {
    return; // a half-written list: the next reload reads the whole one
  }
  if (!Array.isArray(problems) || problems.length === 0) return;
  showBanner(problems.map((problem) => String(problem.text ?? problem)));
}

function showBanner(lines) {
  document.getElementById(BANNER_ID)?.remove();
  const banner = element("div", { className: "cb-preview-problems" });
  banner.id = BANNER_ID;
  banner.setAttribute("role", "alert");
  const count = lines.length === 1 ? "1 problem" : `${lines.length} problems`;
  banner.append(element("p", {
    className: "cb-preview-problems__title",
    text: `The case studies have ${count}. This preview shows the last good pages until they are fixed:`,
  }));
  const list = element("ul");
  for (const line of lines) list.append(element("li", { text: line }));
  banner.append(list);
  const place = document.querySelector(".md-content") || document.body;
  place.prepend(banner);
}
