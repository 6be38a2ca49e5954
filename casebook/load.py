"""Load: find case-study files, split front matter from body, parse YAML keeping line numbers.

Loading never raises for bad content: each file yields a SourceFile (possibly without front
matter) plus the problems met on the way, so validation can report every problem at once.
"""
from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from casebook import addresses
from casebook.hints import yaml_slip
from casebook.problems import Problem
from casebook.slugs import is_slug

# A key path into the front matter, e.g. ("sources", 0, "url").
KeyPath = tuple[Any, ...]

FENCE = "---"
MAX_FILE_BYTES = 200_000  # bigger files are refused, not guessed at
# Front matter needs a mapping of lists of mappings; far deeper nesting is refused before it is parsed.
MAX_NESTING = 20
MAX_FRONT_MATTER_CHARS = 20_000  # the longest real front matter is about 6,000
NESTING_START = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken, yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)
NESTING_END = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
PLAIN_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
# Plain scalars that YAML 1.1 (PyYAML) silently turns into booleans, or into base-8 / base-60 numbers.
YAML11_BOOLEAN = re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")
YAML11_NUMBER = re.compile(r"^[-+]?(?:0[0-9_]+|0o?[0-7_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+)(?:\.[0-9_]*)?$")

# libyaml's parser (CSafeLoader) reads front matter about ten times faster than PyYAML's
# pure-Python one and gives the same nodes and marks; fall back where PyYAML was built without it.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FrontMatterLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """SafeLoader that leaves dates as text, so a bad date is reported on its own line by validation."""


FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class SourceFile:
    """One case-study file as read from disk."""

    path: str  # repo-relative, e.g. casestudies/foo.md
    slug: str
    front_matter: dict[str, Any] | None
    body: str
    body_line: int
    key_lines: dict[KeyPath, int] = field(default_factory=dict)

    def line_of(self, key_path: KeyPath) -> int:
        """The file line of the deepest known key on a path; 1 (the opening fence) if none."""
        for end in range(len(key_path), 0, -1):
            line = self.key_lines.get(tuple(key_path[:end]))
            if line:
                return line
        return 1


@dataclass
class LoadResult:
    """Files that could be read, and the problems met reading them."""

    files: list[SourceFile]
    problems: list[Problem]


def _problem(path: str, line: int, message: str, field: str = "file") -> Problem:
    return Problem(path, line, field, message)


