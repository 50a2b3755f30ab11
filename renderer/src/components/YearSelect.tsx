// The year a posts/placements screen shows: one of the years with a policy, the latest by default.
import type { AppInfo } from '../App';

export function latestYear(info: AppInfo): number {
  return info.policies.length ? info.policies[info.policies.length - 1]!.year : new Date().getFullYear();
}

export function YearSelect({ info, year, onChange }: { info: AppInfo; year: number; onChange(year: number): void }) {
  return (
    <label className="inline-field">
      年度
      <select value={year} onChange={(e) => onChange(Number(e.target.value))} data-testid="year-select">
        {info.policies.map((p) => <option key={p.year} value={p.year}>{p.year}年</option>)}
      </select>
    </label>
  );
}
