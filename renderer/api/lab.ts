// The renderer's one way into the house. In the Electron window the preload has put the API on
// window.lab (and the native file dialogs on window.labFiles); in a browser served by `npm run web`
// the same API goes over HTTP. Components import `lab` and never care which door they are behind.
// A refusal comes back said in the chosen language (from its code and values, or recognised from its
// English sentence when the code was lost on the way, as Electron's context bridge drops it).
// Only `import type` from main, and the contract's constants: the renderer never bundles main's code.

import type { FileDoors, LabApi } from '../../main/api/contract';
import { LAB_METHODS } from '../../main/api/constants';
import type { OpenedFile } from '../../main/electron/bridge';
import { getLanguage } from '../i18n/language';
import { inLanguage } from '../i18n/problems';
import { webLabFromPage } from './webLab';

const page: Window | undefined = typeof window === 'undefined' ? undefined : window;

function sayingRefusals(api: LabApi): LabApi {
  const wrapped: Record<string, unknown> = { onRunEvent: api.onRunEvent.bind(api) };
  for (const method of LAB_METHODS) {
    const call = (api as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[method]!;
    wrapped[method] = (...args: unknown[]) =>
      call(...args).catch((error: unknown) => {
        throw inLanguage(getLanguage(), error);
      });
  }
  return wrapped as unknown as LabApi;
}

export const lab: LabApi = sayingRefusals(page?.lab ?? webLabFromPage());

/** Native open/save dialogs (Electron only); null on the web, where the page uses a file input and downloads. */
export const files: FileDoors | null = page?.labFiles ?? null;

/** A dropped file's path in the desktop app (the preload asks webUtils); '' in a browser, where a file has none. */
export function pathOfDroppedFile(file: File): string {
  return page?.labFiles?.pathForFile(file) ?? '';
}

/** Files opened from the app menu (File → Open experiment / Open weights); never fires on the web. */
export function onMenuFileOpened(listener: (file: OpenedFile) => void): () => void {
  return page?.labFiles?.onFileOpened(listener) ?? (() => {});
}

export type { OpenedFile };
