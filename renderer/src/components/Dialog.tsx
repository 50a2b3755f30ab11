// The app's one dialog frame: a modal box over a dimmed page that Esc closes (the topmost layer only, so a
// confirmation or a calendar opened from a dialog closes first). Every dialog uses it; Electron has no
// window.prompt, and window.confirm would speak the browser's language.
import { useEffect, useRef, type ReactNode } from 'react';

const open: symbol[] = [];

/** Esc closes this layer while it is the topmost one (a dialog, a calendar popup). */
export function useEscapeLayer(label: string, onClose: () => void, active = true): void {
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    if (!active) return;
    const me = Symbol(label);
    open.push(me);
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || open[open.length - 1] !== me) return;
      e.preventDefault();
      e.stopPropagation();
      close.current();
    };
    // Capture: a grid or a select under the dialog must not swallow Esc first.
    window.addEventListener('keydown', onKey, true);
    return () => { window.removeEventListener('keydown', onKey, true); open.splice(open.indexOf(me), 1); };
  }, [label, active]);
}

interface Props {
  label: string;
  testId?: string;
  size?: 'wide' | 'narrow' | 'medium';
  onClose(): void;
  /** Makes the box a form: Enter in a field submits. */
  onSubmit?(): void;
  children: ReactNode;
}

export function Dialog({ label, testId, size = 'wide', onClose, onSubmit, children }: Props) {
  useEscapeLayer(label, onClose);
  const className = size === 'wide' ? 'dialog' : `dialog ${size}`;
  return (
    <div className="dialog-backdrop">
      {onSubmit
        ? <form className={className} role="dialog" aria-modal="true" aria-label={label} data-testid={testId} onSubmit={(e) => { e.preventDefault(); onSubmit(); }}>{children}</form>
        : <div className={className} role="dialog" aria-modal="true" aria-label={label} data-testid={testId}>{children}</div>}
    </div>
  );
}

interface ConfirmProps {
  title: string;
  /** What will happen, in full sentences. */
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  testId?: string;
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** The app's confirmation: says what will happen, in Chinese; Esc or 取消 leaves everything as it was. */
export function ConfirmDialog({ title, children, confirmLabel, cancelLabel = '取消', testId = 'confirm-dialog', danger, onConfirm, onCancel }: ConfirmProps) {
  return (
    <Dialog label={title} size="narrow" testId={testId} onClose={onCancel}>
      <h2>{title}</h2>
      {children}
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onCancel} data-testid={`${testId}-cancel`}>{cancelLabel}</button>
        <button type="button" className={danger ? 'danger' : ''} autoFocus onClick={onConfirm} data-testid={`${testId}-ok`}>{confirmLabel}</button>
      </div>
    </Dialog>
  );
}
