// Which import kind a sheet looks like, from its header texts: a 花名册 with 岗位类型/上岗时间 is a placements
// list, a sheet with 出勤天数 is attendance, one with 就业状态/就业形式 the employment ledger, else people.
// A suggestion for the screen, never a decision: the clerk picks the kind.

export type GuessableKind = 'people' | 'employment' | 'placements' | 'attendance';

const SIGNS: Record<Exclude<GuessableKind, 'people'>, { words: readonly RegExp[]; label: string }> = {
  attendance: { words: [/出勤天数/, /出勤/, /考勤/], label: '月度考勤' },
  placements: { words: [/岗位类型/, /上岗(时间|日期)/, /协议(期|截止|到期)/, /用工单位/, /岗位名称/], label: '公益岗位安置' },
  employment: { words: [/就业(状态|形式)/, /务工(地|省份|市县|月数)/, /月均收入/, /就业意愿/, /未就业原因/], label: '就业台账' },
};

export const KIND_LABELS: Record<GuessableKind, string> = { people: '人员台账', employment: '就业台账', placements: '公益岗位安置', attendance: '月度考勤' };

export interface KindGuess { kind: GuessableKind; because: string[] }

/** The likely kind and the headers that say so (people, with no reason, when nothing points elsewhere). */
export function guessImportKind(headers: readonly string[]): KindGuess {
  let best: KindGuess = { kind: 'people', because: [] };
  for (const [kind, sign] of Object.entries(SIGNS) as [Exclude<GuessableKind, 'people'>, (typeof SIGNS)['attendance']][]) {
    const because = headers.filter((h) => sign.words.some((w) => w.test(h.replace(/\s+/g, ''))));
    // Attendance needs its own column; two signs of the others make a kind, one is too weak (一个“用工单位” is not a roster).
    const strong = kind === 'attendance' ? because.some((h) => /出勤天数|考勤/.test(h)) : because.length >= 2;
    if (strong && because.length > best.because.length) best = { kind, because };
  }
  return best;
}
