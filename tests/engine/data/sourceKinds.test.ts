// The one table of data-source kinds: each source names exactly one kind, a path kind's path is what
// follows its prefix, and the hint every "unknown source" sentence ends with lists every kind.

import { describe, expect, it } from 'vitest';
import { englishMessage } from '../../../engine/messages';
import { findSourceKind, settingsKeys, sourceHint, sourceKindTable, sourcePath } from '../../../engine/data/sourceKinds';

describe('the kinds of data source', () => {
  it('the refusals of a missing or unknown source name every kind of the table, in its order', () => {
    // The sentences are templates in both languages (engine/messages.ts); the table is where a kind is added.
    const toys = 'spiral, circles, xor, blobs';
    expect(englishMessage({ code: 'data.sourceUnknown', values: { source: 'x', toys } })).toBe(`unknown data source "x": ${sourceHint()}`);
    expect(englishMessage({ code: 'data.sourceMissing', values: { toys } })).toBe(`The data source is missing: ${sourceHint()}.`);
  });

  it('each source names one kind, or none', () => {
    expect(
      ['mnist', 'idx:/data', 'images:/photos', 'spiral', 'blobs', 'csv:a.csv', 'cifar10', 'CSV:a.csv', 'image:/photos'].map(
        (s) => findSourceKind(s)?.name ?? null,
      ),
    ).toEqual(['mnist', 'idx', 'images', 'toy', 'toy', 'csv', null, null, null]);
    expect(new Set(sourceKindTable.map((k) => k.name)).size).toBe(sourceKindTable.length);
  });

  it('a path kind gives its path; a word kind none', () => {
    expect(sourcePath('csv:train.csv,test.csv')).toMatchObject({ kind: { name: 'csv' }, path: 'train.csv,test.csv' });
    expect(sourcePath('idx:')).toMatchObject({ kind: { name: 'idx' }, path: '' });
    expect(sourcePath('images:photos/flowers')).toMatchObject({ kind: { name: 'images', pathIs: 'The data folder' }, path: 'photos/flowers' });
    expect(sourcePath('mnist')).toBeNull();
  });

  it('the hint names every kind, and only csv: has settings of its own so far', () => {
    expect(sourceHint()).toBe('use "mnist", "idx:FOLDER", "images:FOLDER", a toy set (spiral, circles, xor, blobs) or "csv:FILE" (or "csv:TRAIN,TEST")');
    expect(settingsKeys).toEqual(['csv']);
  });
});
