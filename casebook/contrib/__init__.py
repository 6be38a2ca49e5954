"""Contributor tooling: the case-study scaffold, the GitHub issue form and its converter, the field reference."""
