// Property test over the national division catalogue (issue 15): every village name, with any one of the
// suffixes 村民委员会/居民委员会/村委会/居委会/社区/村 added or removed, matches itself and no other village of
// its township. The one exception is a variant that IS another village of the township once normalised
// (时村社区 without 社区 is 时村): that variant finds that village, or is refused as ambiguous — never a third.
import fs from 'node:fs';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { villageMatcher, villageParts } from '../../../shared/domain/division';
import { catalogueFile, loadCounty } from './catalogue';

const SUFFIXES = ['村民委员会', '居民委员会', '村委会', '居委会', '社区', '村'] as const;
type Village = { code: string; name: string };

function townshipsOfCatalogue(): Village[][] {
  const townships: Village[][] = [];
  let current: Village[] = [];
  for (const line of zlib.gunzipSync(fs.readFileSync(catalogueFile())).toString('utf8').split('\n')) {
    const [tag, code] = line.split('\t');
    if (!line || tag === 'P' || tag === 'C') continue;
    if (tag === 'A') { current = []; continue; }
    if (tag === 'S') { current = []; townships.push(current); continue; }
    current.push({ code: `${townships.length}-${tag}`, name: code! });
  }
  return townships;
}

function variants(name: string): string[] {
  return [
    ...SUFFIXES.map((s) => name + s),
    ...SUFFIXES.filter((s) => name.endsWith(s) && name.length > s.length).map((s) => name.slice(0, -s.length)),
  ];
}

/** The property for one village of one township. */
function holds(villages: readonly Village[], find: ReturnType<typeof villageMatcher>, village: Village, variant: string): boolean {
  const found = find(variant);
  if (found === null) return false;
  if ('ambiguous' in found) return found.ambiguous.includes(village.name);
  if (found.code === village.code) return true;
  const other = villages.find((v) => v.code === found.code)!;
  const a = villageParts(variant), b = villageParts(other.name);
  return variant === other.name || (a.base === b.base && a.layers === b.layers);
}

describe('village names over the national catalogue', () => {
  let townships: Village[][];
  beforeAll(() => { townships = townshipsOfCatalogue(); });

  it('reads the catalogue (600,000+ villages)', () => {
    expect(townships.reduce((n, t) => n + t.length, 0)).toBeGreaterThan(600_000);
  });

  it('every village of the reference county, with every suffix added or removed, matches itself', () => {
    for (const t of loadCounty('130324').townships) {
      const find = villageMatcher(t.villages);
      for (const v of t.villages) for (const w of [v.name, ...variants(v.name)]) expect(find(w), `${t.name} ${w}`).toEqual({ code: v.code });
    }
  });

  it('property: a random village, one suffix added or removed, matches itself and no other village of its township', () => {
    const matchers = new Map<number, ReturnType<typeof villageMatcher>>();
    const matcherOf = (i: number) => { let m = matchers.get(i); if (!m) { m = villageMatcher(townships[i]!); matchers.set(i, m); } return m; };
    const township = fc.integer({ min: 0, max: townships.length - 1 }).filter((i) => townships[i]!.length > 0);
    fc.assert(fc.property(township, fc.nat(), fc.nat(), (t, v, s) => {
      const villages = townships[t]!;
      const village = villages[v % villages.length]!;
      const options = variants(village.name);
      return holds(villages, matcherOf(t), village, options[s % options.length]!);
    }), { numRuns: 20_000 });
  });

  it('the example of issue 15: 龙城园区社区居委会 and 龙城园区社区村 find the catalogue\'s 龙城园区社区', () => {
    const township = townships.find((t) => t.some((v) => v.name === '龙城园区社区'))!;
    const find = villageMatcher(township);
    const code = township.find((v) => v.name === '龙城园区社区')!.code;
    expect(find('龙城园区社区居委会')).toEqual({ code });
    expect(find('龙城园区社区村')).toEqual({ code });
  });
});
