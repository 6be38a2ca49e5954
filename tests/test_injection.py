"""Nothing injected: hostile bodies are refused, hostile front-matter values are escaped everywhere.

Bodies: raw HTML, unsafe link targets and attribute lists are refused by validation (the policy
is in docs/contribute.md). Front-matter values may contain any printable text, so a corpus whose
every value is hostile is built with the real site engine and every built page is parsed: no
script, event-handler attribute, `javascript:` or `data:` URL from content may appear, and each
hostile value must still be shown, as text, where it belongs.
"""
from __future__ import annotations

import csv
import html
import json
import re
import shutil
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from casebook.pipeline import build_site, check_content
from casebook.project import PROJECT_ROOT, ProjectPaths
from tests.conftest import CORPORA, make_project

VALID = (CORPORA / "minimal" / "casestudies" / "alpha-shared-payroll.md").read_text(encoding="utf-8")
BODY_START = VALID.index("## Context")
BODY_LINE = VALID[:BODY_START].count("\n") + 1

# Each payload is appended to a valid body; validation must refuse it with a `body` problem.
REFUSED_BODIES = {
    "script element": "<script>alert(1)</script>",
    "event handler": "<img src=x onerror=alert(1)>",
    "HTML comment": "<!-- <script>alert(1)</script> -->",
    "backslash-escaped backticks": "\\`<script>alert(1)</script>\\`",
    "backtick fence (not enabled here)": "```\n<script>alert(1)</script>\n```",
    "tilde fence (not enabled here)": "~~~\n<script>alert(1)</script>\n~~~",
    "code span": "`<script>alert(1)</script>`",
    "indented code": "    <script>alert(1)</script>",
    "javascript link": "[x](javascript:alert(1))",
    "javascript link, upper case": "[x](JaVaScRiPt:alert(1))",
    "javascript link on the next line": "[x](\njavascript:alert(1))",
    "javascript link in angle brackets": "[x](<javascript:alert(1)>)",
    "javascript link with an entity": "[x](jav&#x61;script:alert(1))",
    "javascript link with &colon;": "[x](javascript&colon;alert(1))",
    "javascript link with a tab": "[x](java\tscript:alert(1))",
    "javascript link with a control character": "[x](\x01javascript:alert(1))",
    "vbscript link": "[x](vbscript:msgbox(1))",
    "data: link": "[x](data:text/html,<script>alert(1)</script>)",
    "data: image": "![x](data:image/svg+xml;base64,PHN2Zy8+)",
    "javascript image": "![x](javascript:alert(1))",
    "image from another site": "![x](https://tracker.example/pixel.png)",
    "reference definition to javascript": "[x][1]\n\n[1]: javascript:alert(1)",
    "reference definition on the next line": "[x][1]\n\n[1]:\n  javascript:alert(1)",
    "reference definition in angle brackets": "[x][1]\n\n[1]: <javascript:alert(1)>",
    "reference definition to a data: image": "![x][d]\n\n[d]: data:image/svg+xml;base64,PHN2Zy8+",
    "reference definition with an HTML title": '[x][1]\n\n[1]: https://ok.example "<script>alert(1)</script>"',
    "javascript autolink": "<javascript:alert(1)>",
    "protocol-relative link": "[x](//evil.example/x)",
    "backslash link": "[x](/\\evil.example)",
    "attribute list with an event handler": "A paragraph.\n{: onclick=\"alert(1)\" }",
    "attribute list replacing a link target": "[x](https://ok.example){: href=\"javascript:alert(1)\" }",
    "attribute list with an id that clobbers the theme": "## Heading {#__config}",
    "admonition title with HTML": '!!! note "<script>alert(1)</script>"\n    text',
}

# Each value replaces one front-matter value; validation must refuse it on that key.
REFUSED_VALUES = {
    "attribute list in a value": ("stage_reasoning", '"Costs {: onclick=alert(1) }"'),
    "id attribute list in a value": ("title", '"Costs {#sources}"'),
    "line break in a title": ("title", '"Title\\n\\n[x](javascript:alert(1))"'),
    "right-to-left override": ("title", '"Invoice \\u202Efdp.exe"'),
    "C1 control character": ("title", '"A\\x85B"'),
    "javascript source URL": ("sources", '[{title: "x", url: "javascript:alert(1)", publisher: "p"}]'),
    "source URL breaking out of href": ("sources", '[{title: "x", url: "https://ok.example/\\"><script>alert(1)</script>", publisher: "p"}]'),
}


def _with_body(payload: str) -> str:
    return VALID + "\n" + payload + "\n"


@pytest.mark.parametrize("payload", REFUSED_BODIES.values(), ids=REFUSED_BODIES.keys())
def test_hostile_body_is_refused(payload: str, make_corpus) -> None:
    problems = check_content(make_corpus({"hostile.md": _with_body(payload)})).problems
    assert problems, "accepted"
    assert {p.field for p in problems} == {"body"}
    assert all(p.line > BODY_LINE for p in problems)


