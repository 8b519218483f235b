// Every test process multiplies on the kernel the app and the dlab command use (engine/node/relaxedSimd.ts),
// so a seeded run gives the same numbers in a test as through the command line or a worker thread.
import { enableRelaxedSimd } from '../../engine/node/relaxedSimd';

enableRelaxedSimd();
