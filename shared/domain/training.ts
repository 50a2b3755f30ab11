// Skills training sessions (技能培训期次): what a session must state before it is saved.
import { workbenchError, type WorkbenchError } from './errors';

export interface TrainingInput {
  name: string;
  trade: string;
  /** YYYY-MM-DD */
  startDate: string;
  endDate: string;
  place: string;
  organiser: string;
}

export type TrainingFieldErrors = Partial<Record<keyof TrainingInput, WorkbenchError>>;

/** A real calendar date written YYYY-MM-DD (2022-02-30 is not one). */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export function checkTraining(input: TrainingInput): TrainingFieldErrors {
  const errors: TrainingFieldErrors = {};
  const required: [keyof TrainingInput, string][] = [['name', '培训名称'], ['trade', '培训工种'], ['place', '培训地点'], ['organiser', '承办机构']];
  for (const [field, label] of required) if (!input[field].trim()) errors[field] = workbenchError('TRAINING_FIELD_MISSING', { field: label });
  if (!isIsoDate(input.startDate)) errors.startDate = workbenchError('BAD_DATE', { value: input.startDate });
  if (!isIsoDate(input.endDate)) errors.endDate = workbenchError('BAD_DATE', { value: input.endDate });
  else if (!errors.startDate && input.endDate < input.startDate) errors.endDate = workbenchError('TRAINING_DATES');
  return errors;
}
