#!/usr/bin/python3
# A township's 公益岗位安置 list written by openpyxl (not by the exceljs the workbench writes with), in the
# 1904 date system (old Mac Excel, some WPS files): a title naming the township, header variants, dates as
# text in every spelling of SPEC §4, as real date cells and as bare serial numbers, a totals row and a note.
# Rows come as JSON on argv[2]; a start/end "date:YYYY-MM-DD" is a date cell, "serial:YYYY-MM-DD" the bare
# 1904-system serial of that day.
# usage: placements_workbook.py OUT.xlsx ROWS_JSON [TITLE]
import datetime
import json
import sys

from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

out, rows = sys.argv[1], json.loads(sys.argv[2])
title = sys.argv[3] if len(sys.argv) > 3 else '2022年乡村公益性岗位安置人员名单'
wb = Workbook()
wb.epoch = CALENDAR_MAC_1904
ws = wb.active
ws.title = '安置名单'
ws['A1'] = title
ws.merge_cells('A1:J1')
ws.append(['序号', '所属乡镇', '行政村', '姓名', '公民身份号码', '岗位类别', '上岗时间', '协议到期日期', '月补贴标准（元）', '备注'])


def cell_value(v):
    if isinstance(v, str) and v.startswith('date:'):
        return datetime.datetime.strptime(v[5:], '%Y-%m-%d')
    if isinstance(v, str) and v.startswith('serial:'):
        return (datetime.datetime.strptime(v[7:], '%Y-%m-%d') - datetime.datetime(1904, 1, 1)).days
    return v


for i, r in enumerate(rows, start=1):
    values = [i, r.get('township'), r.get('village'), r.get('name'), r.get('id'), r.get('type'), cell_value(r.get('start')), cell_value(r.get('end')), r.get('subsidy'), None]
    ws.append(values)
    for col in (7, 8):
        if isinstance(values[col - 1], datetime.datetime):
            ws.cell(row=ws.max_row, column=col).number_format = 'yyyy"年"m"月"d"日"'
ws.append(['合计', None, None, f'{len(rows)}人'])
ws.append(['填表人：李四    审核人：张三'])
wb.save(out)
