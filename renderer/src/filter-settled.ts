// Whether a grid shows the result of the filter currently typed or chosen: the grid applies a filter after
// React renders the new value, so "the input says X" and "the rows are X's rows" are two moments apart.
// The page renders `data-filter-settled` from this; browser tests wait on it instead of sleeping.
import { useCallback, useRef, useState } from 'react';

/** `key` names the filter as the screen holds it now; `null` while the filter is still being prepared. */
export function useFilterSettled(key: string | null): { settled: boolean; onModelUpdated(): void } {
  // The key handed to the grid with the latest render: a model update after it shows that filter's rows.
  const requested = useRef<string | null>(key);
  requested.current = key;
  const [applied, setApplied] = useState<string | null>(null);
  const onModelUpdated = useCallback(() => setApplied(requested.current), []);
  return { settled: key !== null && applied === key, onModelUpdated };
}
