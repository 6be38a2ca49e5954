// Keyboard access to Material's navigation drawer. Its menu button is a <label> for a hidden
// checkbox; inside it, overrides/partials/header.html puts a focusable span with the button role (a
// <label> may not take that role). A click on the span opens the drawer through the label, with or
// without this script; this one presses it on Enter and Space, keeps aria-expanded true to the
// drawer's state, moves focus into the drawer when the button opens it, and closes an open drawer
// with Escape, returning focus to the button.

export function startDrawer() {
  const toggle = document.getElementById("__drawer");
  const button = document.querySelector(".cb-drawer-button");
  if (!toggle || !button) return;

  const setOpen = (open) => {
    if (toggle.checked !== open) {
      toggle.checked = open;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
    }
  };

  toggle.addEventListener("change", () => {
    button.setAttribute("aria-expanded", String(toggle.checked));
    const first = document.querySelector(".md-sidebar--primary a[href]");
    // The drawer is made visible by CSS in the same frame, so its first link can take focus then.
    if (toggle.checked && document.activeElement === button && first) {
      requestAnimationFrame(() => first.focus());
    }
  });
  button.addEventListener("keydown", (event) => {
    if (event.key === " " || event.key === "Enter") {
      event.preventDefault(); // not a page scroll
      button.click();
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && toggle.checked) {
      setOpen(false);
      button.focus();
    }
  });
  button.setAttribute("aria-expanded", String(toggle.checked));
}
