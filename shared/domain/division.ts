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

/** The key a village name matches on: 石门村委会, 石门村 and 石门 all become 石门. */
export function villageKey(name: string): string {
  const text = name.replace(/[\s\u3000]/g, '');
  const stripped = text.replace(/(村民委员会|居民委员会|村委会|居委会|社区|村)$/u, '');
  return stripped || text;
}

/** The key a township name matches on: 印庄乡 and 印庄镇 both become 印庄 (townships are renamed 乡→镇). */
export function townshipKey(name: string): string {
  const text = name.replace(/[\s\u3000]/g, '').replace(/[（(][^）)]*[）)]/g, '');
  const stripped = text.replace(/(人民政府|政府)$/u, '').replace(/(乡|镇|街道|街道办事处|办事处)$/u, '');
  return stripped || text;
}

/** How a village is shown in the grid: without the 村委会/居委会 suffix. */
export function villageDisplayName(name: string): string {
  return name.replace(/(村民委员会|村委会)$/u, '村').replace(/(居民委员会|居委会)$/u, '社区');
}
