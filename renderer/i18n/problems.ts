// Sentences for what the form and the builder refuse: a field problem (from its code and limit), and
// the engine's English sentences, said in Korean where the pattern is known.

import type { FieldProblem } from '../model/fieldCheck';
import { explainEngineMessage } from '../model/engineMessages';
import { fieldNameText, layerText } from './registryText';
import { translate, translateOr, type Lang, type MessageKey } from './translate';

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
const rephrasedInEnglish = new Set<MessageKey>(['engine.emptyStack']);

export function describeProblem(lang: Lang, problem: FieldProblem): string {
  const key = problemKeys[problem.code];
  if (key) return translate(lang, key, problem.limit !== undefined ? { limit: problem.limit } : undefined);
  return problem.text ? describeEngineMessage(lang, problem.text) : translate(lang, 'problem.number');
}

/** The engine's sentence in English; in Korean, the same sentence when its pattern is known. */
export function describeEngineMessage(lang: Lang, message: string): string {
  const explained = explainEngineMessage(message);
  if (!explained || (lang === 'en' && !rephrasedInEnglish.has(explained.key))) return message;
  const params = { ...explained.params };
  if (typeof params.type === 'string') params.layer = layerText(lang, params.type).label;
  if (typeof params.field === 'string') params.field = fieldNameText(lang, params.field);
  if (typeof params.axis === 'string') params.axis = translateOr(lang, `axis.${params.axis}`, params.axis);
  return translate(lang, explained.key, params);
}
