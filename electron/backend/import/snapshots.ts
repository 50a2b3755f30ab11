// The snapshot of a batch (import_snapshots.rows_gz): every accepted row as the file said it, kept for
// 与上次对比. Stored as gzipped JSON in columns — {"fields":[names…],"rows":[[key, label, value…]…]}, a
// field's name written once rather than on each of 100,000 rows — compressed a chunk of rows at a time
// (gzip members concatenated are one gzip stream to every reader), so the whole text of 100,000 rows is
// never held at once. On this thread: compressing on libuv's threads overlapped little and grew the
// process by ~50 MB (each thread's allocator arena). Batches written before this
// hold a plain array of SnapshotRow; both read back the same.
import zlib from 'node:zlib';
import type { SnapshotRow } from './kind';

/** Rows per gzip member. */
const CHUNK_ROWS = 5000;

/** The rows' stored bytes, each chunk's text compressed as soon as it is made. */
export function encodeSnapshot(rows: Iterable<SnapshotRow>): Buffer {
  const fields: string[] = [];
  const column = new Map<string, number>();
  const members: Buffer[] = [];
  let texts: string[] = [];
  let first = true;
  const compress = (last: boolean) => {
    const body = texts.length > 0 ? `${first ? '{"rows":[' : ','}${texts.join(',')}` : first ? '{"rows":[' : '';
    first = false;
    texts = [];
    members.push(zlib.gzipSync(last ? `${body}],"fields":${JSON.stringify(fields)}}` : body, { level: 1 }));
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
    if (texts.length === CHUNK_ROWS) compress(false);
  }
  compress(true);
  return Buffer.concat(members);
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
