// The chapter-5 labs in Debian's Chromium, through the web host: the computational graph lab stepped
// through the apple graph (220 forward; 2.2, 110, 200 backward) and apples and oranges (715; 3.3, 165,
// 650), a bad input refused in a sentence; then the gradient check lab run on the book's small
// SimpleConvNet with every entry checked, every parameter passing. Screenshots go to docs/ only when
// DLAB_SCREENSHOTS=1.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLab, type E2ELab } from './harness';
import { LabsView } from './labPages';

const docs = new URL('../../docs/', import.meta.url).pathname;
const shot = (name: string): string => join(process.env.DLAB_SCREENSHOTS === '1' ? docs : e.dir, name);
let e: E2ELab;

beforeAll(async () => {
  e = await openLab({ workers: 1 });
});
afterAll(async () => {
  await e?.close();
});

/** The labs as a learner uses them, by test id. */
class Ch5Labs extends LabsView {
  /** Presses Step `times` times, waiting for the step counter each time. */
  async step(times: number): Promise<void> {
    for (let i = 0; i < times; i++) {
      const before = await this.text('lab.graph.progress');
      await this.by('lab.graph.step').click();
      await expect.poll(() => this.text('lab.graph.progress')).not.toBe(before);
    }
  }
  forward(edge: string) {
    return this.text(`lab.graph.edge.${edge}.forward`);
  }
  backward(edge: string) {
    return this.text(`lab.graph.edge.${edge}.backward`);
  }
}

