// Skills training sessions (技能培训期次): what a session must state before it is saved.
import { workbenchError, type WorkbenchError } from './errors';
import { isIsoDate } from './dates';

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


export function checkTraining(input: TrainingInput): TrainingFieldErrors {
  const errors: TrainingFieldErrors = {};
  const required: [keyof TrainingInput, string][] = [['name', '培训名称'], ['trade', '培训工种'], ['place', '培训地点'], ['organiser', '承办机构']];
  for (const [field, label] of required) if (!input[field].trim()) errors[field] = workbenchError('TRAINING_FIELD_MISSING', { field: label });
  if (!isIsoDate(input.startDate)) errors.startDate = workbenchError('BAD_DATE', { value: input.startDate });
  if (!isIsoDate(input.endDate)) errors.endDate = workbenchError('BAD_DATE', { value: input.endDate });
  else if (!errors.startDate && input.endDate < input.startDate) errors.endDate = workbenchError('TRAINING_DATES');
  return errors;
}
