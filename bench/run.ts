// `npm run bench`: every benchmark section of SPEC §7, each printing its figures beside baselines measured
// in the same run. Sections are independent; add yours below.
import { benchImport } from './import';
import { benchPayroll, printRows } from './payroll';

async function main() {
  console.log(`bench on ${process.platform} ${process.arch}, Node ${process.version}`);
  await benchImport();
  printRows('Payroll (issue 6): median of repeated runs on the demo county', await benchPayroll());
}

main().catch((error) => { console.error(error); process.exit(1); });
