// A person's payment history (发放记录): every month sent to the bank, in which batch, and what the bank said.
import { useEffect, useState } from 'react';
import type { PaymentHistoryRow } from '../../../shared/contract/payments';
import { formatYuan } from '../../../shared/domain/money';
import { call } from '../api';

export function PaymentHistory({ personId }: { personId: number }) {
  const [rows, setRows] = useState<PaymentHistoryRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { call('payments.personHistory', { personId }).then(setRows).catch((e: Error) => setError(e.message)); }, [personId]);
  if (error) return <p className="muted">{error}</p>;
  if (!rows) return <p className="muted">正在读取发放记录…</p>;
  return (
    <section data-testid="payment-history">
      <h3>发放记录</h3>
      {rows.length === 0 ? <p className="muted">尚无代发记录。</p> : (
        <table className="plain-table compact">
          <thead><tr><th>月份</th><th className="num">金额</th><th>批次</th><th>卡号</th><th>状态</th><th>备注</th></tr></thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>{r.month}</td><td className="num">{formatYuan(r.amountFen)}</td><td>{r.batchNo}</td><td>{r.cardMasked}</td>
                <td className={r.result === '失败' ? 'payment-failed' : undefined}>{r.state}</td><td>{r.remark}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
