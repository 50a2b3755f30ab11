// 补发/扣回: a correction of an earlier, locked month for one person, booked in the month on screen.
import { useState } from 'react';
import type { PayrollLineView } from '../../../shared/contract/schemas';
import { parseYuanToFen } from '../../../shared/domain/money';
import { addMonths, monthLabel } from '../../../shared/domain/month';
import { Dialog } from './Dialog';

export interface AdjustmentForm { kind: '补发' | '扣回'; amountFen: number; correctsMonth: string; reason: string }

export function AdjustmentDialog({ line, month, onCancel, onSave }: { line: PayrollLineView; month: string; onCancel(): void; onSave(form: AdjustmentForm): void }) {
  const earlier = Array.from({ length: 12 }, (_, i) => addMonths(month, -(i + 1)));
  const [kind, setKind] = useState<'补发' | '扣回'>('补发');
  const [amount, setAmount] = useState('');
  const [correctsMonth, setCorrectsMonth] = useState(earlier[0]!);
  const [reason, setReason] = useState('');
  const amountFen = parseYuanToFen(amount);
  const valid = amountFen !== null && amountFen > 0 && reason.trim() !== '';
  return (
    <Dialog label="补发/扣回" size="medium" testId="adjustment-dialog" onClose={onCancel} onSubmit={() => { if (valid) onSave({ kind, amountFen: amountFen!, correctsMonth, reason: reason.trim() }); }}>
        <h2>补发/扣回：{line.name}（{line.villageName}）</h2>
        <p className="muted">已审核锁定的月份不能修改；更正记在{monthLabel(month)}，并注明更正的是哪个月。</p>
        <div className="form-grid">
          <label className="field"><span className="field-label">类型</span>
            <select value={kind} onChange={(e) => setKind(e.target.value as '补发' | '扣回')} data-testid="adjustment-kind"><option>补发</option><option>扣回</option></select>
          </label>
          <label className="field"><span className="field-label">金额（元）<em>*</em></span>
            <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" data-testid="adjustment-amount" autoFocus />
            {amount !== '' && (amountFen === null || amountFen <= 0) && <span className="field-error">请输入大于0的金额</span>}
          </label>
          <label className="field"><span className="field-label">更正月份</span>
            <select value={correctsMonth} onChange={(e) => setCorrectsMonth(e.target.value)} data-testid="adjustment-corrects">
              {earlier.map((m) => <option key={m} value={m}>{monthLabel(m)}</option>)}
            </select>
          </label>
          <label className="field"><span className="field-label">原因<em>*</em></span>
            <input value={reason} maxLength={200} placeholder="如：7月考勤录错，应为全勤" onChange={(e) => setReason(e.target.value)} data-testid="adjustment-reason" />
          </label>
        </div>
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onCancel}>取消</button>
          <button type="submit" disabled={!valid} data-testid="adjustment-save">保存</button>
        </div>
    </Dialog>
  );
}
