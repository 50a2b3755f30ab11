// 就业台账, "131" services and trainings: the channels this feature serves, with who may call each and its township scope.
import { registerChannels } from '../registry';
import { ADMINS, EDITORS } from '../../../shared/contract/access';
import { addServiceHandler, checksHandler, deleteServiceHandler, ledgerHandler, listServicesHandler, saveEmploymentHandler, saveTargetsHandler, targetsHandler } from './employment';
import { enrolHandler, listTrainingsHandler, saveTrainingHandler, setTraineeHandler, traineesHandler, unenrolHandler } from './trainings';

export const employmentChannels = registerChannels({
  'employment.ledger': { access: 'any', scope: 'scoped', handler: (ctx, input) => ledgerHandler(ctx, input) },
  'employment.save': { access: EDITORS, scope: 'scopedWrite', handler: (ctx, input) => saveEmploymentHandler(ctx, input) },
  'employment.checks': { access: 'any', scope: 'scoped', handler: (ctx, input) => checksHandler(ctx, input) },
  'employment.targets': { access: 'any', scope: 'scoped', handler: (ctx, input) => targetsHandler(ctx, input) },
  'employment.saveTargets': { access: ADMINS, scope: 'scopedWrite', handler: (ctx, input) => saveTargetsHandler(ctx, input) },
  'services.list': { access: 'any', scope: 'scoped', handler: (ctx, input) => listServicesHandler(ctx, input) },
  'services.add': { access: EDITORS, scope: 'scopedWrite', handler: (ctx, input) => addServiceHandler(ctx, input) },
  'services.delete': { access: EDITORS, scope: 'scopedWrite', handler: (ctx, input) => deleteServiceHandler(ctx, input) },
  'trainings.list': { access: 'any', scope: 'scoped', handler: (ctx, input) => listTrainingsHandler(ctx, input) },
  'trainings.save': { access: EDITORS, scope: 'scopedWrite', handler: (ctx, input) => saveTrainingHandler(ctx, input) },
  'trainings.trainees': { access: 'any', scope: 'scoped', handler: (ctx, input) => traineesHandler(ctx, input) },
  'trainings.enrol': { access: EDITORS, scope: 'scopedWrite', handler: (ctx, input) => enrolHandler(ctx, input) },
  'trainings.setTrainee': { access: EDITORS, scope: 'scopedWrite', handler: (ctx, input) => setTraineeHandler(ctx, input) },
  'trainings.unenrol': { access: EDITORS, scope: 'scopedWrite', handler: (ctx, input) => unenrolHandler(ctx, input) },
});