@pytest.mark.parametrize("case", REFUSED_VALUES.values(), ids=REFUSED_VALUES.keys())
def test_hostile_front_matter_value_is_refused(case: tuple[str, str], make_corpus) -> None:
    key, value = case
    text = re.sub(rf"^{key}:.*(\n  .*)*", lambda _: f"{key}: {value}", VALID, count=1, flags=re.MULTILINE)
    problems = check_content(make_corpus({"hostile.md": text})).problems
    assert [p.field.split("[")[0] for p in problems] == [key], [str(p) for p in problems]


def test_lone_surrogate_is_refused_on_its_line(make_corpus) -> None:
    text = re.sub(r"^title:.*", lambda _: 'title: "\\ud800"', VALID, count=1, flags=re.MULTILINE)
    problems = check_content(make_corpus({"hostile.md": text})).problems
    assert [(p.line, p.field) for p in problems] == [(2, "front matter")], [str(p) for p in problems]
    assert "YAML syntax error" in problems[0].message


# --- a built site with hostile values everywhere ---------------------------------------------------

HOSTILE = {
    "title": """</title><script>alert("title")</script> & "quotes" 'apos' <b>bold</b> [x](javascript:alert(1)) *star* | pipe""",
    "summary": """"><img src=x onerror=alert("summary")> javascript:alert(1) data:text/html,x {{ 7*7 {%- 7""",
    "stage_reasoning": """<svg onload=alert("reasoning")> ]]> --> <!--""",
    "source_title": """</a><script>alert("source")</script>""",
    "publisher": '''" onmouseover="alert('publisher')''',
    "url": "https://example.org/a'onmouseover=alert(1)//",
    "measure": """<script>alert("measure")</script> | pipe |""",
    "unit": "<b>units</b>",
}
FORMULA_TITLE = '=HYPERLINK("https://evil.example","click")'
COUNCIL = """<script>alert("council")</script> Joint Committee"""
# Bodies that pass validation because Markdown renders them harmlessly: checked in the built page.
ACCEPTED_BODY = """
&lt;script&gt;alert("entity")&lt;/script&gt; and ＜script＞alert("fullwidth")＜/script＞.

<https://example.org/"onmouseover="alert('autolink')>

[a fine link](https://example.org/page "a \\" title")
"""


def _hostile_case_study() -> str:
    text = VALID
    replacements = {
        'title: "Alpha: a shared payroll service"': f"title: {json.dumps(HOSTILE['title'])}",
        'summary: "Two district councils merged their payroll teams into one service hosted by Adur."': f"summary: {json.dumps(HOSTILE['summary'])}",
        'stage_reasoning: "Same service for less money: a merged back office."': f"stage_reasoning: {json.dumps(HOSTILE['stage_reasoning'])}",
        'title: "Joint payroll report"': f"title: {json.dumps(HOSTILE['source_title'])}",
        'publisher: "Adur and Worthing Councils"': f"publisher: {json.dumps(HOSTILE['publisher'])}",
        'url: "https://www.adur-worthing.gov.uk/example-report"': f"url: {json.dumps(HOSTILE['url'])}",
        'measure: "Annual saving from the merged team"': f"measure: {json.dumps(HOSTILE['measure'])}",
        "unit: GBP": f"unit: {json.dumps(HOSTILE['unit'])}",
        "  - Worthing Borough Council": f"  - {json.dumps(COUNCIL)}",
    }
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return text + ACCEPTED_BODY


