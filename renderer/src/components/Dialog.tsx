// The app's one dialog frame: a modal box over a dimmed page that Esc closes (the topmost one only, so a
// confirmation opened from a dialog closes first). Every dialog uses it; Electron has no window.prompt.
import { useEffect, useRef, type ReactNode } from 'react';

const open: symbol[] = [];

interface Props {
  label: string;
  testId?: string;
  size?: 'wide' | 'narrow';
  onClose(): void;
  /** Makes the box a form: Enter in a field submits. */
  onSubmit?(): void;
  children: ReactNode;
}

export function Dialog({ label, testId, size = 'wide', onClose, onSubmit, children }: Props) {
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
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
  }, [label]);
  const className = size === 'narrow' ? 'dialog narrow' : 'dialog';
  return (
    <div className="dialog-backdrop">
      {onSubmit
        ? <form className={className} role="dialog" aria-modal="true" aria-label={label} data-testid={testId} onSubmit={(e) => { e.preventDefault(); onSubmit(); }}>{children}</form>
        : <div className={className} role="dialog" aria-modal="true" aria-label={label} data-testid={testId}>{children}</div>}
    </div>
  );
}
