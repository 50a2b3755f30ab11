// Division (区划) codes and names: 12-digit statistical codes, and the name variants township files use.

export type DivisionLevel = 'county' | 'township' | 'village';

export interface Division {
  code: string;
  name: string;
  level: DivisionLevel;
  parentCode: string | null;
}

/** 130324 → 130324000000; 130324100 → 130324100000. */
export function padDivisionCode(code: string): string {
  return code.padEnd(12, '0');
}

const VILLAGE_LAYER = /(村民委员会|居民委员会|村委会|居委会|社区|村)$/u;

/** Which kind of committee a suffix layer names: a village (村…) or an urban community (社区, 居…). */
function layerKind(layer: string): 'V' | 'C' {
  return layer.startsWith('村') ? 'V' : 'C';
}

/**
 * A village name taken apart: the base with every trailing 村民委员会/居民委员会/村委会/居委会/社区/村
 * layer stripped (龙城园区社区居委会, 龙城园区社区村 and 龙城园区 all have the base 龙城园区), and the kinds
 * of those layers, innermost first (社区居委会 → CC, 社区村 → CV). The base never becomes empty: 村 stays 村.
 */
export function villageParts(name: string): { base: string; layers: string } {
  let base = name.replace(/[\s\u3000]/g, '');
  let layers = '';
  for (;;) {
    const layer = VILLAGE_LAYER.exec(base)?.[1];
    if (!layer || layer.length === base.length) return { base, layers };
    base = base.slice(0, -layer.length);
    layers = layerKind(layer) + layers;
  }
}

/** The key a village name matches on: 石门村委会, 石门村 and 石门 all become 石门; so do 石门社区居委会 and 石门社区村. */
export function villageKey(name: string): string {
  return villageParts(name).base;
}

export type VillageMatch = { code: string } | { ambiguous: string[] } | null;

/** How many layers two layer strings share from the innermost out. */
function sharedLayers(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Finds a typed village among a township's villages. Both sides are normalised the same way (villageParts).
 * Where a township has two villages of one base (高井社区居委会 beside 高井村委会, a community and the village
 * it grew from), the typed layers decide: a name that is the other with layers added or dropped fits best,
 * the fewer the closer (a bare 高井 is 高井村委会 without one layer), then the one sharing more inner layers;
 * what fits two equally well is ambiguous, never guessed.
 */
export function villageMatcher(villages: readonly { code: string; name: string }[]): (typed: string) => VillageMatch {
  const exact = new Map<string, string>();
  const byBase = new Map<string, { code: string; name: string; layers: string }[]>();
  for (const v of villages) {
    const parts = villageParts(v.name);
    exact.set(v.name.replace(/[\s\u3000]/g, ''), v.code);
    byBase.set(parts.base, [...(byBase.get(parts.base) ?? []), { ...v, layers: parts.layers }]);
  }
  return (typed) => {
    const text = typed.replace(/[\s\u3000]/g, '');
    const hit = exact.get(text);
    if (hit) return { code: hit };
    const { base, layers } = villageParts(text);
    const candidates = byBase.get(base);
    if (!candidates) return null;
    if (candidates.length === 1) return { code: candidates[0]!.code };
    // One layer added or dropped (the layers of one start with the other's) fits best, the fewer the closer;
    // otherwise the more inner layers shared, the better.
    const score = (c: { layers: string }) => (c.layers.startsWith(layers) || layers.startsWith(c.layers)
      ? 100 - Math.abs(c.layers.length - layers.length)
      : sharedLayers(c.layers, layers));
    const best = Math.max(...candidates.map(score));
    const top = candidates.filter((c) => score(c) === best);
    return best > 0 && top.length === 1 ? { code: top[0]!.code } : { ambiguous: top.map((c) => c.name) };
  };
}

/** The key a township name matches on: 印庄乡 and 印庄镇 both become 印庄 (townships are renamed 乡→镇). */
export function townshipKey(name: string): string {
  const text = name.replace(/[\s\u3000]/g, '').replace(/[（(][^）)]*[）)]/g, '');
  const stripped = text.replace(/(人民政府|政府)$/u, '').replace(/(乡|镇|街道|街道办事处|办事处)$/u, '');
  return stripped || text;
}

/** How a village is shown in the grid: without the 村委会/居委会 suffix. */
export function villageDisplayName(name: string): string {
  return name.replace(/(村民委员会|村委会)$/u, '村').replace(/(社区)?(居民委员会|居委会)$/u, '社区');
}

/**
 * A township as people type it (add-user --townships, and wherever a code is typed): the 12-digit code
 * (130324100000), the 9-digit one most lists print (130324100), the 6 digits after the county
 * (100000), or a name — current or former (印庄乡 for 印庄镇), with or without the county before it.
 * Returns the 12-digit code, or null when nothing in the county matches. A county code is no township.
 */
export function resolveTypedTownship(
  typed: string, countyCode: string, townships: readonly { code: string; name: string }[], aliases: readonly { alias: string; code: string }[] = [],
): string | null {
  const text = typed.replace(/[\s\u3000]/g, '');
  const county6 = countyCode.slice(0, 6);
  const known = (code: string) => (townships.some((t) => t.code === code) ? code : null);
  if (/^\d{12}$/.test(text)) return known(text);
  if (/^\d{9}$/.test(text)) return known(padDivisionCode(text));
  if (/^\d{6}$/.test(text)) return text === county6 ? null : known(`${county6}${text}`);
  if (/^\d+$/.test(text)) return null;
  // 河北省秦皇岛市卢龙县燕河营镇 → 燕河营镇: whatever ends in 省/市/县/区 before the township name.
  const tails = [...text].flatMap((c, i) => ('省市县区'.includes(c) && i < text.length - 1 ? [text.slice(i + 1)] : []));
  for (const name of [text, ...tails]) {
    const key = townshipKey(name);
    const hit = townships.find((t) => t.name === name) ?? aliases.find((a) => a.alias === name)
      ?? townships.find((t) => townshipKey(t.name) === key) ?? aliases.find((a) => townshipKey(a.alias) === key);
    if (hit) return known(hit.code);
  }
  return null;
}
