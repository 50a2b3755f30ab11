// `npm run bench`: every benchmark section of SPEC §7, each printing its figures beside baselines measured
// in the same run. Sections are independent; add yours below.
import { benchImport } from './import';

async function main() {
  console.log(`bench on ${process.platform} ${process.arch}, Node ${process.version}`);
  await benchImport();
}

main().catch((error) => { console.error(error); process.exit(1); });
