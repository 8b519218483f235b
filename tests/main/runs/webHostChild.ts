// The web host as a process of its own, for the tests: `webHostChild DB RENDERER_DIR` starts it on a
// free port with one worker and prints {"port", "token"}; SIGTERM stops it as Ctrl-C would.

import { startWebLab } from '../../../main/web/cli-entry';

const [dbPath, rendererDir] = process.argv.slice(2);
const lab = await startWebLab({ port: 0, dbPath: dbPath!, rendererDir: rendererDir!, workers: 1, help: false });
process.stdout.write(`${JSON.stringify({ port: lab.host.port, token: lab.host.token })}\n`);
process.on('SIGTERM', () => {
  lab.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
