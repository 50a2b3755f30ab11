import { benchImportStores } from './stores';
import { printRows } from './payroll';
benchImportStores([10000]).then((rows) => printRows('try', rows));
