// Korean particles chosen by how the word before them is read: es-hangul picks from a syllable's final
// consonant, and engine/korean.ts gives it the syllable a reader ends on ("23" → 삼, "Affine" → 인).

import { josa } from 'es-hangul';
import { readingEnd } from '../../engine/korean';

type Pair = Parameters<typeof josa.pick>[1];

/** es-hangul's pairs, and the order our tables may write them in ("과/와" as well as "와/과"). */
const PAIRS: Readonly<Record<string, Pair>> = {
  '이/가': '이/가',
  '을/를': '을/를',
  '은/는': '은/는',
  '으로/로': '으로/로',
  '와/과': '와/과',
  '과/와': '와/과',
  '이나/나': '이나/나',
  '이라/라': '이라/라',
  '이랑/랑': '이랑/랑',
  '이에요/예요': '이에요/예요',
};

/** The particle of `pair` that follows `word`: particle('23', '을/를') → '을', particle('ReLU', '을/를') → '를'. */
export function particle(word: string, pair: string): string {
  const known = PAIRS[pair];
  if (!known) return `(${pair})`;
  return josa.pick(readingEnd(word) || '가', known);
}
