// 代发批次: the approved money's way to the bank and back. Make a numbered batch of the approved lines not yet
// in a live batch (with failed lines that may go again), download its bank file, mark it 已报送银行, void it
// with a reason; see each batch's 对账 (sent = 成功 + 失败 + 未回盘) and its lines with the bank's answers;
// mark a failed line 重发. The bank's return file is imported under 数据导入 (kind 银行回盘).
import { useCallback, useEffect, useState } from 'react';
import type { PaymentBatchView, PaymentDraft, PaymentLineView } from '../../../shared/contract/payments';
import { formatYuan } from '../../../shared/domain/money';
import type { AppInfo, Townships } from '../App';
import { call } from '../api';
import { downloadBase64 } from '../download';
import { ReasonDialog } from '../components/ReasonDialog';
import { MonthField } from '../components/DateField';

const MIME: Record<string, string> = { csv: 'text/csv', txt: 'text/plain' };
const download = (file: { fileName: string; base64: string }) => downloadBase64(file.fileName, file.base64, MIME[file.fileName.split('.').pop() ?? ''] ?? undefined);
const yuan = (fen: number) => formatYuan(fen);

export function BankPage({ info, townships }: { info: AppInfo; townships: Townships }) {
  const lastMonth = info.policies.map((p) => p.lastPaidMonth).sort().at(-1) ?? '2022-12';
  const [month, setMonth] = useState('');
  const [township, setTownship] = useState('');
  const [retryFailed, setRetryFailed] = useState(true);
  const [draft, setDraft] = useState<PaymentDraft | null>(null);
  const [batches, setBatches] = useState<PaymentBatchView[] | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [lines, setLines] = useState<PaymentLineView[] | null>(null);
  const [voiding, setVoiding] = useState<PaymentBatchView | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);

  const fail = (e: unknown) => setMessage({ kind: 'error', text: (e as Error).message });
  const loadBatches = useCallback(() => call('payments.batches', {}).then((list) => {
    setBatches(list);
    // Start on the month after the newest batch's (the next one to pay), within the policy's months.
    setMonth((m) => m || (list[0] ? nextMonth(list[0].month) : lastMonth));
  }).catch(fail), [lastMonth]);
  useEffect(() => { void loadBatches(); }, [loadBatches]);

  const input = useCallback(() => ({ month, townshipCode: township || null, retryFailed }), [month, township, retryFailed]);
  useEffect(() => {
    if (!/^\d{4}-\d{2}$/.test(month)) return;
    setDraft(null);
    call('payments.preview', input()).then(setDraft).catch(fail);
  }, [input, month, batches]);

  const loadLines = useCallback((batchId: number) => { setSelected(batchId); setLines(null); call('payments.lines', { batchId }).then(setLines).catch(fail); }, []);

  async function act(run: () => Promise<unknown>, done: string) {
    setBusy(true);
    try { await run(); setMessage({ kind: 'info', text: done }); await loadBatches(); if (selected) loadLines(selected); } catch (e) { fail(e); } finally { setBusy(false); }
  }

  async function create() {
    setBusy(true);
    try {
      const { batch, file } = await call('payments.create', input());
      download(file);
      setMessage({ kind: 'info', text: `已生成代发批次 ${batch.batchNo}：${batch.lines} 笔，${yuan(batch.totalFen)} 元${batch.reissues ? `（其中重发 ${batch.reissues} 笔）` : ''}，银行文件 ${file.fileName} 已下载。生成前已自动备份数据库。` });
      await loadBatches();
      loadLines(batch.id);
    } catch (e) { fail(e); } finally { setBusy(false); }
  }

  const current = batches?.find((b) => b.id === selected) ?? null;
  return (
    <section className="bank-page">
      <h1>代发批次</h1>
      <div className="panel" data-testid="batch-create">
        <div className="panel-toolbar">
          <label className="field"><span className="field-label">发放月份</span><MonthField value={month} onChange={setMonth} testId="batch-month" /></label>
          <label className="field"><span className="field-label">乡镇</span>
            <select value={township} onChange={(e) => setTownship(e.target.value)} data-testid="batch-township">
              <option value="">全县已审核乡镇</option>
              {townships.map((t) => <option key={t.code} value={t.code}>{t.name}</option>)}
            </select>
          </label>
          <label className="check"><input type="checkbox" checked={retryFailed} onChange={(e) => setRetryFailed(e.target.checked)} data-testid="batch-retry" /> 含发放失败后已更正卡号或标记重发的行</label>
          <button onClick={create} disabled={busy || !draft || draft.lines === 0} data-testid="batch-create-button">生成代发批次并下载银行文件</button>
        </div>
        {draft && (
          <p data-testid="batch-preview">
            {draft.lines === 0 ? `${draft.month} 没有可以代发的新行：已审核、有卡号的行都已在有效的代发批次中。` : `本次将代发 ${draft.lines} 笔，${yuan(draft.totalFen)} 元${draft.retries ? `，其中重发 ${draft.retries} 笔 ${yuan(draft.retryFen)} 元` : ''}（${draft.townships.map((t) => `${t.name} ${t.lines} 笔`).join('、')}）。`}
            {draft.notApproved.length > 0 && <span className="muted"> 尚未审核、暂不代发：{draft.notApproved.join('、')}。</span>}
          </p>
        )}
      </div>
      {message && <div className={`banner ${message.kind}`} role="status" data-testid="batch-message">{message.text}</div>}
      <h2>批次与对账</h2>
      {!batches ? <p className="muted">正在读取代发批次…</p> : batches.length === 0 ? <p className="muted">还没有代发批次。</p> : (
        <table className="plain-table wide compact" data-testid="batch-table">
          <thead>
            <tr><th>批次号</th><th>月份</th><th>状态</th><th>乡镇</th><th className="num">代发笔数</th><th className="num">代发金额</th><th className="num">成功</th><th className="num">失败（已重发/待重发）</th><th className="num">未回盘</th><th>操作</th></tr>
          </thead>
          <tbody>
            {batches.map((b) => {
              const r = b.reconciliation;
              return (
                <tr key={b.id} className={b.id === selected ? 'selected' : undefined} data-testid="batch-row">
                  <td><button className="link" onClick={() => loadLines(b.id)}>{b.batchNo}</button>{b.reissues > 0 && <span className="muted">（含重发{b.reissues}笔）</span>}</td>
                  <td>{b.month}</td>
                  <td className={`batch-status batch-${b.status}`} title={b.voidReason ?? undefined}>{b.status}{b.voidReason ? `：${b.voidReason}` : ''}</td>
                  <td>{info.user.role !== 'clerk' && b.townships.length === townships.length ? '全县' : b.townships.map((t) => t.name).join('、')}</td>
                  <td className="num">{b.lines}</td>
                  <td className="num">{yuan(b.totalFen)}</td>
                  <td className="num">{r.confirmed.lines} 笔 {yuan(r.confirmed.fen)}</td>
                  <td className="num">{r.failed.lines > 0 ? `${r.failed.lines} 笔 ${yuan(r.failed.fen)}（${r.reissued.lines}/${r.failedOutstanding.lines}）` : '—'}</td>
                  <td className="num">{r.awaiting.lines > 0 ? `${r.awaiting.lines} 笔 ${yuan(r.awaiting.fen)}` : '—'}</td>
                  <td className="batch-actions">
                    <button className="link" disabled={b.status === '作废'} onClick={() => act(async () => download(await call('payments.file', { batchId: b.id })), `已下载 ${b.batchNo} 的银行文件`)}>银行文件</button>
                    <button className="link" disabled={b.status === '作废'} onClick={() => act(async () => download(await call('payments.report', { batchId: b.id })), `已下载 ${b.batchNo} 的发放对账表`)}>对账表</button>
                    {b.status === '已生成' && <button className="link" disabled={busy} onClick={() => act(() => call('payments.markSent', { batchId: b.id }), `${b.batchNo} 已标记为已报送银行`)} data-testid="batch-sent">标记已报送</button>}
                    {(b.status === '已生成' || (b.status === '已报送银行' && r.awaiting.lines === b.lines)) && <button className="link danger" disabled={busy} onClick={() => setVoiding(b)} data-testid="batch-void">作废</button>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {current && <BatchLines batch={current} lines={lines} onRetry={(line) => act(() => call('payments.markRetry', { lineId: line.lineId }), `${line.name} ${line.month} 已标记重发，将进入下一个代发批次`)} />}
      {voiding && (
        <ReasonDialog title={`作废代发批次 ${voiding.batchNo}`} onCancel={() => setVoiding(null)}
          onConfirm={(reason) => { const b = voiding; setVoiding(null); void act(() => call('payments.void', { batchId: b.id, reason }), `${b.batchNo} 已作废，其中 ${b.lines} 笔可重新生成批次`); }} />
      )}
      <p className="muted hint">银行回盘文件请在“数据导入”中选择“银行回盘”导入（可先试导入、查看错误清单，导入后可撤销）。首页与月报只把银行确认成功的金额计为已发放。</p>
    </section>
  );
}

function BatchLines({ batch, lines, onRetry }: { batch: PaymentBatchView; lines: PaymentLineView[] | null; onRetry(line: PaymentLineView): void }) {
  const [onlyFailed, setOnlyFailed] = useState(batch.reconciliation.failed.lines > 0);
  const shown = (lines ?? []).filter((l) => !onlyFailed || l.result === '失败');
  return (
    <div className="panel" data-testid="batch-lines">
      <div className="panel-head">
        <h2>{batch.batchNo} 明细</h2>
        <span className="muted">代发 {batch.lines} 笔 {yuan(batch.totalFen)} 元 = 成功 {yuan(batch.reconciliation.confirmed.fen)} + 失败 {yuan(batch.reconciliation.failed.fen)} + 未回盘 {yuan(batch.reconciliation.awaiting.fen)}</span>
        <span className="spacer" />
        <label className="check"><input type="checkbox" checked={onlyFailed} onChange={(e) => setOnlyFailed(e.target.checked)} /> 只看发放失败</label>
      </div>
      {!lines ? <p className="muted">正在读取…</p> : (
        <div className="table-scroll">
          <table className="plain-table wide compact">
            <thead><tr><th>序号</th><th>所属月份</th><th>乡镇</th><th>村</th><th>姓名</th><th>卡号</th><th className="num">金额</th><th>银行回盘</th><th>备注</th><th /></tr></thead>
            <tbody>
              {shown.slice(0, 500).map((l) => (
                <tr key={l.lineId} data-testid="batch-line">
                  <td>{l.seq}</td><td>{l.month}</td><td>{l.townshipName}</td><td>{l.villageName}</td><td>{l.name}</td><td>{l.cardMasked}</td>
                  <td className="num">{yuan(l.amountFen)}</td>
                  <td className={l.result === '失败' ? 'payment-failed' : undefined}>
                    {l.result === null ? '未回盘' : l.result === '成功' ? '成功' : `失败（${l.reason ?? ''}）`}
                    {l.reissuedIn && `，已在 ${l.reissuedIn} 重发`}{l.retryMarked && !l.reissuedIn ? '，已标记重发' : ''}
                  </td>
                  <td>{l.remark}</td>
                  <td>{l.mayMarkRetry && l.result === '失败' && <button className="link" onClick={() => onRetry(l)} data-testid="mark-retry">标记重发</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length > 500 && <p className="muted">只显示前 500 行，共 {shown.length} 行；完整明细见银行文件与对账表。</p>}
        </div>
      )}
    </div>
  );
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
