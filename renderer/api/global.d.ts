// What the Electron preload puts on window (main/electron/preload.ts). Both are absent in a browser.

import type { LabApi } from '../../main/api/contract';
import type { ElectronFileDoors } from '../../main/electron/bridge';

declare global {
  interface Window {
    lab?: LabApi;
    labFiles?: ElectronFileDoors;
  }
}

export {};
