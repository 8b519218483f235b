// Sentences for what the form and the builder refuse: a field problem (from its code and limit), and
// the lab's refusals (engine/messages.ts) in the chosen language, from their code and values.

import { sayMessage } from '../../engine/messageText';
import { isLabMessageCode, recogniseMessage, type LabMessage, type LabMessageCode } from '../../engine/messages';
import { LabCallError } from '../../main/api/constants';
import type { FieldProblem } from '../model/fieldCheck';
import { particle } from './particles';
import { fieldNameText } from './registryText';
import { formatNumber, translate, type Lang, type MessageKey } from './translate';

const problemKeys: Record<FieldProblem['code'], MessageKey | null> = {
  required: 'problem.required',
  number: 'problem.number',
  int: 'problem.int',
  min: 'problem.min',
  gt: 'problem.gt',
  max: 'problem.max',
  lt: 'problem.lt',
  enum: 'problem.enum',
  init: 'problem.init',
  engine: null,
};

/** Engine sentences that speak of the file format rather than the stack a learner sees. */
const rephrasedInEnglish: Partial<Record<LabMessageCode, MessageKey>> = { 'stack.empty': 'engine.emptyStack' };

export function describeProblem(lang: Lang, problem: FieldProblem): string {
  const key = problemKeys[problem.code];
  if (key) return translate(lang, key, problem.limit !== undefined ? { limit: problem.limit } : undefined);
  return problem.text ? describeEngineMessage(lang, problem.text) : translate(lang, 'problem.number');
}

/** A refusal from its code and values, in `lang`: layers and fields named as the builder names them. */
export function sayLabMessage(lang: Lang, said: LabMessage): string {
  const rephrased = lang === 'en' ? rephrasedInEnglish[said.code] : undefined;
  if (rephrased) return translate(lang, rephrased);
  return sayMessage(lang, said, { particle, number: (value) => formatNumber(lang, value), fieldLabel: (name) => fieldNameText(lang, name) });
}

/**
 * The lab's English sentence in `lang`: said from its code when it carries one (a LabError of the
 * engine, an error from the API), else recognised by the table's English templates (a run's failure
 * stored as a sentence); a sentence the table does not know is shown as it was written.
 */
export function describeEngineMessage(lang: Lang, message: string, said?: LabMessage | null): string {
  const known = said ?? recogniseMessage(message);
  return known ? sayLabMessage(lang, known) : message;
}

/** An error caught from the engine or the API, as one sentence in `lang`. */
export function describeError(lang: Lang, error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const said = (error as { said?: unknown }).said;
  return describeEngineMessage(lang, error.message, isSaid(said) ? said : null);
}

/** The same error with its sentence in `lang` (an API refusal as the page shows it); an error the table does not know is left as it is. */
export function inLanguage(lang: Lang, error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const carried = (error as { said?: unknown }).said;
  const said = isSaid(carried) ? carried : recogniseMessage(error.message);
  if (!said) return error;
  const message = sayLabMessage(lang, said);
  if (message === error.message) return error;
  const { kind } = error as { kind?: unknown };
  return new LabCallError(message, typeof kind === 'string' ? kind : 'internal', said);
}

function isSaid(value: unknown): value is LabMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    isLabMessageCode((value as { code?: unknown }).code) &&
    typeof (value as { values?: unknown }).values === 'object'
  );
}
