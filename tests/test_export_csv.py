"""Open data as CSV: a header from the declared columns, one row per item, formulas defused."""
from __future__ import annotations

import csv
import io

from casebook.outputs.export_csv import Column, guard_formula, render_csv


def test_columns_give_the_header_and_text_cells_are_guarded() -> None:
    columns = [Column("name", "string", "A name.", lambda item: item[0]), Column("value", "number", "A number.", lambda item: item[1])]
    rows = list(csv.reader(io.StringIO(render_csv(columns, [("=SUM(A1)", -5), ("plain", None)]))))
    assert rows == [["name", "value"], ["'=SUM(A1)", "-5"], ["plain", ""]]
    assert guard_formula("@x") == "'@x" and guard_formula("x") == "x"
