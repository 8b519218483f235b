// The CLI's language: English, or Korean when the locale says so (LC_ALL, then LC_MESSAGES, then LANG,
// as the C library reads them). Only the lab's refusals are said in Korean; help and tables stay English.

import { josa } from 'es-hangul';
import { divergenceMessage, readDivergenceWarning } from '../../engine/divergence';
import { readingEnd } from '../../engine/korean';
import { sayMessage } from '../../engine/messageText';
import { recogniseMessage, type LabMessage, type MessageLang } from '../../engine/messages';

export function cliLanguage(env: Readonly<Record<string, string | undefined>>): MessageLang {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '') ?? '';
  return locale.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

type Pair = Parameters<typeof josa.pick>[1];
const PAIRS: Readonly<Record<string, Pair>> = {
  '이/가': '이/가',
  '을/를': '을/를',
  '은/는': '은/는',
  '으로/로': '으로/로',
  '와/과': '와/과',
  '과/와': '와/과',
};

function particle(word: string, pair: string): string {
  const known = PAIRS[pair];
  return known ? josa.pick(readingEnd(word) || '가', known) : `(${pair})`;
}

/** A refusal's sentence in `lang`: from its code when it has one, else recognised from its English; else as written. */
export function sayRefusal(lang: MessageLang, message: string, said?: LabMessage): string {
  if (lang === 'en') return message;
  const known = said ?? recogniseMessage(message);
  return known ? sayMessage('ko', known, { particle }) : message;
}

/** A run's divergence warning as the CLI prints it: "Warning: …." in English, "경고: …." in Korean. */
export function sayWarning(lang: MessageLang, warning: { code: string; message: string }): string {
  const known = readDivergenceWarning(warning);
  if (lang === 'en' || !known) return `Warning: ${warning.message}.`;
  return `경고: ${sayMessage('ko', divergenceMessage(known), { particle })}.`;
}
