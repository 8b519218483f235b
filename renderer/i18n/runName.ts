// A run's name in the reader's language. A run the learner did not name is stored as its parts in
// English — "affine-relu-affine on mnist", the same in every language and in the CLI (main/runs/
// RunManager.ts) — and said from those parts here: "MNIST로 학습한 Affine-ReLU-Affine". A name the
// learner gave is theirs and is shown as written.

import { findLayerType, layerTypes } from '../../engine/layers/registry';
import { format, type Lang } from './translate';

/** Longest first, so "leaky-relu" is read as one type, not "leaky" and "relu". */
const TYPES = layerTypes.map((t) => t.type as string).sort((a, b) => b.length - a.length);

const SOURCE_WORDS: Readonly<Record<Lang, Readonly<Record<string, string>>>> = {
  en: {},
  ko: { mnist: 'MNIST', spiral: '나선', circles: '동심원', xor: 'XOR', blobs: '덩어리' },
};

/** "affine-relu-affine" → ['affine', 'relu', 'affine'], or null when the text is not a chain of layer types. */
function layerChain(text: string): string[] | null {
  const out: string[] = [];
  let rest = text;
  while (rest !== '') {
    const type = TYPES.find((t) => rest === t || rest.startsWith(`${t}-`));
    if (!type) return null;
    out.push(type);
    rest = rest.slice(type.length).replace(/^-/, '');
  }
  return out.length > 0 ? out : null;
}

export function runNameText(lang: Lang, name: string): string {
  if (lang === 'en') return name;
  const parts = /^(\S+) on (\S+)$/.exec(name);
  const chain = parts ? layerChain(parts[1]!) : null;
  if (!parts || !chain) return name;
  const layers = chain.map((type) => findLayerType(type)?.text[lang].label ?? type).join('-');
  const source = SOURCE_WORDS[lang][parts[2]!] ?? parts[2]!;
  return format(lang, '{source|으로/로} 학습한 {layers}', { source, layers });
}
