// The self-assessment page (assess/): scores the answers by the rule written on the page, keeps them
// in the address (one parameter per question id, plus council=<GSS code>) and shows, for each theme,
// the plan the build chose for that stage (assess/plans.json, read when a result first needs a plan),
// with case studies from the reader's council's nearest neighbours first (assess/neighbours.json).
// Nothing is sent anywhere: the only requests are for the site's own JSON files.
//
// The page is the source of truth: questions, options, stages and the plans' markup (<template>s) are
// in it. Values from the address and the data files are checked before use and only ever set as text.
// Started by assets/casebook.js.

import { buildPlan, fetchPlans } from "./assess-plan.js";
import { element, fail, setState } from "./helpers.js";

const GSS = /^[ENSW][0-9]{8}$/;

/** The scoring rule: the highest stage more than half of the answers reach or go beyond. */
export function place(answers, stageIds) {
  if (!answers.length) return null;
  const reached = stageIds.filter((s) => 2 * answers.filter((a) => a >= s).length > answers.length);
  return reached.length ? Math.max(...reached) : Math.min(...stageIds);
}

function normalise(name) {
  return name.toLocaleLowerCase("en-GB").replaceAll("&", "and").split(/\s+/).filter(Boolean).join(" ");
}

/** Questions, themes and stages as the page declares them. */
function readPage(form) {
  const questions = new Map();
  for (const input of form.querySelectorAll("input[type=radio][data-theme]")) {
    if (!questions.has(input.name)) {
      const legend = input.closest("fieldset").querySelector("legend");
      questions.set(input.name, { id: input.name, theme: input.dataset.theme, text: legend.textContent.trim(), options: new Map() });
    }
    const label = form.querySelector(`label[for="${input.id}"]`);
    const text = label.firstChild.textContent.trim();
    questions.get(input.name).options.set(input.value, { input, stage: Number(input.dataset.stage), text });
  }
  const themes = new Map();
  for (const section of form.querySelectorAll("section.cb-assess__theme")) {
    const first = section.querySelector("input[data-theme]");
    if (first) themes.set(first.dataset.theme, section.querySelector("h2").textContent.trim());
  }
  const stages = form.dataset.stages.split(" ").map(Number);
  return { questions, themes, stages };
}


class Assessment {
  constructor(form) {
    this.form = form;
    Object.assign(this, readPage(form));
    this.summary = document.getElementById("cb-assess-summary");
    this.result = document.getElementById("cb-assess-result");
    this.plans = document.getElementById("cb-assess-plans");
    this.councilInput = document.getElementById("cb-assess-council");
    this.councilStatus = document.getElementById("cb-assess-council-status");
    this.councilsUrl = new URL(form.dataset.councils, window.location.href);
    this.limit = Number(this.plans.dataset.limit) || 4;
    this.lastStage = Number(this.plans.dataset.lastStage);
    this.planData = undefined; // assess/plans.json once read; null if it could not be
    this.planLoad = null; // the read in progress or done (a Promise)
    this.register = null; // {councils: {gss: [name, short]}, names: {normalised name: gss}}
    this.council = null; // {gss, name, neighbours: Map gss -> {rank, name, reasons}}
  }

  /** Answers chosen now: question id -> option id. */
  answers() {
    const chosen = new Map();
    for (const [id, q] of this.questions) {
      for (const [optionId, option] of q.options) if (option.input.checked) chosen.set(id, optionId);
    }
    return chosen;
  }

  /** Each theme's placed stage (null with no answers), answered count and question count. */
  results() {
    const chosen = this.answers();
    return [...this.themes.keys()].map((theme) => {
      const inTheme = [...this.questions.values()].filter((q) => q.theme === theme);
      const stages = inTheme.filter((q) => chosen.has(q.id)).map((q) => q.options.get(chosen.get(q.id)).stage);
      return { theme, stage: place(stages, this.stages), answered: stages.length, questions: inTheme.length };
    });
  }

  /** Set the form from the address; unknown questions, options and councils are ignored. */
  async applyAddress() {
    const params = new URLSearchParams(window.location.search);
    for (const [id, q] of this.questions) {
      const wanted = params.get(id);
      for (const [optionId, option] of q.options) option.input.checked = optionId === wanted;
    }
    const gss = params.get("council") || "";
    await this.setCouncil(GSS.test(gss) && this.register && gss in this.register.councils ? gss : null);
    this.render();
  }

