// A post's chain of holders (上岗 → 退岗 → 补岗) with dates: who held it, from when, until when, and why they left.
import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract/schemas';
import { call } from '../api';

type History = ChannelOutput<'posts.history'>;

export function PostHistory({ postId, refreshKey = 0, onClose }: { postId: number; refreshKey?: number; onClose(): void }) {
  const [history, setHistory] = useState<History | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('posts.history', { postId }).then(setHistory).catch((e: Error) => setError(e.message));
  }, [postId, refreshKey]);

  if (error) return <div className="banner error" role="alert">{error}</div>;
  if (!history) return <div className="panel muted">正在读取岗位履历…</div>;
  const { post, placements } = history;
  return (
    <section className="panel" data-testid="post-history" aria-label="岗位履历">
      <div className="panel-head">
        <h2>岗位履历：{post.townshipName}{post.villageName} · {post.postType}</h2>
        <span className="muted">用工单位：{post.employingUnit}；当前{post.status === '在岗' ? `在岗：${post.holderName}` : `空缺${post.vacantFrom ? `（${post.vacantFrom}起）` : ''}`}</span>
        <span className="spacer" />
        <button className="secondary" onClick={onClose}>关闭</button>
      </div>
      {placements.length === 0 ? <p className="muted">该岗位尚未安置过人员。</p> : (
        <ol className="history-chain">
          {placements.map((p, i) => (
            <li key={p.id} data-testid="history-entry">
              <span className="history-index">{i + 1}</span>
              <strong>{p.name}</strong>（{p.idMasked}）
              <span>{p.startDate} 上岗{p.replacesName ? `（补岗，接替${p.replacesName}）` : ''}</span>
              <span>{p.exitDate ? `→ ${p.exitDate} 退岗（${p.exitReason}）` : `→ 协议至 ${p.agreementEndDate}`}</span>
              <span className={`status status-${p.status}`}>{p.status}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
