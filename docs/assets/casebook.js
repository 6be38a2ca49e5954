// The one script every page loads (mkdocs.yml extra_javascript, as an ES module; every other
// script is a module imported from here). It starts what any page may have, keyboard access to the
// navigation drawer, tick-to-compare and the preview's problems banner, and loads a page's own component only when the page has
// its root element: the search page (#cb-search), the compare page (#cb-compare) and the
// self-assessment (#cb-assess-form). Each component module exports start(root).
import { startComparePick } from "./compare-pick.js";
import { startDrawer } from "./drawer.js";
import { fail } from "./helpers.js";
import { startPreviewProblems } from "./preview-problems.js";

const COMPONENTS = [
  ["cb-search", "./search.js"],
  ["cb-compare", "./compare.js"],
  ["cb-assess-form", "./assess.js"],
];

startDrawer();
startComparePick();
startPreviewProblems(); // only on pages served by the preview (`build_site.py serve`)
for (const [id, address] of COMPONENTS) {
  const root = document.getElementById(id);
  if (!root) continue;
  // A root hidden until its script runs shows nothing useful without it; one that works without
  // JavaScript (the self-assessment is a printable worksheet) stays as it is, with the message.
  const needsScript = root.hidden;
  // Each component reports its own failures; this catches one whose script could not load at all.
  import(address)
    .then((component) => component.start(root))
    .catch((error) => fail(root, `This page's script could not be started (${error.message || error}). Reload the page to try again.`, { stop: needsScript }));
}
