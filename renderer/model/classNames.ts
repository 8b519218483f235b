// Class names as the learner reads them: the house names the classes in English (or in the learner's
// own classes.txt); the known ones — Fashion-MNIST's ten — are worded here in each language. Whether a
// dataset is handwritten digits (the draw pad makes sense only then) is read from the same names.

import type { Lang } from '../i18n/translate';

/** Fashion-MNIST's classes in Korean, under Zalando's English names. */
const KOREAN: Readonly<Record<string, string>> = {
  'T-shirt/top': '티셔츠/톱',
  Trouser: '바지',
  Pullover: '풀오버',
  Dress: '드레스',
  Coat: '코트',
  Sandal: '샌들',
  Shirt: '셔츠',
  Sneaker: '스니커즈',
  Bag: '가방',
  'Ankle boot': '앵클 부츠',
};

export function classNameText(lang: Lang, name: string): string {
  return lang === 'ko' ? (KOREAN[name] ?? name) : name;
}

/** The name of class `index` in `lang`: its known name, or the number itself. */
export function classLabel(lang: Lang, names: readonly string[] | undefined, index: number): string {
  const name = names?.[index];
  return name === undefined ? String(index) : classNameText(lang, name);
}

/** True for the ten digits 0…9 in order: a dataset of handwritten digits, where drawing one makes sense. */
export function areDigits(names: readonly string[] | undefined): boolean {
  return names !== undefined && names.length === 10 && names.every((name, i) => name === String(i));
}
