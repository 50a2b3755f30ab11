// The snapshot of a batch (import_snapshots.rows_gz): every accepted row as the file said it, kept for
// 与上次对比. Stored as gzipped JSON in columns — {"fields":[names…],"rows":[[key, label, value…]…]}, a
// field's name written once rather than on each of 100,000 rows — compressed a chunk of rows at a time on
// libuv's threads (gzip members concatenated are one gzip stream to every reader), so the commit's own
// thread writes the rows meanwhile and the whole text is never held at once. Batches written before this
// hold a plain array of SnapshotRow; both read back the same.
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import type { SnapshotRow } from './kind';

const gzip = promisify(zlib.gzip);

/** Rows per gzip member. */
const CHUNK_ROWS = 5000;

/** Starts compressing the rows (read now); the promise gives the stored bytes. */
export function encodeSnapshot(rows: Iterable<SnapshotRow>): Promise<Buffer> {
  const fields: string[] = [];
  const column = new Map<string, number>();
  const members: Promise<Buffer>[] = [];
  let texts: string[] = [];
  let first = true;
  const flush = () => {
    if (texts.length === 0) return;
    members.push(gzip(`${first ? '{"rows":[' : ','}${texts.join(',')}`, { level: 1 }));
    first = false;
    texts = [];
  };
  for (const row of rows) {
    const values: (string | null)[] = [row.key, row.label];
    for (const [name, value] of Object.entries(row.fields)) {
      let at = column.get(name);
      if (at === undefined) { at = fields.length; fields.push(name); column.set(name, at); }
      while (values.length < at + 2) values.push(null); // a field this row does not have
      values[at + 2] = value;
    }
    texts.push(JSON.stringify(values));
    if (texts.length === CHUNK_ROWS) flush();
  }
  flush();
  members.push(gzip(`${first ? '{"rows":[' : ''}],"fields":${JSON.stringify(fields)}}`, { level: 1 }));
  return Promise.all(members).then((parts) => Buffer.concat(parts));
}

export function decodeSnapshot(bytes: Buffer): SnapshotRow[] {
  const parsed = JSON.parse(zlib.gunzipSync(bytes).toString('utf8')) as SnapshotRow[] | { fields: string[]; rows: (string | null)[][] };
  if (Array.isArray(parsed)) return parsed;
  return parsed.rows.map((values) => {
    const fields: Record<string, string> = {};
    parsed.fields.forEach((name, i) => { const value = values[i + 2]; if (value !== null && value !== undefined) fields[name] = value; });
    return { key: values[0]!, label: values[1]!, fields };
  });
}
