import { describe, expect, it } from 'vitest';
import { FASHION_MNIST_NAMES } from '../../engine/node/classNames';
import { areDigits, classLabel, classNameText } from '../../renderer/model/classNames';

describe('class names in the learner’s language', () => {
  it('words every Fashion-MNIST class in Korean and keeps the English names in English', () => {
    const korean = FASHION_MNIST_NAMES.map((name) => classNameText('ko', name));
    expect(korean).toEqual(['티셔츠/톱', '바지', '풀오버', '드레스', '코트', '샌들', '셔츠', '스니커즈', '가방', '앵클 부츠']);
    expect(FASHION_MNIST_NAMES.map((name) => classNameText('en', name))).toEqual([...FASHION_MNIST_NAMES]);
  });

  it('keeps a learner’s own names and falls back to the number', () => {
    expect(classLabel('ko', ['circle', 'square'], 1)).toBe('square');
    expect(classLabel('ko', undefined, 7)).toBe('7');
  });

  it('tells the digits from other ten-class sets', () => {
    expect(areDigits(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])).toBe(true);
    expect(areDigits([...FASHION_MNIST_NAMES])).toBe(false);
    expect(areDigits(undefined)).toBe(false);
  });
});
