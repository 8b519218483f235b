// The table of refusals (engine/messages.ts) and the reading of a word's last sound (engine/korean.ts)
// that chooses its Korean particle through es-hangul.

import { describe, expect, it } from 'vitest';
import { readingEnd } from '../../engine/korean';
import { englishMessage, fillTemplate, labMessages, recogniseMessage, renderMessage, type LabMessageCode } from '../../engine/messages';
import { particle } from '../../renderer/i18n/particles';
import { format } from '../../renderer/i18n/translate';

const names = (template: string) => [...new Set([...template.matchAll(/\{["“]?(\w+)["”]?(?:[|#][^{}]*)?\}/g)].map((m) => m[1]))].sort();
const codes = Object.keys(labMessages) as LabMessageCode[];

describe('the table of refusals', () => {
  it('names the same values in English and Korean, and writes no particle pattern in Korean', () => {
    for (const code of codes) {
      const { en, ko } = labMessages[code];
      // English-only words (a plural's "values", "images" or "samples") need no place in the Korean sentence
      const englishOnly = ['what', 'valuesWord', 'samplesWord', 'threads', 'summary', 'gzip'];
      // Korean may name a value English does not show (an IDX file's dims); recognised from English, such a sentence stays English
      expect(
        names(ko).filter((n) => !names(en).includes(n) && n !== 'dims'),
        code,
      ).toEqual([]);
      expect(
        names(en).filter((n) => !names(ko).includes(n) && !englishOnly.includes(n!)),
        code,
      ).toEqual([]);
      expect(ko, code).not.toMatch(/\((이|가|을|를|은|는|으로|로|과|와)\)/);
    }
  });

  it('recognises every English sentence it writes, values and all (a stored sentence said again in Korean)', () => {
    for (const code of codes) {
      const values = Object.fromEntries(names(labMessages[code].en).map((name, i) => [name, `v${i}x${name}`]));
      const sentence = englishMessage({ code, values });
      const back = recogniseMessage(sentence);
      expect(back?.code, sentence).toBe(code);
      expect(englishMessage(back!), code).toBe(sentence);
    }
  });

  it('recognises a sentence stored without its full stop, as a run’s failure is', () => {
    expect(recogniseMessage('The data folder /x does not exist')).toEqual({ code: 'data.folderMissing', values: { folder: '/x' } });
  });

  it('says a sentence recognised from its English in English when Korean needs a value English does not show', () => {
    const english = 'train-images: the file is truncated: the header promises 60000 images of 28×28 (47,040,016 bytes) but it holds 100 bytes.';
    const recognised = recogniseMessage(english)!;
    expect(recognised).toMatchObject({ code: 'idx.truncated', within: 'train-images' });
    expect(renderMessage('ko', recognised, { particle })).toBe(english);
    const full = { ...recognised, values: { ...recognised.values, dims: '60000×28×28' } };
    expect(renderMessage('ko', full, { particle })).toBe(
      'train-images: 파일이 잘렸습니다. 헤더는 60000×28×28(47,040,016바이트)를 약속하는데 파일은 100바이트입니다.',
    );
  });

  it('puts a particle after a value, quoted or not, and leaves an unknown placeholder visible', () => {
    const options = { particle };
    expect(fillTemplate('{a|을/를} 추가', { a: 'Affine' }, options)).toBe('Affine을 추가');
    expect(fillTemplate('{a|을/를} 추가', { a: 'ReLU' }, options)).toBe('ReLU를 추가');
    expect(fillTemplate('{"a"|이/가} 없습니다', { a: 'W3' }, options)).toBe('"W3"이 없습니다');
    expect(fillTemplate('{“a”|을/를} 삭제', { a: '나선 연습' }, options)).toBe('“나선 연습”을 삭제');
    expect(fillTemplate('{b|을/를}', { a: 'x' }, options)).toBe('{b|을/를}');
    expect(fillTemplate('{a|을/를}', { a: 'x' })).toBe('x(을/를)'); // no chooser: both, as before
  });

  it('says the issue’s sentences as a person would write them', () => {
    const say = (code: LabMessageCode, values: Record<string, string>) => renderMessage('ko', { code, values }, { particle });
    expect(say('data.folderMissing', { folder: '/home/교사/mnist' })).toBe('데이터 폴더 /home/교사/mnist가 없습니다.');
    expect(say('train.lossNotFinite', { what: 'NaN', iteration: '4' })).toBe('4번째 반복에서 손실이 NaN이 되었습니다. 학습률을 더 작게 해 보세요');
    expect(say('train.lossNotFinite', { what: 'infinite', iteration: '4' })).toBe('4번째 반복에서 손실이 무한대가 되었습니다. 학습률을 더 작게 해 보세요');
    expect(say('data.folderLacksFile', { folder: '/data', role: 'testLabels', base: 't10k-labels-idx1-ubyte', alt: 't10k-labels.idx1-ubyte' })).toBe(
      '폴더 /data에 시험 레이블이 없습니다. t10k-labels-idx1-ubyte 또는 t10k-labels-idx1-ubyte.gz라는 파일이 있어야 합니다 (t10k-labels.idx1-ubyte도 됩니다).',
    );
    expect(englishMessage({ code: 'data.folderLacksFile', values: { folder: '/data', role: 'testLabels', base: 'b', alt: 'c' } })).toBe(
      'The folder /data has no test labels: expected a file named b or b.gz (c also works).',
    );
  });
});

describe('the last sound of a word, for its particle', () => {
  it('reads numbers as Korean numerals (es-hangul alone reads every digit as a vowel)', () => {
    expect(particle('12.5', '으로/로')).toBe('로'); // 십이 점 오
    expect(particle('23', '을/를')).toBe('을'); // 이십삼
    expect(particle('2', '이/가')).toBe('가'); // 이
    expect(particle('0.01', '으로/로')).toBe('로'); // 영 점 영일: ㄹ takes 로
    expect(particle('10', '으로/로')).toBe('으로'); // 십
    expect(particle('100', '을/를')).toBe('을'); // 백
    expect(particle('1,000', '이/가')).toBe('이'); // 천
    expect(particle('20000', '은/는')).toBe('은'); // 이만
    expect(particle('0', '이/가')).toBe('이'); // 영
    expect(particle('9', '을/를')).toBe('를'); // 구
    expect(particle('[1, 28, 28]', '을/를')).toBe('을'); // …이십팔
    expect(particle('9.8%', '이/가')).toBe('가'); // 퍼센트
  });

  it('reads the lab’s Latin words as a Korean reader says them, and Hangul by its final consonant', () => {
    expect(particle('Affine', '을/를')).toBe('을');
    expect(particle('ReLU', '을/를')).toBe('를');
    expect(particle('Softmax-with-Loss', '으로/로')).toBe('로');
    expect(particle('NaN', '이/가')).toBe('이');
    expect(particle('합성곱', '을/를')).toBe('을');
    expect(particle('풀링', '으로/로')).toBe('으로');
    expect(particle('배치 정규화', '을/를')).toBe('를');
    expect(particle('출력', '이/가')).toBe('이');
    expect(particle('높이', '이/가')).toBe('가');
    expect(readingEnd('')).toBe('');
  });

  it('the app’s tables choose them: "{layer|을/를} 스택에 추가"', () => {
    expect(format('ko', '{layer|을/를} 스택에 추가', { layer: 'Affine' })).toBe('Affine을 스택에 추가');
    expect(format('ko', '{layer|을/를} 스택에 추가', { layer: '드롭아웃' })).toBe('드롭아웃을 스택에 추가');
    expect(format('ko', '{layer|을/를} 스택에 추가', { layer: '시그모이드' })).toBe('시그모이드를 스택에 추가');
    expect(format('ko', '뉴런 수를 {classes|으로/로} 하세요', { classes: 10 })).toBe('뉴런 수를 10으로 하세요');
    expect(format('ko', '뉴런 수를 {classes|으로/로} 하세요', { classes: 3 })).toBe('뉴런 수를 3으로 하세요');
    expect(format('ko', '뉴런 수를 {classes|으로/로} 하세요', { classes: 2 })).toBe('뉴런 수를 2로 하세요');
  });
});