describe('chapter 5 labs in a browser', () => {
  it('steps the apple graph forward to 220 and backward to 2.2, 110 and 200', async () => {
    const labs = new Ch5Labs(e.page);
    await labs.openLab('graph');
    expect(await labs.text('lab.graph.progress')).toMatch(/^Step 1 of 6/);
    expect(await labs.forward('apple')).toBe('100');
    expect(await labs.forward('price')).toBe('');

    await labs.step(2); // both multiply nodes
    expect(await labs.forward('apple_price')).toBe('200');
    expect(await labs.forward('price')).toBe('220');
    expect(await labs.backward('price')).toBe('');

    await labs.step(3); // dprice = 1, the tax node, the apple node
    expect(await labs.backward('price')).toBe('1');
    expect(await labs.backward('apple_price')).toBe('1.1');
    expect(await labs.backward('tax')).toBe('200');
    expect(await labs.backward('apple')).toBe('2.2');
    expect(await labs.backward('apple_num')).toBe('110');
    expect(await labs.text('lab.graph.note')).toBe('Multiply node swaps its inputs: apple gets 1.1 × 2 = 2.2; apple_num gets 1.1 × 100 = 110.');
    expect(await labs.by('lab.graph.step').isDisabled()).toBe(true);
    await e.page.screenshot({ path: shot('lab-graph.png') });

    await labs.by('lab.graph.back').click();
    expect(await labs.backward('apple')).toBe('');
    expect(await labs.backward('tax')).toBe('200');
  });

  it('refuses a bad input with a sentence and draws no NaN', async () => {
    const labs = new Ch5Labs(e.page);
    await labs.by('lab.graph.input.apple_num').fill('two');
    expect(await labs.text('lab.graph.error')).toBe('apple_num: “two” is not a number. Type a number such as 2 or 1.1.');
    expect(await labs.text('lab.graph.svg')).not.toMatch(/NaN|Infinity/);
    expect(await labs.by('lab.graph.step').isDisabled()).toBe(true);
    await labs.by('lab.graph.input.apple_num').fill('2');
    await expect.poll(() => labs.by('lab.graph.error').count()).toBe(0);
  });

  it('apples and oranges: 715 forward; 3.3, 165 and 650 backward', async () => {
    const labs = new Ch5Labs(e.page);
    await labs.by('lab.graph.tab.applesOranges').click();
    expect(await labs.text('lab.graph.progress')).toMatch(/^Step 1 of 10/);
    await labs.step(9);
    expect(await labs.forward('price')).toBe('715');
    expect(await labs.backward('tax')).toBe('650');
    expect(await labs.backward('orange')).toBe('3.3');
    expect(await labs.backward('orange_num')).toBe('165');
    expect(await labs.backward('apple')).toBe('2.2');
    expect(await labs.backward('apple_num')).toBe('110');
  });

  it('Play runs both passes by itself and stops at the end', async () => {
    const labs = new Ch5Labs(e.page);
    await labs.by('lab.graph.tab.apples').click();
    await labs.by('lab.graph.reset').click();
    expect(await labs.forward('price')).toBe('');
    await labs.by('lab.graph.play').click();
    expect(await labs.text('lab.graph.play')).toBe('Pause');
    await expect.poll(() => labs.backward('apple'), { timeout: 15_000 }).toBe('2.2');
    expect(await labs.forward('price')).toBe('220');
    await expect.poll(() => labs.text('lab.graph.play')).toBe('Play');
    expect(await labs.text('lab.graph.progress')).toMatch(/^Step 6 of 6/);
  });

  it('the Affine node: shapes on the edges, dB = Σ dY, and the engine’s Affine layer agrees', async () => {
    const labs = new Ch5Labs(e.page);
    await labs.by('lab.graph.tab.affine').click();
    await labs.step(5);
    expect(await labs.forward('XW')).toBe('(2,3)');
    expect(await labs.backward('X')).toBe('(2,2)');
    expect(await labs.backward('B')).toBe('(3)');
    // dY = [[1, 0, −1], [2, 1, 0]] summed over its two rows.
    const dB = await labs.by('lab.graph.matrix.B.backward').locator('td').allTextContents();
    expect(dB).toEqual(['3', '1', '-1']);
    expect(await labs.text('lab.graph.check')).toBe('The engine’s Affine layer gives the same Y, dX, dW and dB (largest difference 0).');
  });

  it('says what is wrong with the settings, and passes on the house’s refusal of a check too large', async () => {
    const labs = new Ch5Labs(e.page);
    await labs.openLab('gradcheck');
    await labs.by('lab.gradcheck.samples').fill('abc');
    expect(await labs.text('lab.gradcheck.inputError')).toBe('Entries per parameter must be a whole number from 1 up.');
    expect(await labs.by('lab.gradcheck.run').isDisabled()).toBe(true);
    await labs.by('lab.gradcheck.samples').fill('100');
    // Every entry of TwoLayerNet on a batch of 100: over 300 billion multiply-adds.
    await labs.by('lab.gradcheck.all').check();
    await labs.by('lab.gradcheck.batch').fill('100');
    await labs.by('lab.gradcheck.run').click();
    await labs.by('lab.gradcheck.error').waitFor();
    expect(await labs.text('lab.gradcheck.error')).toMatch(
      /^Checking 39,760 entries on a batch of 100 would take about [\d.]+ billion multiply-adds .* Check fewer entries per parameter, or a smaller batch\.$/,
    );
    await labs.by('lab.gradcheck.batch').fill('3');
    await expect.poll(() => labs.by('lab.gradcheck.error').count()).toBe(0);
    await labs.by('lab.gradcheck.all').uncheck();
  });

  it('stops a long check when asked, and says so without calling it an error', async () => {
    const labs = new Ch5Labs(e.page);
    // Every entry of TwoLayerNet on a batch of 3: 39,760 entries, many seconds of work.
    await labs.by('lab.gradcheck.all').check();
    await labs.by('lab.gradcheck.run').click();
    await labs.by('lab.gradcheck.busy').waitFor();
    await labs.by('lab.gradcheck.stop').click();
    await labs.by('lab.gradcheck.stopped').waitFor({ timeout: 5_000 });
    expect(await labs.text('lab.gradcheck.stopped')).toMatch(/^Stopped after [\d.]+ s: nothing was compared to the end\./);
    expect(await labs.by('lab.gradcheck.busy').count()).toBe(0);
    expect(await labs.by('lab.gradcheck.error').count()).toBe(0);
    expect(await labs.by('lab.gradcheck.results').count()).toBe(0);
    expect(await labs.by('lab.gradcheck.run').isDisabled()).toBe(false);
    await labs.by('lab.gradcheck.all').uncheck();
  });

  it('keeps the check’s settings while the learner visits another page', async () => {
    const labs = new Ch5Labs(e.page);
    await labs.by('lab.gradcheck.model.convNet').check();
    await labs.by('lab.gradcheck.samples').fill('250');
    await labs.by('lab.gradcheck.batch').fill('5');
    await labs.by('nav.runs').click();
    await labs.by('runs').waitFor();
    await labs.openLab('gradcheck');
    expect(await labs.by('lab.gradcheck.model.convNet').isChecked()).toBe(true);
    expect(await labs.by('lab.gradcheck.samples').inputValue()).toBe('250');
    expect(await labs.by('lab.gradcheck.batch').inputValue()).toBe('5');
    expect(await labs.text('lab.gradcheck.count')).toMatch(/^[\d,]+ of the model’s 1,820 parameter entries will be compared \(6 parameters\)\.$/);
    // The book's settings again, for the next test.
    await labs.by('lab.gradcheck.samples').fill('100');
    await labs.by('lab.gradcheck.batch').fill('3');
    await labs.by('lab.gradcheck.model.twoLayerNet').check();
  });

  it('checks the book’s small SimpleConvNet, every entry: every parameter passes, both times shown', async () => {
    const labs = new Ch5Labs(e.page);
    await labs.by('lab.gradcheck.model.convNet').check();
    await labs.by('lab.gradcheck.all').check();
    expect(await labs.text('lab.gradcheck.count')).toBe('1,820 of the model’s 1,820 parameter entries will be compared (6 parameters).');
    await labs.by('lab.gradcheck.run').click();
    await labs.by('lab.gradcheck.verdict').waitFor({ timeout: 60_000 });
    expect(await labs.text('lab.gradcheck.verdict')).toMatch(/^Every parameter passed/);
    const rows = e.page.getByTestId(/^lab\.gradcheck\.row\.[A-Za-z]+\d+$/);
    expect(await rows.count()).toBe(6);
    for (const name of ['W1', 'b1', 'W2', 'b2', 'W3', 'b3']) {
      expect(await labs.text(`lab.gradcheck.row.${name}.result`)).toBe('✓ passed');
      expect(Number(await labs.text(`lab.gradcheck.row.${name}.relative`))).toBeLessThanOrEqual(1e-5);
    }
    expect(await labs.text('lab.gradcheck.row.W1.checked')).toMatch(/^all 90/);
    expect(await labs.text('lab.gradcheck.row.W2.checked')).toMatch(/^all 1,600/);
    expect(await labs.text('lab.gradcheck.data')).toMatch(/seeded random inputs/);
    const faster = await labs.text('lab.gradcheck.faster');
    // The sentence carries the two measured times and their ratio; how large it is, is the bench's to say.
    expect(faster).toMatch(
      /^Backprop was [\d,.]+× faster: [\d,.]+ m?s for the numerical gradient against [\d,.]+ m?s for one backward pass, for the same 1,820 entries\.$/,
    );
    // The results card at the top of the view: verdict, table and the two times.
    await labs.by('lab.gradcheck.results').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await e.page.screenshot({ path: shot('lab-gradcheck.png') });
    expect(e.errors, e.errors.join('\n')).toEqual([]);
  });
});
