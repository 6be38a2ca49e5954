// Tick-to-compare, loaded on every page (mkdocs.yml extra_javascript) but active only where a page
// has Compare controls: the boxes on case-study lists and search results, the button on a case
// study. The choice is kept for this browser tab while moving between pages; the compare page
// itself reads only its URL (?ids=a,b), so a comparison can be sent to someone else.
(function () {
  "use strict";

  var MAX = 4;
  var MIN = 2;
  var KEY = "casebook.compare";
  var memory = [];
  var tray = null;

  function load() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(KEY) || "[]");
      return Array.isArray(saved) ? saved.slice(0, MAX) : [];
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

  function controls() {
    return document.querySelectorAll("[data-compare-slug]");
  }

  function compareAddress(slugs) {
    var first = controls()[0];
    var base = new URL(first.getAttribute("data-compare-url"), window.location.href);
    return base.pathname + "?ids=" + slugs.join(",");
  }

  function toggle(slug, wanted) {
    var slugs = load().filter(function (s) { return s !== slug; });
    if (wanted && slugs.length >= MAX) {
      announce("You can compare up to " + MAX + " case studies. Untick one first.");
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
    var chosen = count + " of " + MAX + " case studies chosen to compare.";
    return count < MIN ? chosen + " Choose at least " + MIN + "." : chosen;
  }

  function announce(text) {
    if (tray) tray.querySelector(".cb-compare-tray__status").textContent = text;
  }

  function buildTray() {
    tray = document.createElement("div");
    tray.className = "cb-compare-tray";
    tray.setAttribute("role", "region");
    tray.setAttribute("aria-label", "Case studies chosen to compare");
    tray.innerHTML =
      '<p class="cb-compare-tray__status" role="status" aria-live="polite"></p>' +
      '<a class="md-button md-button--primary cb-compare-tray__go">Compare the chosen</a> ' +
      '<button type="button" class="md-button cb-compare-tray__clear">Clear</button>';
    tray.querySelector(".cb-compare-tray__clear").addEventListener("click", function () {
      save([]);
      refresh();
      announce(describe(0));
    });
    var content = document.querySelector(".md-content__inner") || document.body;
    content.appendChild(tray);
  }

  function refresh() {
    var slugs = load();
    controls().forEach(function (control) {
      var chosen = slugs.indexOf(control.getAttribute("data-compare-slug")) !== -1;
      if (control.type === "checkbox") {
        control.checked = chosen;
        control.closest("label").hidden = false;
      } else {
        control.setAttribute("aria-pressed", String(chosen));
        control.textContent = chosen ? "Chosen to compare" : "Compare";
        control.hidden = false;
      }
    });
    if (!tray) return;
    tray.hidden = slugs.length === 0;
    document.documentElement.classList.toggle("cb-has-compare-tray", slugs.length > 0);
    var go = tray.querySelector(".cb-compare-tray__go");
    if (slugs.length >= MIN) {
      go.href = compareAddress(slugs);
      go.removeAttribute("aria-disabled");
    } else {
      go.removeAttribute("href"); // a link without href is not focusable: nothing to compare yet
      go.setAttribute("aria-disabled", "true");
    }
    if (!tray.querySelector(".cb-compare-tray__status").textContent) announce(describe(slugs.length));
  }

  function wire() {
    document.addEventListener("change", function (event) {
      var box = event.target;
      if (box.matches && box.matches("input[type=checkbox][data-compare-slug]")) {
        toggle(box.getAttribute("data-compare-slug"), box.checked);
      }
    });
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("button[data-compare-slug]");
      if (button) toggle(button.getAttribute("data-compare-slug"), button.getAttribute("aria-pressed") !== "true");
    });
    document.addEventListener("cb:compare-refresh", function () {
      if (!tray && controls().length) buildTray();
      refresh();
    });
  }

  function start() {
    wire();
    if (!controls().length) return;
    buildTray();
    refresh();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
