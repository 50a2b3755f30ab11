// Dates and months a clerk picks, always in Chinese: <input type="date"> draws its text and calendar in the
// browser's language ("July 2022" on an English office PC), so a date is a text field read the way clerks
// write it (2022-07-15, 2022/7/15, 2022年7月15日, 20220715) with a small Chinese calendar beside it.
// The value handed up is always YYYY-MM-DD (or YYYY-MM), or '' while the text is empty or unreadable.
import { useEffect, useRef, useState } from 'react';
import { parseDate } from '../../../shared/domain/cell-values';
import { parseMonth } from '../../../shared/domain/employment';
import { localDate } from '../../../shared/domain/dates';
import { addMonths, daysInMonth } from '../../../shared/domain/month';
import { useEscapeLayer } from './Dialog';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** A date as a clerk writes it → YYYY-MM-DD, or null. */
export function readDate(text: string): string | null {
  if (text.trim() === '') return null;
  const parsed = parseDate(text, { date1904: false });
  return parsed.ok ? parsed.value : null;
}

/** A month as a clerk writes it → YYYY-MM, or null. */
export function readMonth(text: string): string | null {
  return text.trim() === '' ? null : parseMonth(text);
}

interface FieldProps {
  value: string;
  onChange(value: string): void;
  min?: string;
  max?: string;
  disabled?: boolean;
  required?: boolean;
  testId?: string;
  ariaLabel?: string;
  /** Shown beside the field when the text cannot be read, e.g. in a form with its own error line. */
  invalidHint?: boolean;
}

/** The text kept while typing; the parent's value only follows readable text. */
function useFieldText(value: string, read: (text: string) => string | null, onChange: (value: string) => void) {
  const [text, setText] = useState(value);
  useEffect(() => { if ((read(text) ?? '') !== value) setText(value); }, [value]);
  const change = (next: string) => {
    setText(next);
    const read_ = read(next) ?? '';
    if (read_ !== value) onChange(read_);
  };
  const invalid = text.trim() !== '' && read(text) === null;
  return { text, change, invalid, tidy: () => { const r = read(text); if (r) setText(r); } };
}

const POPUP_HEIGHT = 300;

/** The calendar, fixed to the window under the field (above it near the bottom), so a dialog's scroll box never cuts it. */
function Picker({ label, open, onToggle, disabled, at, children }: { label: string; open: boolean; onToggle(): void; disabled?: boolean; at: { top: number; left: number } | null; children: React.ReactNode }) {
  return (
    <>
      <button type="button" className="date-button" tabIndex={-1} disabled={disabled} onClick={onToggle} aria-label={label} title={label} data-testid="date-picker-button">▾</button>
      {open && at && <div className="date-popup" role="dialog" aria-label={label} data-testid="date-popup" style={at}>{children}</div>}
    </>
  );
}

function usePopup() {
  const [open, setOpenState] = useState(false);
  const [at, setAt] = useState<{ top: number; left: number } | null>(null);
  const box = useRef<HTMLSpanElement>(null);
  const setOpen = (next: boolean) => {
    const r = box.current?.getBoundingClientRect();
    if (next && r) setAt({ top: r.bottom + 4 + POPUP_HEIGHT > window.innerHeight ? Math.max(4, r.top - POPUP_HEIGHT - 4) : r.bottom + 4, left: Math.min(r.left, window.innerWidth - 260) });
    setOpenState(next);
  };
  useEscapeLayer('日历', () => setOpen(false), open);
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => { if (!box.current?.contains(e.target as Node)) setOpen(false); };
    window.addEventListener('mousedown', away, true);
    return () => window.removeEventListener('mousedown', away, true);
  }, [open]);
  return { open, setOpen, box, at };
}

