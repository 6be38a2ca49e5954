"""Source addresses: the publisher's canonical page, never a mirror, AMP copy, staging site or tracking link.

The hosts and parameters refused live in schema/source_rules.yml; this module applies them and
words the fix (the cleaned address where one can be worked out).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import yaml

from casebook.load import KeyPath
from casebook.project import SOURCE_RULES_FILE


@dataclass(frozen=True)
class SourceRules:
    mirror_hosts: dict[str, dict[str, str]]  # host -> {"canonical": host} or {"hint": text}
    development_labels: frozenset[str]
    development_domains: tuple[str, ...]
    tracking_prefixes: tuple[str, ...]
    tracking_parameters: frozenset[str]

    def is_tracking(self, key: str) -> bool:
        key = key.lower()
        return key in self.tracking_parameters or key.startswith(self.tracking_prefixes)


def read_source_rules(path: Path) -> SourceRules:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    mirror_hosts = {item["host"]: {k: v for k, v in item.items() if k != "host"} for item in raw["mirror_hosts"]}
    for host in raw.get("document_copy_hosts", []):
        mirror_hosts[host] = {"hint": raw["document_copy_hint"].format(host=host)}
    return SourceRules(
        mirror_hosts=mirror_hosts,
        development_labels=frozenset(raw["development_labels"]),
        development_domains=tuple(raw["development_domains"]),
        tracking_prefixes=tuple(raw["tracking_prefixes"]),
        tracking_parameters=frozenset(raw["tracking_parameters"]),
    )


@lru_cache(maxsize=1)
def get_source_rules() -> SourceRules:
    return read_source_rules(SOURCE_RULES_FILE)


def source_findings(data: dict[str, Any], rules: SourceRules) -> list[tuple[KeyPath, str]]:
    """A problem for each source address that breaks a rule (one per address: the first rule it breaks)."""
    findings = []
    for index, source in enumerate(data.get("sources", [])):
        problem = address_problem(source["url"].strip(), rules)
        if problem:
            findings.append((("sources", index, "url"), problem))
    return findings


def address_problem(url: str, rules: SourceRules) -> str:
    """What is wrong with one address, with its fix; "" if nothing."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    mirror = _matching_host(host, rules.mirror_hosts)
    if mirror:
        rule = rules.mirror_hosts[mirror]
        fix = f"use {urlunsplit(('https', rule['canonical'], parts.path, parts.query, ''))}" if "canonical" in rule else rule["hint"]
        return f"{host} is a feed or mirror copy, not the publisher's own page; {fix}"
    if _is_development_host(host, rules):
        return f"{host} looks like a development or staging copy of a site; cite the live site's address for the same page"
    query = parse_qsl(parts.query, keep_blank_values=True)
    if _is_amp(parts.path, query):
        return f"is an AMP copy of a page; cite the publisher's own page ({_clean(parts, query, rules, drop_amp=True)})"
    tracking = [key for key, _ in query if rules.is_tracking(key)]
    if tracking:
        names = ", ".join(f"`{key}`" for key in dict.fromkeys(tracking))
        return f"carries tracking parameters ({names}); remove them: {_clean(parts, query, rules, drop_amp=False)}"
    return ""


def _matching_host(host: str, hosts: dict[str, Any]) -> str:
    return next((h for h in hosts if host == h or host.endswith("." + h)), "")


def _is_development_host(host: str, rules: SourceRules) -> bool:
    if any(host == d or host.endswith("." + d) for d in rules.development_domains):
        return True
    labels = host.split(".")[:-2]  # the registered domain itself (example.org) may be any word
    return any(label in rules.development_labels or label.rsplit("-", 1)[-1] in rules.development_labels for label in labels)


def _is_amp(path: str, query: list[tuple[str, str]]) -> bool:
    segments = [s.lower() for s in path.split("/")]
    return "amp" in segments or path.lower().endswith(".amp") or any(k.lower() == "amp" or v.lower() == "amp" for k, v in query)


def _clean(parts: Any, query: list[tuple[str, str]], rules: SourceRules, drop_amp: bool) -> str:
    """The address without tracking parameters (and AMP markers), as a starting point for the fix."""
    kept = [(k, v) for k, v in query if not rules.is_tracking(k) and not (drop_amp and (k.lower() == "amp" or v.lower() == "amp"))]
    path = parts.path
    if drop_amp:
        path = "/".join(s for s in path.split("/") if s.lower() != "amp") or "/"
        path = path[: -len(".amp")] if path.lower().endswith(".amp") else path
        path = path if path.startswith("/") else "/" + path
        if parts.path.endswith("/") and not path.endswith("/"):
            path += "/"
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(kept), ""))
