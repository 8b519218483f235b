// One call through a door: check it (schemas.ts), run it on the service, and wrap the outcome so that
// it crosses any boundary as plain data. Shared by the Electron IPC door and the web door; the CLI, the
// third door, calls the checked API below, so that every door holds a call to the same limits.

import { LAB_METHODS } from './constants';
import type { LabApi } from './contract';
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

/**
 * The service's API with every call checked as the other doors check it, for callers in this process
 * (the CLI): a refusal is the same LabError('usage') sentence the app would show. Generated from
 * LAB_METHODS, like the other doors.
 */
export function checkedApi(service: CallableService): Omit<LabApi, 'onRunEvent'> {
  const api: Record<string, unknown> = {};
  for (const method of LAB_METHODS) {
    api[method] = async (...args: unknown[]) => {
      const call = parseCall(method, args);
      const implementation = service.api[call.method] as (...callArgs: unknown[]) => Promise<unknown>;
      return implementation.apply(service.api, call.args);
    };
  }
  return api as unknown as Omit<LabApi, 'onRunEvent'>;
}