def _decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [_problem(path, line, "is not UTF-8 text; save the file with UTF-8 encoding")]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [_problem(path, line, "contains a NUL byte; is this a binary file?")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def _split(text: str, path: str) -> tuple[str | None, str, int, list[Problem]]:
    """Return (front matter text, body, body's first line, problems)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        hint = "start the file with a line `---`, then the front matter, then another `---`"
        return None, text, 1, [_problem(path, 1, f"no front matter; {hint}", "front matter")]
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() == FENCE:
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2, []
    hint = "add a line `---` after the last front-matter field"
    return None, "", len(lines), [_problem(path, 1, f"front matter is not closed; {hint}", "front matter")]


def _yaml_problem(path: str, error: yaml.YAMLError, text: str) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 2 if mark is not None else 1  # +1 for 0-based, +1 for the opening fence
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    slip = yaml_slip(problem, text.split("\n"), line - 2)  # a tab, an unquoted colon: say what to type
    if slip is not None:
        index, field, message = slip
        return _problem(path, index + 2, message, field)
    return _problem(path, line, f"YAML syntax error: {problem}", "front matter")


def _scan_anchors(text: str, path: str) -> list[Problem]:
    """Refuse anchors and aliases (billion-laughs expansion) and deep nesting (slow to parse) before parsing."""
    if "&" not in text and "*" not in text and text.count("[") + text.count("{") <= MAX_NESTING:
        return []  # no anchor, alias or deep flow nesting is possible: skip the token scan (a third of load time)
    problems, depth = [], 0
    for token in yaml.scan(text, Loader=FrontMatterLoader):
        if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
            kind = "anchor `&" if isinstance(token, yaml.AnchorToken) else "alias `*"
            problems.append(
                _problem(path, token.start_mark.line + 2, f"YAML {kind}{token.value}` is not allowed; write the value out in full", "front matter")
            )
        depth += isinstance(token, NESTING_START) - isinstance(token, NESTING_END)
        if depth > MAX_NESTING:  # PyYAML slows down with the square of the depth: stop early
            return [_problem(path, token.start_mark.line + 2, "values are nested too deeply; use plain `key: value` lines and lists", "front matter")]
    return problems


def _walk(node: yaml.Node, key_path: KeyPath, key_lines: dict[KeyPath, int], path: str) -> list[Problem]:
    """Record the line of every key and list item; flag duplicate keys and YAML 1.1 surprises."""
    problems: list[Problem] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue  # a list or mapping as a key: constructing the document reports it
            child = key_path + (key_node.value,)
            line = key_node.start_mark.line + 2
            if key_node.value in seen:
                problems.append(_problem(path, line, "appears twice; keep one", field_name(child)))
            seen.add(key_node.value)
            key_lines.setdefault(child, line)
            problems += _walk(value_node, child, key_lines, path)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = key_path + (index,)
            key_lines.setdefault(child, item.start_mark.line + 2)
            problems += _walk(item, child, key_lines, path)
    elif isinstance(node, yaml.ScalarNode) and not node.style:  # plain: None (PyYAML) or "" (libyaml)
        if YAML11_BOOLEAN.match(node.value) or YAML11_NUMBER.match(node.value):
            message = f"`{node.value}` would be read as {'true/false' if YAML11_BOOLEAN.match(node.value) else 'a different number'}; quote this value: \"{node.value}\""
            problems.append(_problem(path, node.start_mark.line + 2, message, field_name(key_path)))
    return problems


def field_name(key_path: KeyPath) -> str:
    """("sources", 0, "url") -> "sources[1].url" (1-based, as contributors count)."""
    name = ""
    for part in key_path:
        # An odd key (`a: b`, a line break) is quoted so each problem stays one `path:line: field: message` line.
        part = part if isinstance(part, int) or PLAIN_KEY.match(str(part)) else json.dumps(str(part))
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "front matter"


def _jsonable(value: Any) -> Any:
    """Dates become ISO strings so the JSON Schema can check them."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k) if not isinstance(k, str) else k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def parse_front_matter(text: str, path: str) -> tuple[dict[str, Any] | None, dict[KeyPath, int], list[Problem]]:
    """Parse front-matter text; return (data, key lines, problems)."""
    if len(text) > MAX_FRONT_MATTER_CHARS:  # the YAML parser takes seconds on huge inputs
        message = f"front matter is {len(text):,} characters, over the {MAX_FRONT_MATTER_CHARS:,} limit; put long text in the body"
        return None, {}, [_problem(path, 1, message, "front matter")]
    try:
        problems = _scan_anchors(text, path)
        if problems:
            return None, {}, problems
        loader = FrontMatterLoader(text)
        try:
            node = loader.get_single_node()
            key_lines: dict[KeyPath, int] = {}
            if node is None:
                return None, {}, [_problem(path, 1, "front matter is empty; add the required fields", "front matter")]
            problems = _walk(node, (), key_lines, path)
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        return None, {}, [_yaml_problem(path, error, text)]
    except (ValueError, TypeError, OverflowError) as error:  # e.g. an impossible date such as 2024-02-30
        return None, {}, [_problem(path, 1, f"a value cannot be read: {error}; quote it", "front matter")]
    except RecursionError:  # thousands of nested brackets: refuse rather than crash
        return None, {}, [_problem(path, 1, "values are nested too deeply; use plain `key: value` lines and lists", "front matter")]
    if not isinstance(data, dict):
        return None, {}, [_problem(path, 2, "front matter must be `key: value` lines", "front matter")]
    return _jsonable(data), key_lines, problems


def _check_path(file: Path, root: Path) -> tuple[str, list[Problem]]:
    path = file.relative_to(root).as_posix()
    if file.is_symlink():
        return path, [_problem(path, 1, "is a symbolic link; commit the file itself")]
    return path, _check_size(file.stat().st_size, path) or _check_name(file.name, path)


def _check_size(size: int, path: str) -> list[Problem]:
    too_big = f"is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit; shorten it or split it"
    return [_problem(path, 1, too_big)] if size > MAX_FILE_BYTES else []


def _check_name(name: str, path: str) -> list[Problem]:
    stem = PurePosixPath(name).stem
    if not is_slug(stem):
        return [_problem(path, 1, "file name is not a valid slug; use lower-case letters, digits and hyphens, e.g. `leeds-housing-hub.md`")]
    if addresses.is_reserved(stem):
        return [_problem(path, 1, f"file name `{name}` is taken by a generated page; choose another name")]
    return []


def load_file(file: Path, root: Path) -> tuple[SourceFile | None, list[Problem]]:
    """Read one case-study file; never raises for bad content."""
    path, problems = _check_path(file, root)
    text, problems = (None, problems) if problems else _decode(file.read_bytes(), path)
    return _parse(text, path) if text is not None else (None, problems)


def load_text(text: str, path: str) -> tuple[SourceFile | None, list[Problem]]:
    """Load case-study text that is not on disk (a submitted issue form) exactly as `load_file` would
    load it from the repo-relative `path`; never raises for bad content."""
    problems = _check_size(len(text.encode("utf-8")), path) or _check_name(PurePosixPath(path).name, path)
    decoded, problems = (None, problems) if problems else _decode(text.encode("utf-8"), path)
    return _parse(decoded, path) if decoded is not None else (None, problems)


def _parse(text: str, path: str) -> tuple[SourceFile, list[Problem]]:
    fm_text, body, body_line, problems = _split(text, path)
    front_matter, key_lines = None, {}
    if fm_text is not None:
        front_matter, key_lines, problems = parse_front_matter(fm_text, path)
    return SourceFile(path, PurePosixPath(path).stem, front_matter, body, body_line, key_lines), problems


def find_name_clashes(files: list[Path], root: Path) -> list[Problem]:
    """A problem for each file whose name equals another's when case is ignored."""
    by_lower: dict[str, list[Path]] = {}
    for file in files:
        by_lower.setdefault(file.name.lower(), []).append(file)
    problems = []
    for clashing in by_lower.values():
        if len(clashing) > 1:
            names = ", ".join(sorted(f.name for f in clashing))
            for file in clashing:
                problems.append(_problem(file.relative_to(root).as_posix(), 1, f"file names clash when case is ignored ({names}); rename one"))
    return problems


def find_case_study_files(folder: Path) -> list[Path]:
    """Every entry of the case-study folder except hidden files, sorted by name."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def load_corpus_files(folder: Path, root: Path) -> LoadResult:
    """Load every case-study file in a folder, collecting problems instead of stopping."""
    result = LoadResult([], [])
    entries = find_case_study_files(folder)
    for entry in entries:
        relative = entry.relative_to(root).as_posix()
        if entry.is_dir() and not entry.is_symlink():
            result.problems.append(_problem(relative, 1, "is a folder; case studies go directly in casestudies/"))
        elif entry.suffix != ".md":
            result.problems.append(_problem(relative, 1, "is not a case study; only `.md` files belong in casestudies/"))
        else:
            source, problems = load_file(entry, root)
            result.problems += problems
            if source is not None:
                result.files.append(source)
    result.problems += find_name_clashes([e for e in entries if e.suffix == ".md"], root)
    return result
