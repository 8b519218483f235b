// A run the learner did not name is stored as its parts in English ("affine-relu-affine on mnist", by
// main/runs/RunManager.ts) and said in Korean from those parts; a name the learner gave stays theirs.

import { describe, expect, it } from 'vitest';
import { labLabelOrName, runNameText } from '../../renderer/i18n/runName';

describe('a run’s automatic name in Korean', () => {
  it('is said from its layers and its data, with the particle the data’s name takes', () => {
    expect(runNameText('ko', 'affine-relu-affine on mnist')).toBe('MNIST로 학습한 Affine-ReLU-Affine');
    expect(runNameText('ko', 'conv-relu-pool-affine-relu-affine on mnist')).toBe('MNIST로 학습한 합성곱-ReLU-풀링-Affine-ReLU-Affine');
    expect(runNameText('ko', 'affine-leaky-relu-dropout-affine on spiral')).toBe('나선으로 학습한 Affine-Leaky ReLU-드롭아웃-Affine');
    expect(runNameText('ko', 'affine-batchnorm-relu-affine on idx:/data/fashion')).toBe('idx:/data/fashion으로 학습한 Affine-배치 정규화-ReLU-Affine');
  });

  it('stays as written in English, and for a name the learner gave', () => {
    expect(runNameText('en', 'affine-relu-affine on mnist')).toBe('affine-relu-affine on mnist');
    expect(runNameText('ko', '나의 첫 실험')).toBe('나의 첫 실험');
    expect(runNameText('ko', 'fun on sunday')).toBe('fun on sunday'); // "fun" is no layer type
  });

  it('a lab’s run keeps its title and says its label’s words in Korean, as the lab’s table and curves do', () => {
    expect(runNameText('ko', '오버피팅 — λ = 0.1, dropout 0.5')).toBe('오버피팅 — λ = 0.1, 드롭아웃 0.5');
    expect(runNameText('ko', '오버피팅 — none')).toBe('오버피팅 — 없음');
    expect(runNameText('ko', '배치 정규화 — W:0.01 · BN')).toBe('배치 정규화 — W:0.01 · BN');
    expect(runNameText('en', 'Overfitting — dropout 0.5')).toBe('Overfitting — dropout 0.5');
    expect(labLabelOrName('ko', 'dropout 0.2', 'ignored')).toBe('드롭아웃 0.2');
    expect(labLabelOrName('ko', undefined, 'affine-relu-affine on mnist')).toBe('MNIST로 학습한 Affine-ReLU-Affine');
  });
});
