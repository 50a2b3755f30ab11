// `npm run bench`: each section prints its figures beside baselines measured in the same run (SPEC §7).
import { benchPayroll, printRows } from './payroll';

async function main(): Promise<void> {
  printRows('Payroll (issue 6): median of repeated runs on the demo county', await benchPayroll());
}

main().catch((error) => { console.error(error); process.exitCode = 1; });
