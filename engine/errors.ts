// Errors a learner reads. Everything the engine refuses — a broken layer stack, a malformed file,
// a diverging run — is a LabError whose message is one clear sentence saying what and where.
// Anything else that escapes is a bug in the lab, not a mistake of the user.
// A refusal a learner meets in the app also carries its code and values (engine/messages.ts), so that
// each door can say it in its user's language; its message stays the English sentence.

import { englishMessage, type LabMessage, type LabMessageCode, type MessageValues } from './messages';

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
  /** The sentence as data (code and values), when it comes from the table of messages. */
  readonly said?: LabMessage;

  constructor(kind: LabErrorKind, message: string, details: LabErrorDetails = {}, said?: LabMessage) {
    super(message);
    this.name = 'LabError';
    this.kind = kind;
    this.details = details;
    if (said) this.said = said;
  }
}

/** A LabError whose sentence comes from the table: the English one as its message, the code and values beside it. */
export function labError(kind: LabErrorKind, code: LabMessageCode, values: MessageValues, details: LabErrorDetails = {}): LabError {
  const said: LabMessage = { code, values };
  return new LabError(kind, englishMessage(said), details, said);
}

/** The same refusal, said of a file: "NAME: sentence" (a weights file, an IDX file). */
export function withinFile(error: LabError, kind: LabErrorKind, file: string): LabError {
  const said = error.said ? { ...error.said, within: error.said.within === undefined ? file : `${file}: ${error.said.within}` } : undefined;
  return new LabError(kind, `${file}: ${error.message}`, error.details, said);
}

export function isLabError(error: unknown): error is LabError {
  return error instanceof LabError;
}
