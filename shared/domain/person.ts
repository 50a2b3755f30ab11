// The person record (人员台账): the closed lists of SPEC §2 and the checks on each field that a clerk types.
import { parseIdNumber } from './id-number';
import { normaliseText } from './id-number';
import { workbenchError, type WorkbenchError } from './errors';

export const CATEGORIES = ['脱贫户', '防返贫监测对象', '低保', '特困', '其他'] as const;
export type Category = (typeof CATEGORIES)[number];

export const LABOUR_ABILITIES = ['普通劳动力', '技能劳动力', '弱劳动力或半劳动力', '丧失劳动力', '无劳动力'] as const;
export type LabourAbility = (typeof LABOUR_ABILITIES)[number];

/** Standard terms for 与户主关系; anything else is kept as written, never rejected. */
export const RELATION_TERMS = [
  '户主', '配偶', '之子', '之女', '之儿媳', '之女婿', '之孙子', '之孙女', '之外孙子', '之外孙女',
  '之父', '之母', '之岳父', '之岳母', '之公公', '之婆婆', '之兄弟姐妹', '之祖父', '之祖母', '其他',
] as const;

const RELATION_ALIASES: Record<string, string> = {
  本人: '户主', 户主本人: '户主', 妻: '配偶', 妻子: '配偶', 丈夫: '配偶', 夫: '配偶', 爱人: '配偶',
  子: '之子', 儿子: '之子', 长子: '之子', 次子: '之子', 三子: '之子', 女: '之女', 女儿: '之女', 长女: '之女', 次女: '之女', 三女: '之女',
  儿媳: '之儿媳', 媳妇: '之儿媳', 女婿: '之女婿', 孙子: '之孙子', 孙女: '之孙女', 外孙: '之外孙子', 外孙子: '之外孙子', 外孙女: '之外孙女',
  父亲: '之父', 父: '之父', 母亲: '之母', 母: '之母', 岳父: '之岳父', 岳母: '之岳母', 公公: '之公公', 婆婆: '之婆婆',
  兄: '之兄弟姐妹', 弟: '之兄弟姐妹', 姐: '之兄弟姐妹', 妹: '之兄弟姐妹', 兄弟姐妹: '之兄弟姐妹', 祖父: '之祖父', 祖母: '之祖母',
};

/** Shows a relation in the standard term where recognised; keeps the clerk's words otherwise. */
export function normaliseRelation(raw: string): string {
  const text = raw.trim();
  if ((RELATION_TERMS as readonly string[]).includes(text)) return text;
  return RELATION_ALIASES[text] ?? text;
}

/** Luhn (mod 10) check used by bank and social-security card numbers. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return sum % 10 === 0;
}

export type CardResult = { ok: true; value: string; warning?: WorkbenchError } | { ok: false; error: WorkbenchError };

/** Card numbers: 16–19 digits; a failed Luhn check is a warning only (some social-security cards fail it). */
export function parseCardNumber(raw: string): CardResult {
  const text = normaliseText(raw).replace(/-/g, '');
  if (!/^\d{16,19}$/.test(text)) return { ok: false, error: workbenchError('BAD_CARD') };
  return passesLuhn(text) ? { ok: true, value: text } : { ok: true, value: text, warning: workbenchError('CARD_LUHN') };
}

/** Mobile (11 digits from 1) or landline with area code (0335-1234567 or 03351234567). */
export function parsePhone(raw: string): string | null {
  const text = normaliseText(raw).replace(/[-—()（）]/g, '');
  if (/^1\d{10}$/.test(text) || /^0\d{9,11}$/.test(text) || /^\d{7,8}$/.test(text)) return text;
  return null;
}

/** ************4712: only the last four of a card number stay visible. */
export function maskCardNumber(card: string): string {
  return card.length > 4 ? '*'.repeat(card.length - 4) + card.slice(-4) : card;
}

export interface PersonInput {
  idNumber: string;
  name: string;
  phone: string;
  townshipCode: string;
  villageCode: string;
  householdNo: string;
  relation: string;
  category: string;
  labourAbility: string;
  cardNumber: string;
  bank: string;
  remark: string;
}

export type PersonField = keyof PersonInput;
export type FieldErrors = Partial<Record<PersonField, WorkbenchError>>;

/** What a village must satisfy: the caller knows which villages belong to which township. */
export interface DivisionLookup {
  townshipName(code: string): string | undefined;
  villageTownship(code: string): string | undefined;
}

export interface PersonCheck {
  errors: FieldErrors;
  warnings: FieldErrors;
  /** The input with every field normalised; only meaningful when errors is empty. */
  normalised: PersonInput;
}

/** Checks every field of a person as typed. Pure: the duplicate-ID check needs the database and lives there. */
export function checkPerson(input: PersonInput, divisions: DivisionLookup, today: Date = new Date()): PersonCheck {
  const errors: FieldErrors = {};
  const warnings: FieldErrors = {};
  const normalised: PersonInput = { ...input };
  for (const key of Object.keys(normalised) as PersonField[]) normalised[key] = (normalised[key] ?? '').trim();

  const id = parseIdNumber(input.idNumber, today);
  if (id.ok) normalised.idNumber = id.value;
  else errors.idNumber = id.error;

  if (!normalised.name) errors.name = workbenchError('NAME_MISSING');

  if (!normalised.townshipCode) errors.townshipCode = workbenchError('TOWNSHIP_MISSING');
  else if (!divisions.townshipName(normalised.townshipCode)) errors.townshipCode = workbenchError('UNKNOWN_TOWNSHIP', { value: normalised.townshipCode });

  if (!normalised.villageCode) errors.villageCode = workbenchError('VILLAGE_MISSING');
  else {
    const owner = divisions.villageTownship(normalised.villageCode);
    if (!owner) errors.villageCode = workbenchError('UNKNOWN_VILLAGE', { value: normalised.villageCode });
    else if (normalised.townshipCode && owner !== normalised.townshipCode) {
      errors.villageCode = workbenchError('VILLAGE_NOT_IN_TOWNSHIP', { value: normalised.villageCode, actual: divisions.townshipName(owner) ?? owner });
    }
  }

  if (!(CATEGORIES as readonly string[]).includes(normalised.category)) {
    errors.category = workbenchError('BAD_ENUM', { value: normalised.category, allowed: CATEGORIES.join('/') });
  }
  if (!(LABOUR_ABILITIES as readonly string[]).includes(normalised.labourAbility)) {
    errors.labourAbility = workbenchError('BAD_ENUM', { value: normalised.labourAbility, allowed: LABOUR_ABILITIES.join('/') });
  }

  if (normalised.phone) {
    const phone = parsePhone(normalised.phone);
    if (phone) normalised.phone = phone;
    else errors.phone = workbenchError('BAD_PHONE');
    // 7 or 8 digits is a landline without its area code: often a mobile number cut short. Saved, with a word.
    if (phone && /^\d{7,8}$/.test(phone)) warnings.phone = workbenchError('PHONE_NO_AREA_CODE', { value: phone, digits: phone.length });
  }
  if (normalised.cardNumber) {
    const card = parseCardNumber(normalised.cardNumber);
    if (card.ok) {
      normalised.cardNumber = card.value;
      if (card.warning) warnings.cardNumber = card.warning;
    } else errors.cardNumber = card.error;
  }
  if (normalised.relation) normalised.relation = normaliseRelation(normalised.relation);
  return { errors, warnings, normalised };
}
