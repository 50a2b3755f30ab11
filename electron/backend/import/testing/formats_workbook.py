"""Writes the same township rows in the formats townships send, with programs other than our reader:
openpyxl for .xlsx and Python's csv module for CSV (GBK with commas, UTF-8 with BOM and semicolons,
UTF-16 with tabs as Excel's "Unicode text"). LibreOffice then converts the .xlsx to .xls (see the test).

usage: formats_workbook.py OUT_DIR  < JSON {"title": str, "header": [str], "rows": [[str|null]]}
"""
import csv
import json
import os
import sys

from openpyxl import Workbook

out = sys.argv[1]
spec = json.load(sys.stdin)
title, header, rows = spec["title"], spec["header"], spec["rows"]

wb = Workbook()
ws = wb.active
ws.title = "台账"
ws.append([title])
ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
ws.append(header)
for r in rows:
    ws.append([None if v is None else str(v) for v in r])
for row in ws.iter_rows(min_row=3):
    for cell in row:
        cell.number_format = "@"
wb.save(os.path.join(out, "ledger.xlsx"))

def write(name, encoding, delimiter, **kw):
    with open(os.path.join(out, name), "w", encoding=encoding, newline="") as f:
        w = csv.writer(f, delimiter=delimiter, **kw)
        w.writerow([title] + [""] * (len(header) - 1))
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])

write("ledger-gbk.csv", "gbk", ",")
write("ledger-utf8bom.csv", "utf-8-sig", ";")
write("ledger-utf16.txt", "utf-16", "\t")
