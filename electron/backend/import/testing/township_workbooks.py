#!/usr/bin/python3
# Township workbooks written by another program than the importer's (openpyxl), with the quirks of
# SPEC §4: title rows, a merged two-row header, header variants, odd column order, extra columns, several
# and hidden sheets, empty rows, totals and notes rows, IDs as text / number / with spaces / apostrophe /
# full-width digits, dates in every spelling and the 1904 date system, village suffixes, old township names.
# usage: township_workbooks.py SCENARIO OUT.xlsx
import datetime
import sys

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.utils.datetime import CALENDAR_MAC_1904

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_number(first17):
    return first17 + '10X98765432'[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


def luhn_card(prefix):
    body = prefix
    while len(body) < 18:
        body += '7'
    for d in range(10):
        digits = body + str(d)
        total = 0
        for i, ch in enumerate(reversed(digits)):
            n = int(ch)
            if i % 2 == 1:
                n *= 2
                if n > 9:
                    n -= 9
            total += n
        if total % 10 == 0:
            return digits
    raise ValueError(prefix)


FULLWIDTH = str.maketrans('0123456789X', '０１２３４５６７８９Ｘ')


def messy(path):
    wb = Workbook()
    guide = wb.active
    guide.title = '填表说明'
    guide['A1'] = '本表由乡镇社保所填报，每月5日前报县人社局。'
    data = wb.create_sheet('印庄乡台账')
    hidden = wb.create_sheet('旧版（隐藏）')
    hidden.sheet_state = 'hidden'
    hidden.append(['姓名', '身份证号'])
    hidden.append(['旧数据', '130324198001010011'])

    # Title rows above the header.
    data['A1'] = '卢龙县印庄乡脱贫人口基本信息台账（2022年）'
    data.merge_cells('A1:O1')
    data['A2'] = '填报单位（盖章）：印庄乡人民政府            填报日期：2022年3月1日'
    data.merge_cells('A2:O2')
    # Two-row header: group cells merged across, single headers merged down. Variants and spaces on purpose.
    top = ['序号', '基本信息', None, None, '住址', None, '户 编 号', '与户主关系', '人员类别', '劳动能力', '联系方式', '社保卡号', '开户银行', '帮扶责任人', '备注']
    bottom = [None, '姓  名', '公民身份号码', '出生日期', '乡（镇）', '村（社区）', None, None, None, None, None, None, None, None, None]
    data.append(top)
    data.append(bottom)
    data.merge_cells('B3:D3')
    data.merge_cells('E3:F3')
    for col in ['A', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O']:
        data.merge_cells(f'{col}3:{col}4')
    # A row of column numbers under the header, as many county forms have.
    data.append(list(range(1, 16)))

    card_ok = luhn_card('623193')
    card_bad_luhn = card_ok[:-1] + str((int(card_ok[-1]) + 1) % 10)
    rows = [
        # seq, name, id, birth, township, village, household, relation, category, labour, phone, card, bank, helper, remark
        [1, '张国强', id_number('13032419800101001'), datetime.date(1980, 1, 1), '印庄乡', '印庄村委会', 'H001', '户主', '脱贫户', '普通劳动力', '13900001111', card_ok, '河北省农村信用社', '李干部', ''],
        [2, '王秀兰', ' ' + id_number('13032419820202002')[:6] + ' ' + id_number('13032419820202002')[6:] + ' ', '1982/2/2', '印庄镇', '印庄村', 'H001', '妻', '脱贫户', '弱劳动力', '139-0000-2222', None, None, None, None],
        [3, '张小军', "'" + id_number('13032420050303003'), '2005.3.3', '印庄乡', '印庄', 'H001', '之子', '脱贫户', '技能劳动力', None, None, None, None, '在校生'],
        [4, '李全福', id_number('13032419700404001').translate(FULLWIDTH), '19700404', ' 印庄乡 ', '印庄村民委员会', 'H002', '户主', '监测户', '普通劳动力', '13900004444', card_bad_luhn, '中国邮政储蓄银行', None, None],
        [5, '赵数字', int(id_number('13032419750505001')[:17] + '0') if False else 130324197505050011, '1975年5月5日', '印庄乡', '印庄村', 'H003', '户主', '脱贫户', '普通劳动力', None, None, None, None, 'ID存成了数字'],
        [6, '钱校验', id_number('13032419760606001')[:17] + ('0' if id_number('13032419760606001')[17] != '0' else '1'), None, '印庄乡', '印庄村', 'H004', '户主', '脱贫户', '普通劳动力', None, None, None, None, None],
        [7, '孙外村', id_number('13032419770707001'), None, '印庄乡', '一街村', 'H005', '户主', '脱贫户', '普通劳动力', None, None, None, None, '一街村属于卢龙镇/燕河营镇'],
        [8, '周无村', id_number('13032419780808001'), None, '印庄乡', '不存在村', 'H006', '户主', '脱贫户', '普通劳动力', None, None, None, None, None],
        [9, '吴重复', id_number('13032419800101001'), None, '印庄乡', '印庄村', 'H007', '户主', '脱贫户', '普通劳动力', None, None, None, None, '与第1人重复'],
        None,  # an empty row among the data
        [10, '郑老号', '130324800101001', None, '印庄乡', '印庄村', 'H008', '户主', '脱贫户', '普通劳动力', None, None, None, None, '15位老号码'],
        [11, '冯卡号', id_number('13032419810909001'), None, '印庄乡', '印庄村', 'H009', '户主', '脱贫户', '普通劳动力', '12345', 6231930000000000000, None, None, '电话不对，卡号存成数字'],
        [12, '陈小写', id_number('13032419821010002').lower(), '２０２２-３-１', '印庄乡', '印庄村委会', 'H010', '户主', '低保户', '丧失劳动能力', None, None, None, None, None],
        [13, '褚类别', id_number('13032419831111001'), None, '印庄乡', '印庄村', 'H011', '户主', '富裕户', '普通劳动力', None, None, None, None, '类别不在名单'],
        [14, '卫无乡', id_number('13032419841212001'), None, '幸福乡', '印庄村', 'H012', '户主', '脱贫户', '普通劳动力', None, None, None, None, None],
    ]
    for r in rows:
        data.append(r if r is not None else [])
    data.append([None, '合计', None, None, None, None, None, None, None, None, None, None, None, None, None])
    data.append(['合 计：14人'])
    data.append([])
    data.append(['填表人：刘某某', None, None, None, '审核人：王某某', None, None, None, '联系电话：0335-7012345'])
    data.append(['注：1.身份证号请设置为文本格式；2.村名填写全称。'])
    # A leading apostrophe as Excel's quote prefix (style), not as a character.
    data['C8'].quotePrefix = True if hasattr(data['C8'], 'quotePrefix') else None
    data['C5'].comment = Comment('请核对', 'clerk')
    data.column_dimensions['C'].width = 22
    wb.active = 1
    wb.save(path)


def dates(path, epoch_1904=False):
    wb = Workbook()
    if epoch_1904:
        wb.epoch = CALENDAR_MAC_1904
    sheet = wb.active
    sheet.title = '日期'
    sheet.append(['写法', '日期'])
    sheet.append(['date cell', datetime.date(2022, 3, 1)])
    sheet.append(['text 2022-3-1', '2022-3-1'])
    sheet.append(['text 2022/03/01', '2022/03/01'])
    sheet.append(['text 2022.3.1', '2022.3.1'])
    sheet.append(['text 年月日', '2022年3月1日'])
    sheet.append(['text 20220301', '20220301'])
    sheet.append(['number 20220301', 20220301])
    sheet.append(['full-width', '２０２２年３月１日'])
    sheet.append(['datetime cell', datetime.datetime(2022, 3, 1, 8, 30)])
    sheet.append(['bad', '2022-2-30'])
    wb.save(path)


def sheets(path):
    wb = Workbook()
    first = wb.active
    first.title = '封面'
    first['A1'] = '卢龙县脱贫人口台账'
    hidden = wb.create_sheet('模板（勿删）')
    hidden.sheet_state = 'hidden'
    hidden.append(['姓名', '身份证号', '乡镇', '村'])
    people = wb.create_sheet('人员名单')
    people.append(['证件号码', '名字', '所属乡镇', '行政村', '手机号', '劳动能力', '人员类别'])
    people.append([id_number('13032419900101001'), '马一', '石门镇', '石门街', '13800000001', '普通劳动力', '脱贫户'])
    stats = wb.create_sheet('统计')
    stats.append(['乡镇', '人数'])
    stats.append(['石门镇', 1])
    wb.save(path)


if __name__ == '__main__':
    scenario, out = sys.argv[1], sys.argv[2]
    {'messy': messy, 'dates': dates, 'dates1904': lambda p: dates(p, True), 'sheets': sheets}[scenario](out)
