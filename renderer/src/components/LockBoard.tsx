// 锁定情况: every township-month of the year at a glance; a click opens that township's month.
import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract/schemas';
import { monthLabel } from '../../../shared/domain/month';
import { call } from '../api';

const CLASS: Record<string, string> = { 未提交: 'state-open', 已提交: 'state-submitted', 已审核: 'state-locked' };

export function LockBoard({ year, onPick }: { year: number; onPick(month: string, townshipCode: string): void }) {
  const [board, setBoard] = useState<ChannelOutput<'payroll.board'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { call('payroll.board', { year }).then(setBoard).catch((e: Error) => setError(e.message)); }, [year]);
  if (error) return <div className="banner error">{error}</div>;
  if (!board) return <p className="muted">加载中…</p>;
  return (
    <div className="lock-board">
      <table className="plain-table" data-testid="lock-board">
        <thead><tr><th>乡镇</th>{board.months.map((m) => <th key={m}>{monthLabel(m).slice(5)}</th>)}</tr></thead>
        <tbody>
          {board.townships.map((t) => (
            <tr key={t.code}>
              <th>{t.name}</th>
              {t.statuses.map((s, i) => (
                <td key={board.months[i]} className={CLASS[s]}>
                  <button className="link" onClick={() => onPick(board.months[i]!, t.code)}>{s}</button>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted hint">{year}年：已审核的乡镇月份已锁定，发放明细不再改变；更正请在以后的月份登记补发/扣回。</p>
    </div>
  );
}