  writeAddress() {
    const params = new URLSearchParams();
    for (const [id, optionId] of this.answers()) params.set(id, optionId);
    if (this.council) params.set("council", this.council.gss);
    const query = params.toString();
    const address = window.location.pathname + (query ? `?${query}` : "") + window.location.hash;
    if (address !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.pushState(null, "", address);
    }
  }

  async loadRegister() {
    const response = await fetch(this.councilsUrl);
    if (!response.ok) throw new Error(`the council list could not be read (${response.status})`);
    this.register = await response.json();
    const list = document.getElementById("cb-assess-councils");
    const names = new Set(Object.values(this.register.councils).flat());
    for (const name of [...names].sort()) {
      const option = document.createElement("option");
      option.value = name;
      list.append(option);
    }
  }

  async setCouncil(gss) {
    if (!gss) {
      this.council = null;
      return;
    }
    const [name] = this.register.councils[gss];
    const neighbours = new Map([[gss, { rank: 0, name, reasons: "" }]]);
    const table = await this.loadNeighbours();
    (table?.neighbours[gss] || []).forEach(([index, reason], rank) => {
      const [code, neighbourName] = table.councils[index];
      neighbours.set(code, { rank: rank + 1, name: neighbourName, reasons: table.reasons[reason] });
    });
    this.council = { gss, name, neighbours };
    this.councilInput.value = name;
  }

  /** Every council's nearest neighbours (one file, read the first time a council is named). */
  async loadNeighbours() {
    if (this.neighbourTable === undefined) {
      const response = await fetch(new URL(this.plans.dataset.neighbours, window.location.href));
      this.neighbourTable = response.ok ? await response.json() : null;
    }
    return this.neighbourTable;
  }

  async onCouncilInput() {
    const typed = normalise(this.councilInput.value);
    if (!typed) {
      this.council = null;
      this.councilStatus.textContent = "";
    } else {
      const gss = this.register && this.register.names[typed];
      if (!gss) {
        this.councilStatus.textContent = "No council of that name in the register. Try its official name, or leave it blank.";
        return;
      }
      await this.setCouncil(gss);
      this.councilStatus.textContent = `Chosen: ${this.council.name}.`;
    }
    this.writeAddress();
    this.render();
  }

  /** Read the plans the first time a result needs one; the page is "busy" until then, and a failure
   * shows the form's message (with the lists to browse instead) and leaves the rest working. */
  loadPlans() {
    if (!this.planLoad) {
      setState(this.form, "busy");
      this.planLoad = fetchPlans(new URL(this.plans.dataset.plans, window.location.href)).then(
        (data) => {
          this.planData = data;
          setState(this.form, "done");
        },
        (error) => {
          this.planData = null;
          fail(this.form, `The plans could not be loaded: ${error.message}. Reload the page to try again.`);
        },
      ).then(() => this.render());
    }
    return this.planLoad;
  }

  render() {
    const results = this.results();
    if (results.some((r) => r.stage !== null)) this.loadPlans();
    const any = results.some((r) => r.answered);
    this.summary.hidden = !any;
    document.getElementById("cb-assess-actions").hidden = !any && !this.council;
    for (const cell of this.summary.querySelectorAll("td[data-cell]")) {
      cell.textContent = "";
      cell.classList.remove("cb-assess__here");
    }
    this.result.replaceChildren(...results.map((r) => this.themeResult(r)));
    for (const r of results.filter((item) => item.stage !== null)) {
      const cell = this.summary.querySelector(`td[data-cell="${r.theme} ${r.stage}"]`);
      cell.textContent = "You are here";
      cell.classList.add("cb-assess__here");
    }
    const line = document.getElementById("cb-assess-council-line");
    line.textContent = this.council ? `Council: ${this.council.name}.` : "No council chosen: the plan lists case studies by stage and name.";
  }

