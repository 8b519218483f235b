// One call through a door: check it (schemas.ts), run it on the service, and wrap the outcome so that
// it crosses any boundary as plain data. Shared by the Electron IPC door and the web door.

import { errorToWire, parseCall, type WireError } from './schemas';
import type { LabService } from './service';

export type CallResult = { ok: true; value: unknown } | { ok: false; error: WireError };

export type Dispatcher = (method: string, args: unknown) => Promise<CallResult>;

/** The part of the service a door needs to answer calls. */
export type CallableService = Pick<LabService, 'api'>;

export function createDispatcher(service: CallableService): Dispatcher {
  return async (method, args) => {
    try {
      const call = parseCall(method, args);
      const implementation = service.api[call.method] as (...callArgs: unknown[]) => Promise<unknown>;
      const value = await implementation.apply(service.api, call.args);
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: errorToWire(error) };
    }
  };
}
