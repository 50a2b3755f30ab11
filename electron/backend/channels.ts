// Every channel the engine serves, composed from the features' registrations. The type makes a missing or
// extra channel a compile error; dispatch is the only reader.
import type { Channel } from '../../shared/contract/channels';
import type { Registrations } from './registry';
import { adminChannels } from './admin/channels';
import { peopleChannels } from './people/channels';
import { postsChannels } from './posts/channels';
import { payrollChannels } from './payroll/channels';
import { employmentChannels } from './employment/channels';
import { importChannels } from './import/channels';
import { reportsChannels } from './reports/channels';
import { paymentsChannels } from './payments/channels';

export const registry: Registrations<Channel> = {
  ...adminChannels,
  ...peopleChannels,
  ...postsChannels,
  ...payrollChannels,
  ...employmentChannels,
  ...importChannels,
  ...reportsChannels,
  ...paymentsChannels,
};