  themeResult({ theme, stage, answered, questions }) {
    const section = element("section", { className: "cb-assess__theme-result" });
    section.dataset.theme = theme;
    section.dataset.stage = stage === null ? "none" : String(stage);
    const name = this.themes.get(theme);
    section.append(element("h3", { text: stage === null ? `${name}: not answered` : `${name}: stage ${stage}` }));
    section.append(element("p", { text: `${answered} of ${questions} questions answered.`, className: "cb-assess__count" }));
    if (stage !== null) section.append(this.planFor(theme, stage, name));
    return section;
  }

  /** The plan for a theme at a stage, or why there is none yet. */
  planFor(theme, stage, name) {
    if (this.planData === undefined) return element("p", { text: "Loading the plan…", className: "cb-plan__loading" });
    const key = `${theme} ${stage}`;
    const plan = Object.hasOwn(this.planData?.plans ?? {}, key) ? this.planData.plans[key] : null;
    if (!plan) return element("p", { text: "The plan for this theme is not available (see the message above the result).", className: "cb-failure" });
    const neighbours = this.council?.neighbours ?? new Map();
    return buildPlan(this.planData, plan, { theme, stage, name, neighbours, limit: this.limit, last: stage === this.lastStage, studyUrl: this.plans.dataset.studyUrl });
  }

  record() {
    const chosen = this.answers();
    const answers = [...chosen].map(([id, optionId]) => {
      const q = this.questions.get(id);
      return { question: id, theme: q.theme, option: optionId, stage: q.options.get(optionId).stage };
    });
    return {
      assessment: "3R self-assessment",
      date: new Date().toISOString().slice(0, 10),
      council: this.council ? { gss: this.council.gss, name: this.council.name } : null,
      answers,
      result: this.results(),
      scoring_rule: document.getElementById("cb-assess-rule").textContent.trim(),
    };
  }

  csv() {
    const cell = (value) => {
      const text = String(value ?? "");
      const safe = /^[=+\-@]/.test(text) ? `'${text}` : text; // never a formula in a spreadsheet
      return `"${safe.replaceAll('"', '""')}"`;
    };
    const placed = new Map(this.results().map((r) => [r.theme, r.stage]));
    const rows = [["theme", "theme_stage", "question_id", "question", "option_id", "answer", "answer_stage", "council_gss"]];
    for (const [id, optionId] of this.answers()) {
      const q = this.questions.get(id);
      const option = q.options.get(optionId);
      rows.push([q.theme, placed.get(q.theme), id, q.text, optionId, option.text, option.stage, this.council?.gss]);
    }
    return rows.map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
  }

  download(name, type, text) {
    const link = element("a");
    link.href = URL.createObjectURL(new Blob([text], { type }));
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 0);
  }

  clear() {
    for (const q of this.questions.values()) for (const option of q.options.values()) option.input.checked = false;
    this.council = null;
    this.councilInput.value = "";
    this.councilStatus.textContent = "";
    this.writeAddress();
    this.render();
  }

  listen() {
    this.form.addEventListener("change", (event) => {
      if (event.target.type === "radio") {
        this.writeAddress();
        this.render();
      } else if (event.target === this.councilInput) {
        this.onCouncilInput();
      }
    });
    this.form.addEventListener("submit", (event) => event.preventDefault());
    window.addEventListener("popstate", () => this.applyAddress());
    document.getElementById("cb-assess-clear").addEventListener("click", () => this.clear());
    document.getElementById("cb-assess-print").addEventListener("click", () => window.print());
    document.getElementById("cb-assess-json").addEventListener("click", () =>
      this.download("3r-self-assessment.json", "application/json", JSON.stringify(this.record(), null, 2) + "\n"));
    document.getElementById("cb-assess-csv").addEventListener("click", () => this.download("3r-self-assessment.csv", "text/csv", this.csv()));
  }
}

export async function start(form) {
  if (form.dataset.state) return; // started already
  form.dataset.state = "busy";
  const assessment = new Assessment(form);
  assessment.listen();
  try {
    await assessment.loadRegister();
  } catch (error) {
    assessment.councilStatus.textContent = `Choosing a council is not available: ${error.message}. The assessment still works without one.`;
  }
  await assessment.applyAddress();
  await assessment.planLoad; // set the state itself when a plan was needed
  if (form.dataset.state === "busy") setState(form, "done");
}
