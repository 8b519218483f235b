import { describe, expect, it } from 'vitest';
import { comparisonToCsv, csvField, safeFileName, toCsv } from '../../../renderer/charts/csv';

describe('csv', () => {
  it('quotes only what needs quoting, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(0.25)).toBe('0.25');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('keeps a text a spreadsheet would run as a formula as text, and numbers as numbers', () => {
    expect(csvField('=HYPERLINK("http://x.example","open me")')).toBe(`"'=HYPERLINK(""http://x.example"",""open me"")"`);
    expect(csvField('+1+2')).toBe(`"'+1+2"`);
    expect(csvField('-2+3')).toBe(`"'-2+3"`);
    expect(csvField('@SUM(A1:A9)')).toBe(`"'@SUM(A1:A9)"`);
    expect(csvField('\t=1+1')).toBe(`"'\t=1+1"`);
    expect(csvField('\r=1+1')).toBe(`"'\r=1+1"`);
    expect(csvField('adam = best')).toBe('adam = best');
    expect(csvField(-0.5)).toBe('-0.5');
    expect(csvField(-3)).toBe('-3');
  });

  it('neutralises a run name in a comparison export, leaving its negative numbers alone', () => {
    const csv = comparisonToCsv({
      runs: [{ id: 7, name: '=cmd|"/c calc"!A1' }] as never,
      epochs: [{ epoch: 1, values: { 7: { iteration: 5, trainLoss: -0.25, trainAcc: 0.5, testAcc: 0.4, testLoss: -1, seconds: 1 } } }],
    });
    expect(csv.split('\r\n')[1]).toBe(`7,"'=cmd|""/c calc""!A1",1,5,-0.25,0.5,-1,0.4,1`);
  });

  it('joins records with CRLF and ends with one', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
  });

  it('writes a comparison in long format, skipping epochs a run does not have', () => {
    const m = (acc: number) => ({ iteration: 10, trainLoss: 0.5, trainAcc: acc, testAcc: acc - 0.01, testLoss: 0.6, seconds: 2 });
    const csv = comparisonToCsv({
      runs: [
        { id: 1, name: 'adam, lr 0.001' },
        { id: 2, name: '학습률 0.1' },
      ] as never,
      epochs: [
        { epoch: 1, values: { 1: m(0.9), 2: m(0.8) } },
        { epoch: 2, values: { 1: m(0.95), 2: null } },
      ],
    });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('run_id,run_name,epoch,iteration,train_loss,train_acc,test_loss,test_acc,seconds');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe(`1,"adam, lr 0.001",1,10,0.5,0.9,0.6,${0.9 - 0.01},2`);
    expect(lines[2]).toBe(`1,"adam, lr 0.001",2,10,0.5,0.95,0.6,${0.95 - 0.01},2`);
    expect(lines[3]).toBe(`2,학습률 0.1,1,10,0.5,0.8,0.6,${0.8 - 0.01},2`);
  });

  it('makes safe file names, Hangul included', () => {
    expect(safeFileName('SimpleConvNet / run: 3?')).toBe('SimpleConvNet-run-3');
    expect(safeFileName('학습 1')).toBe('학습-1');
    expect(safeFileName('///')).toBe('run');
  });
});
