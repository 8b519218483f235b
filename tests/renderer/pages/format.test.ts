import { describe, expect, it } from 'vitest';
import { datasetLabel, formatAccuracy, formatClock, formatLoss, formatPercent, formatSetting, formatTick } from '../../../renderer/charts/format';

describe('formatting', () => {
  it('writes durations as a clock', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(42)).toBe('0:42');
    expect(formatClock(130)).toBe('2:10');
    expect(formatClock(3723)).toBe('1:02:03');
    expect(formatClock(null)).toBe('—');
    expect(formatClock(Number.POSITIVE_INFINITY)).toBe('—');
  });

  it('writes accuracies with 4 decimals, as the book prints them', () => {
    expect(formatAccuracy(0.98123)).toBe('0.9812');
    expect(formatAccuracy(1)).toBe('1.0000');
    expect(formatAccuracy(null)).toBe('—');
    expect(formatPercent(0.98123)).toBe('98.12%');
  });

  it('writes losses with four significant digits', () => {
    expect(formatLoss(2.302585)).toBe('2.303');
    expect(formatLoss(0.0451234)).toBe('0.04512');
    expect(formatLoss(12345)).toBe('1.23e+4');
    expect(formatLoss(Number.NaN)).toBe('—');
  });

  it('shortens tick labels', () => {
    expect(formatTick(500)).toBe('500');
    expect(formatTick(1500)).toBe('1.5k');
    expect(formatTick(12000)).toBe('12k');
    expect(formatTick(2_500_000)).toBe('2.5M');
    expect(formatTick(0.25)).toBe('0.25');
  });

  it('writes setting values for a table', () => {
    expect(formatSetting(0.001)).toBe('0.001');
    expect(formatSetting('adam')).toBe('adam');
    expect(formatSetting(undefined)).toBe('—');
    expect(formatSetting([1, 28, 28])).toBe('[1,28,28]');
  });
});

describe('data source labels', () => {
  it('shortens IDX folders, image folders and tables to their name and leaves the rest', () => {
    expect(datasetLabel('idx:/usr/share/datasets/fashion-mnist')).toBe('fashion-mnist');
    expect(datasetLabel('idx:C:\\data\\kmnist\\')).toBe('kmnist');
    expect(datasetLabel('images:/home/ana/photos/flowers/')).toBe('flowers');
    expect(datasetLabel('images:C:\\photos\\cats')).toBe('cats');
    expect(datasetLabel('csv:/data/iris.csv')).toBe('iris.csv');
    expect(datasetLabel('mnist')).toBe('mnist');
    expect(datasetLabel('spiral')).toBe('spiral');
  });
});
