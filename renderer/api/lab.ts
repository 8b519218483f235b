// The renderer's one way into the house. In the Electron window the preload has put the API on
// window.lab (and the native file dialogs on window.labFiles); in a browser served by `npm run web`
// the same API goes over HTTP. Components import `lab` and never care which door they are behind.
// Only `import type` from main: the renderer never bundles main's code.

import type { FileDoors, LabApi } from '../../main/api/contract';
import type { OpenedFile } from '../../main/electron/bridge';
import { webLabFromPage } from './webLab';

const page: Window | undefined = typeof window === 'undefined' ? undefined : window;

export const lab: LabApi = page?.lab ?? webLabFromPage();

/** Native open/save dialogs (Electron only); null on the web, where the page uses a file input and downloads. */
export const files: FileDoors | null = page?.labFiles ?? null;

/** Files opened from the app menu (File → Open experiment / Open weights); never fires on the web. */
export function onMenuFileOpened(listener: (file: OpenedFile) => void): () => void {
  return page?.labFiles?.onFileOpened(listener) ?? (() => {});
}

export type { OpenedFile };
