// Errors a learner reads. Everything the engine refuses — a broken layer stack, a malformed file,
// a diverging run — is a LabError whose message is one clear sentence saying what and where.
// Anything else that escapes is a bug in the lab, not a mistake of the user.

export type LabErrorKind =
  | 'spec' // an experiment or model spec that cannot work
  | 'file' // a file the user handed us is malformed
  | 'data' // a dataset that cannot be found or read
  | 'diverged' // training produced a NaN or infinite loss
  | 'usage' // a command line or an API call that does not make sense
  | 'store' // the run database cannot be opened or written
  | 'missing' // a run, file or dataset that is not there
  | 'cancelled'; // work the user stopped before it finished (a gradient check)

export interface LabErrorDetails {
  /** Where in a JSON document, e.g. "model.layers[2].kernel". */
  path?: string;
  /** The 0-based index of the offending layer, for the builder to mark it. */
  layerIndex?: number;
  /** The 1-based iteration at which the loss diverged. */
  iteration?: number;
}

export class LabError extends Error {
  readonly kind: LabErrorKind;
  readonly details: LabErrorDetails;

  constructor(kind: LabErrorKind, message: string, details: LabErrorDetails = {}) {
    super(message);
    this.name = 'LabError';
    this.kind = kind;
    this.details = details;
  }
}

export function isLabError(error: unknown): error is LabError {
  return error instanceof LabError;
}
