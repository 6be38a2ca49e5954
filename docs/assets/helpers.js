// Helpers shared by the site's scripts (ES modules, started by assets/casebook.js).
//
// The page is the source of truth: addresses, limits and rules come from data attributes written
// at build time, and repeated markup (a search result) is cloned from a <template> in the page.
// Every component root carries data-state: "busy" while working, then "done" or "failed"; a
// failure always ends in a visible message, so no page is left busy or silent.

/** A new element; text is set as text, never parsed as markup. */
export function element(tag, { className = "", text = "" } = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

/** The first element of a <template> in the page, cloned; the page decides the markup. */
export function cloneTemplate(template) {
  if (!(template instanceof HTMLTemplateElement)) throw new PageError("a <template> this page needs is missing");
  const node = template.content.firstElementChild;
  if (!node) throw new PageError("a <template> on this page is empty");
  return node.cloneNode(true);
}

/** A problem with the page itself (a missing attribute or template), not with the reader's input. */
export class PageError extends Error {}

/** A data attribute that must be present: its absence is a build fault, reported as a failure. */
export function required(node, name) {
  const value = node.dataset[name];
  if (value === undefined || value === "") throw new PageError(`the page is missing data-${kebab(name)}`);
  return value;
}

/** A data attribute holding a whole number. */
export function requiredNumber(node, name) {
  const value = Number(required(node, name));
  if (!Number.isInteger(value)) throw new PageError(`data-${kebab(name)} is not a whole number`);
  return value;
}

/** A data attribute holding JSON. */
export function requiredJSON(node, name) {
  try {
    return JSON.parse(required(node, name));
  } catch (error) {
    if (error instanceof PageError) throw error;
    throw new PageError(`data-${kebab(name)} is not valid JSON`);
  }
}

function kebab(name) {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

export function setState(root, state) {
  root.dataset.state = state;
}

/**
 * End in failure: the component's failure block (written in the page, with a way forward such as
 * a link to the full list) is shown with `reason` (plain text) in its [data-failure-reason].
 * With `stop`, the component cannot work at all, so the rest of it (a form that would do nothing)
 * is hidden and only the message remains.
 */
export function fail(root, reason, { stop = false } = {}) {
  root.hidden = false;
  const block = root.querySelector("[data-failure]");
  if (stop) {
    for (const child of root.children) if (child !== block) child.hidden = true;
  }
  if (block) {
    const slot = block.querySelector("[data-failure-reason]");
    if (slot) slot.textContent = reason;
    block.hidden = false;
  } else {
    // No block in the page (an old or broken page): the reason still shows, as plain text.
    root.prepend(element("p", { className: "cb-failure", text: reason }));
  }
  setState(root, "failed");
}

/** Hide a failure shown earlier (after the reader fixes what went wrong). */
export function clearFailure(root) {
  const block = root.querySelector("[data-failure]");
  if (block) block.hidden = true;
}

/** Words in a list: “a”, “b” and “c”. Values are quoted so a reader sees exactly what was asked for. */
export function quotedList(values) {
  const quoted = values.map((value) => `“${value.length > 60 ? `${value.slice(0, 59)}…` : value}”`);
  return quoted.length < 2 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}
