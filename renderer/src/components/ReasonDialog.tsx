// Asks for the reason a step needs (退回, 重新打开): the engine refuses an empty one, and so does this form.
import { useState } from 'react';
import { Dialog } from './Dialog';

export function ReasonDialog({ title, note, onCancel, onConfirm }: { title: string; note?: string; onCancel(): void; onConfirm(reason: string): void }) {
  const [reason, setReason] = useState('');
  return (
    <Dialog label={title} size="medium" testId="reason-dialog" onClose={onCancel} onSubmit={() => { if (reason.trim()) onConfirm(reason.trim()); }}>
        <h2>{title}</h2>
        {note && <p className="dialog-note">{note}</p>}
        <label className="field"><span className="field-label">原因<em>*</em></span>
          <textarea autoFocus rows={4} maxLength={200} placeholder="写明原因，录入员和审计日志都会看到（最多200字）" value={reason} onChange={(e) => setReason(e.target.value)} data-testid="reason-input" />
        </label>
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onCancel}>取消</button>
          <button type="submit" disabled={!reason.trim()} data-testid="reason-confirm">确定</button>
        </div>
    </Dialog>
  );
}
