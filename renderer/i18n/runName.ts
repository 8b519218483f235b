// A run's name in the reader's language. A run the learner did not name is stored as its parts in
// English — "affine-relu-affine on mnist", the same in every language and in the CLI (main/runs/
// RunManager.ts) — and said from those parts here: "MNIST로 학습한 Affine-ReLU-Affine". A name the
// learner gave is theirs and is shown as written. A lab's run is stored as "TITLE — LABEL": its title in
// the language of the moment it started, its label as the lab's engine writes it ("λ = 0.1, dropout 0.5",
// "none", "W:0.01 · BN", "lr = 1e-3, λ = 1e-5"), read back by the labs; the label's words are said here.

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

/** The words of a lab's run label in the reader's language: "dropout 0.5" → "드롭아웃 0.5", "none" → "없음". */
export function labLabelText(lang: Lang, label: string): string {
  if (lang === 'en') return label;
  if (label === 'none') return '없음';
  return label.replace(/\bdropout (?=[\d.])/g, '드롭아웃 ');
}

/** The separator a lab writes between its title and a run's label (renderer/labs/common/runGroup.ts). */
const LAB_SEPARATOR = ' — ';

export function runNameText(lang: Lang, name: string): string {
  if (lang === 'en') return name;
  const lab = name.lastIndexOf(LAB_SEPARATOR);
  if (lab > 0) return name.slice(0, lab + LAB_SEPARATOR.length) + labLabelText(lang, name.slice(lab + LAB_SEPARATOR.length));
  const parts = /^(\S+) on (\S+)$/.exec(name);
  const chain = parts ? layerChain(parts[1]!) : null;
  if (!parts || !chain) return name;
  const layers = chain.map((type) => findLayerType(type)?.text[lang].label ?? type).join('-');
  const source = SOURCE_WORDS[lang][parts[2]!] ?? parts[2]!;
  return format(lang, '{source|으로/로} 학습한 {layers}', { source, layers });
}

/** What a lab shows for one of its runs: its label in the reader's words, else the run's name in them. */
export function labLabelOrName(lang: Lang, label: string | undefined, name: string): string {
  return label === undefined ? runNameText(lang, name) : labLabelText(lang, label);
}
