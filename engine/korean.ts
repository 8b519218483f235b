// How the end of a word sounds when a Korean reader says it, for choosing its particle (을/를, 이/가…).
// es-hangul chooses from a Hangul syllable's final consonant, and treats anything else as ending in a
// vowel: "23를", "12.5으로"… So the doors hand it a stand-in syllable that ends as the word is read:
// numbers as Sino-Korean numerals (23 → 이십삼 → 삼 → 을; 12.5 → 십이 점 오 → 오 → 로; 100 → 백 → 을),
// the lab's Latin words as a Korean reader says them (Affine → 어파인 → 을; ReLU → 렐루 → 를).
// Plain code without dependencies: engine/ stays free of them; es-hangul itself is called at the doors.

/** The last digit read aloud: 0 영, 1 일, 2 이, 3 삼, 4 사, 5 오, 6 육, 7 칠, 8 팔, 9 구. */
const DIGITS = ['영', '일', '이', '삼', '사', '오', '육', '칠', '팔', '구'];
/** 10ⁿ read aloud, for a whole number ending in n zeros: 십, 백, 천, then 만 up to 10⁷, 억 up to 10¹¹, 조. */
const POWERS = ['', '십', '백', '천', '만', '만', '만', '만', '억', '억', '억', '억', '조'];

/** Latin words of the lab as a Korean reader says their end (the syllable that carries the particle). */
const LATIN_ENDINGS: Readonly<Record<string, string>> = {
  affine: '인',
  relu: '루',
  'leaky relu': '루',
  sigmoid: '드',
  tanh: '치',
  softmax: '스',
  loss: '스',
  'softmax-with-loss': '스',
  flatten: '튼',
  dropout: '웃',
  batchnorm: '놈',
  sgd: '디',
  momentum: '텀',
  adagrad: '드',
  rmsprop: '롭',
  adadelta: '타',
  adam: '담',
  nadam: '담',
  nan: '난',
  mnist: '트',
  xavier: '에',
  he: '히',
  idx: '스',
  csv: '이',
  json: '슨',
  onnx: '스',
  // r5-ko: image files, as a reader names them (피엔지, 제이펙, 지아이에프)
  png: '지',
  jpg: '지',
  jpeg: '펙',
  gif: '프',
  std: '디',
  epoch: '크',
  'fashion-mnist': '트',
  spiral: '럴',
  circles: '스',
  xor: '어',
  blobs: '스',
};

/** Letters said one by one (an acronym such as "W" or "MNIST" read as 더블유, 엠엔아이에스티). */
const LETTERS: Readonly<Record<string, string>> = {
  a: '이',
  b: '비',
  c: '씨',
  d: '디',
  e: '이',
  f: '프',
  g: '지',
  h: '치',
  i: '이',
  j: '이',
  k: '이',
  l: '엘',
  m: '엠',
  n: '엔',
  o: '오',
  p: '피',
  q: '큐',
  r: '알',
  s: '스',
  t: '티',
  u: '유',
  v: '이',
  w: '유',
  x: '스',
  y: '이',
  z: '트',
};

const HANGUL_SYLLABLE = /[\uAC00-\uD7A3]/;

/** A whole or decimal number as read aloud, its last syllable only. */
function numberEnding(number: string): string {
  const [whole = '', fraction = ''] = number.replace(/,/g, '').split('.');
  if (fraction !== '') return DIGITS[Number(fraction[fraction.length - 1])]!;
  const digits = whole.replace(/^0+(?=\d)/, '');
  if (/^0+$/.test(digits)) return '영';
  const zeros = digits.length - digits.replace(/0+$/, '').length;
  if (zeros === 0) return DIGITS[Number(digits[digits.length - 1])]!;
  return POWERS[Math.min(zeros, POWERS.length - 1)]!;
}

/**
 * A Hangul syllable that ends the way `word` is read aloud, for es-hangul's josa to choose from: the
 * word's own last syllable when it ends in Hangul; for a number, its last numeral; for the lab's Latin
 * words, their reading; for other Latin words, a guess by the last letter (l → ㄹ, m/n/ng → a final
 * consonant, otherwise none; an all-capital word is read letter by letter). Closing quotes, brackets,
 * units and punctuation are skipped: "W1" → 일, "[1, 28, 28]" → 팔, "7×7" → 칠, "12.5%" → 트.
 */
export function readingEnd(word: string): string {
  const trimmed = word.replace(/[\s"'“”‘’)\]}>.,:;!?…]+$/u, '');
  if (trimmed === '') return '';
  const last = trimmed[trimmed.length - 1]!;
  if (HANGUL_SYLLABLE.test(last)) return last;
  if (last === '%') return '트';
  const number = /(\d[\d,]*(?:\.\d+)?)$/.exec(trimmed);
  if (number) return numberEnding(number[1]!);
  const latin = /([A-Za-z][A-Za-z-]*(?: [A-Za-z]+)?)$/.exec(trimmed);
  if (latin) {
    const text = latin[1]!;
    const known = LATIN_ENDINGS[text.toLowerCase()] ?? LATIN_ENDINGS[text.toLowerCase().split(/[\s]/).pop()!];
    if (known) return known;
    const lastWord = text.split(/[\s-]/).pop()!;
    if (lastWord.length > 1 && lastWord === lastWord.toUpperCase()) return LETTERS[lastWord[lastWord.length - 1]!.toLowerCase()]!;
    const lower = lastWord.toLowerCase();
    if (lower.endsWith('ng')) return '응';
    if (lower.endsWith('l') || lower.endsWith('le')) return '을';
    if (/[mn]e?$/.test(lower)) return '은';
    return lower.length === 1 ? LETTERS[lower]! : '스';
  }
  return '';
}