@dataclass
class BuiltHostileSite:
    paths: ProjectPaths
    pages: dict[str, str] = field(default_factory=dict)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltHostileSite:
    paths = make_project(tmp_path_factory.mktemp("hostile") / "project")
    if not paths.root.joinpath("overrides").exists():
        shutil.copytree(PROJECT_ROOT / "overrides", paths.root / "overrides")
    with (paths.registers / "supplementary.yml").open("a", encoding="utf-8") as handle:
        handle.write(f"\n  - name: {json.dumps(COUNCIL)}\n    type: Joint committee\n    nation: England\n    region: South East\n    source: https://example.org/\n")
    (paths.casestudies / "hostile.md").write_text(_hostile_case_study(), encoding="utf-8")
    formula = VALID.replace('title: "Alpha: a shared payroll service"', f"title: {json.dumps(FORMULA_TITLE)}")
    formula = formula.replace('summary: "Two', 'summary: "@SUM(1+1) Two')
    (paths.casestudies / "formula.md").write_text(formula, encoding="utf-8")
    assert [str(p) for p in check_content(paths).problems] == []
    build_site(paths, strict=False)  # not strict: hand-written pages link to the shipped case studies
    pages = {p.relative_to(paths.site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(paths.site.rglob("*.html"))}
    return BuiltHostileSite(paths, pages)


class PageScan(HTMLParser):
    """Everything on a page that could run code, plus the text of a few elements."""

    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href", "background", "cite"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.handlers: list[str] = []
        self.unsafe_urls: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.texts: dict[str, list[str]] = {"title": [], "h1": [], "th": [], "a": [], "p": []}
        self._open: list[str] = []
        self._script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}={value!r}>")
            normalised = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name in self.URL_ATTRIBUTES and normalised.startswith(("javascript:", "vbscript:", "data:")):
                self.unsafe_urls.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            self._script = dict(attrs)
        if tag in self.texts:
            self._open.append(tag)
            self.texts[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.texts and tag in self._open:
            self._open.remove(tag)

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts.append((self._script, data))
            self._script = None
        for tag in self._open:
            self.texts[tag][-1] += data


def scan(page: str) -> PageScan:
    scanner = PageScan()
    scanner.feed(page)
    return scanner


@pytest.mark.slow
def test_no_page_has_an_event_handler_or_unsafe_url(hostile_site: BuiltHostileSite) -> None:
    for name, page in hostile_site.pages.items():
        scanner = scan(page)
        assert scanner.handlers == [], name
        assert scanner.unsafe_urls == [], name


@pytest.mark.slow
def test_no_script_carries_content(hostile_site: BuiltHostileSite) -> None:
    """Inline scripts are the theme's; JSON-LD stays one valid JSON document that cannot end its element."""
    for name, page in hostile_site.pages.items():
        for attrs, text in scan(page).scripts:
            if attrs.get("type") in ("application/ld+json", "application/json"):
                json.loads(text)
            else:
                assert "alert" not in text, f"{name}: {text[:80]}"
        assert "<script>alert" not in page, name


@pytest.mark.slow
def test_hostile_values_are_shown_as_text(hostile_site: BuiltHostileSite) -> None:
    page = scan(hostile_site.pages["case-studies/hostile/index.html"])
    assert page.texts["title"][0].startswith(HOSTILE["title"])
    assert [text.removesuffix("¶") for text in page.texts["h1"]] == [HOSTILE["title"]]  # ¶: the heading's permalink
    assert HOSTILE["summary"] in page.texts["p"]
    assert HOSTILE["measure"] in page.texts["th"]
    assert HOSTILE["source_title"] in page.texts["a"]
    council = scan(hostile_site.pages["councils/script-alert-council-script-joint-committee/index.html"])
    assert [text.removesuffix("¶") for text in council.texts["h1"]] == [COUNCIL]


@pytest.mark.slow
def test_generated_front_matter_holds_escaped_values(hostile_site: BuiltHostileSite) -> None:
    """The theme prints page titles and descriptions unescaped, so generated pages store them escaped."""
    text = (hostile_site.paths.docs / "case-studies" / "hostile.md").read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["title"] == html.escape(HOSTILE["title"])
    assert front["description"] == html.escape(HOSTILE["summary"])


@pytest.mark.slow
def test_exports_guard_formulas_and_keep_text(hostile_site: BuiltHostileSite) -> None:
    data = hostile_site.paths.docs / "data"
    with (data / "casestudies.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["slug"]: row for row in csv.DictReader(handle)}
    assert rows["formula"]["title"] == "'" + FORMULA_TITLE
    assert rows["formula"]["summary"].startswith("'@SUM")
    assert rows["hostile"]["title"] == HOSTILE["title"]
    records = {r["slug"]: r for r in json.loads((data / "casestudies.json").read_text(encoding="utf-8"))["case_studies"]}
    assert records["hostile"]["title"] == HOSTILE["title"]
    feed = ElementTree.parse(data / "feeds" / "all.atom.xml").getroot()
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert HOSTILE["title"] in titles


# --- the Content-Security-Policy allows exactly the theme's own inline scripts ------------------------

CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def _inline_scripts_after(page: str, position: int) -> list[str]:
    """Executable inline scripts after a position of a page (JSON and JSON-LD are data, not run)."""
    scripts = re.finditer(r"<script(?P<attrs>[^>]*)>(?P<text>.*?)</script>", page[position:], re.DOTALL)
    return [m["text"] for m in scripts if "src=" not in m["attrs"] and "json" not in m["attrs"]]


def _sha256(text: str) -> str:
    import base64
    import hashlib

    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


@pytest.mark.slow
def test_every_inline_script_is_allowed_by_hash(built_site) -> None:
    """When Material changes its inline scripts, this names the hash to put in overrides/partials/csp.html."""
    missing = set()
    for file in sorted(built_site.paths.site.rglob("*.html")):
        page = file.read_text(encoding="utf-8")
        policy = CSP_META.search(page)
        assert policy, f"{file.name}: no Content-Security-Policy"
        script_src = next(d for d in policy[1].split(";") if d.strip().startswith("script-src")).split()
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
        missing |= {_sha256(text) for text in _inline_scripts_after(page, policy.end()) if _sha256(text) not in script_src}
    assert missing == set(), f"inline scripts not allowed by the policy: {sorted(missing)}"