export function DateField({ value, onChange, min, max, disabled, required, testId, ariaLabel, invalidHint = true }: FieldProps) {
  const field = useFieldText(value, readDate, onChange);
  const popup = usePopup();
  const [shown, setShown] = useState(() => (value || localDate()).slice(0, 7));
  // The calendar opens on the chosen date's month, set in the same click (an effect would draw today's month first).
  const toggle = () => { if (!popup.open) setShown((value || max || localDate()).slice(0, 7)); popup.setOpen(!popup.open); };
  const [year, month] = shown.split('-').map(Number) as [number, number];
  const firstWeekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const days = Array.from({ length: daysInMonth(shown) }, (_, i) => `${shown}-${String(i + 1).padStart(2, '0')}`);
  const outside = (d: string) => (min !== undefined && min !== '' && d < min) || (max !== undefined && max !== '' && d > max);
  return (
    <span className={`date-field${field.invalid ? ' invalid' : ''}`} ref={popup.box}>
      <input
        type="text" inputMode="numeric" placeholder="年-月-日" value={field.text} disabled={disabled} required={required}
        onChange={(e) => field.change(e.target.value)} onBlur={field.tidy} aria-invalid={field.invalid} aria-label={ariaLabel}
        title={field.invalid ? '日期应写成 2022-07-15（年-月-日）' : '年-月-日，如 2022-07-15'} data-testid={testId} data-value={value}
      />
      <Picker label="选择日期" open={popup.open} at={popup.at} onToggle={toggle} disabled={disabled}>
        <div className="date-popup-head">
          <button type="button" className="link" onClick={() => setShown(addMonths(shown, -12))} aria-label="上一年">«</button>
          <button type="button" className="link" onClick={() => setShown(addMonths(shown, -1))} aria-label="上个月">‹</button>
          <b data-testid="date-popup-title">{year}年{month}月</b>
          <button type="button" className="link" onClick={() => setShown(addMonths(shown, 1))} aria-label="下个月">›</button>
          <button type="button" className="link" onClick={() => setShown(addMonths(shown, 12))} aria-label="下一年">»</button>
        </div>
        <div className="date-grid">
          {WEEKDAYS.map((w) => <span key={w} className="weekday">{w}</span>)}
          {Array.from({ length: firstWeekday }, (_, i) => <span key={`gap-${i}`} />)}
          {days.map((d) => (
            <button key={d} type="button" disabled={outside(d)} className={d === value ? 'day chosen' : d === localDate() ? 'day today' : 'day'}
              onClick={() => { field.change(d); popup.setOpen(false); }} data-date={d}>{Number(d.slice(8))}</button>
          ))}
        </div>
        <div className="date-popup-foot">
          <button type="button" className="link" disabled={outside(localDate())} onClick={() => { field.change(localDate()); popup.setOpen(false); }}>今天</button>
          <button type="button" className="link" onClick={() => { field.change(''); popup.setOpen(false); }}>清除</button>
        </div>
      </Picker>
      {invalidHint && field.invalid && <span className="field-error date-hint">应写成 年-月-日</span>}
    </span>
  );
}

export function MonthField({ value, onChange, min, max, disabled, required, testId, ariaLabel, invalidHint = true }: FieldProps) {
  const field = useFieldText(value, readMonth, onChange);
  const popup = usePopup();
  const [year, setYear] = useState(() => Number((value || localDate()).slice(0, 4)));
  const toggle = () => { if (!popup.open) setYear(Number((value || max || localDate()).slice(0, 4))); popup.setOpen(!popup.open); };
  const outside = (m: string) => (min !== undefined && min !== '' && m < min) || (max !== undefined && max !== '' && m > max);
  return (
    <span className={`date-field month${field.invalid ? ' invalid' : ''}`} ref={popup.box}>
      <input
        type="text" inputMode="numeric" placeholder="年-月" value={field.text} disabled={disabled} required={required}
        onChange={(e) => field.change(e.target.value)} onBlur={field.tidy} aria-invalid={field.invalid} aria-label={ariaLabel}
        title={field.invalid ? '月份应写成 2022-07（年-月）' : '年-月，如 2022-07'} data-testid={testId} data-value={value}
      />
      <Picker label="选择月份" open={popup.open} at={popup.at} onToggle={toggle} disabled={disabled}>
        <div className="date-popup-head">
          <button type="button" className="link" onClick={() => setYear(year - 1)} aria-label="上一年">‹</button>
          <b data-testid="date-popup-title">{year}年</b>
          <button type="button" className="link" onClick={() => setYear(year + 1)} aria-label="下一年">›</button>
        </div>
        <div className="month-grid">
          {Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`).map((m) => (
            <button key={m} type="button" disabled={outside(m)} className={m === value ? 'day chosen' : 'day'}
              onClick={() => { field.change(m); popup.setOpen(false); }} data-month={m}>{Number(m.slice(5))}月</button>
          ))}
        </div>
      </Picker>
      {invalidHint && field.invalid && <span className="field-error date-hint">应写成 年-月</span>}
    </span>
  );
}
