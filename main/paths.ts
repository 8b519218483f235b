// Where the lab keeps its database: the same user-data folder the Electron app uses on each system,
// so the app, `npm run web` and `dlab --db` default to one shared database.

import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER = 'deep-learning-lab';

export function userDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_FOLDER);
}

export function defaultDatabasePath(): string {
  return join(userDataDir(), 'lab.sqlite');
}
