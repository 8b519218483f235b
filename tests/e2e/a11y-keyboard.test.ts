// The whole main journey with the keyboard alone: the test presses keys and nothing else (no click,
// no element.focus(); it only reads which element has the focus). It empties the stack, builds a
// network by keyboard drag from the palette (dnd-kit's KeyboardSensor: Space, arrows, Space), hears
// the drag announced in English and in Korean, fills the data and training forms, trains twice, reads
// a chart as a table, opens a run from the Runs page and compares the two runs. Every Tab stop on the
// way must be an element the learner can see, with a focus ring.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLab, type E2ELab } from './harness';

let e: E2ELab;

beforeAll(async () => {
  e = await openLab({ workers: 1 });
});
afterAll(async () => {
  await e?.close();
});

const press = (key: string) => e.page.keyboard.press(key);

/** The focused element's test id, or the nearest one around it (a palette card's is on its list item). */
const focused = () =>
  e.page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('data-testid') ?? el?.closest('[data-testid]')?.getAttribute('data-testid') ?? '';
  });

/**
 * Why the focus cannot be seen, or '' when it can: the focused element must be on screen with a size,
 * not hidden from view, and drawn with a focus ring (an outline, or a ring of box-shadow on itself or on
 * the box around it, as the runs' search field draws it).
 */
const focusUnseen = () =>
  e.page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '';
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') return 'it has no size or is hidden';
    if (el.closest('[aria-hidden="true"]')) return 'it is inside aria-hidden';
    const ringed = (node: Element | null) => {
      if (!node) return false;
      const style = getComputedStyle(node);
      return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
    };
    return ringed(el) || ringed(el.parentElement) || ringed(el.parentElement?.parentElement ?? null) ? '' : 'it has no focus ring';
  });

/** Presses Tab (Shift+Tab with `back`) until the focus is on `testId`; each stop must be visible. */
async function tabTo(testId: string, back = false, limit = 150): Promise<void> {
  const stops: string[] = [];
  for (let i = 0; i < limit; i++) {
    if ((await focused()) === testId) return;
    await press(back ? 'Shift+Tab' : 'Tab');
    const at = await focused();
    stops.push(at);
    expect(await focusUnseen(), `the focus on ${at} cannot be seen`).toBe('');
  }
  throw new Error(`Tab never reached ${testId}; it went through ${stops.slice(-30).join(', ')}`);
}

/** Replaces a text field's value the keyboard way: select all, type. */
async function typeInto(testId: string, value: string): Promise<void> {
  await tabTo(testId);
  await press('Control+A');
  await e.page.keyboard.type(value);
}

/** Goes to a page of the rail: Tab to the rail's one stop (the current page), arrows to the place, Enter. */
async function goTo(page: 'build' | 'train' | 'runs' | 'compare'): Promise<void> {
  const current = await e.page.locator('[data-testid^="nav."][aria-current="page"]').getAttribute('data-testid');
  await tabTo(current!);
  for (let i = 0; i < 6 && (await focused()) !== `nav.${page}`; i++) await press('ArrowDown');
  expect(await focused()).toBe(`nav.${page}`);
  await press('Enter');
  await expect.poll(() => e.page.locator('[data-testid^="nav."][aria-current="page"]').getAttribute('data-testid')).toBe(`nav.${page}`);
}

/** Brings an inspector tab forward: Tab to the tab list's one stop (the selected tab), arrows to the one wanted. */
async function inspectorTab(name: 'layer' | 'data' | 'training'): Promise<void> {
  const selected = await e.page.locator('[data-testid^="inspector.tab."][aria-selected="true"]').getAttribute('data-testid');
  await tabTo(selected!);
  for (let i = 0; i < 3 && (await focused()) !== `inspector.tab.${name}`; i++) await press('ArrowRight');
  expect(await focused()).toBe(`inspector.tab.${name}`);
  expect(await e.page.getByTestId(`inspector.tab.${name}`).getAttribute('aria-selected')).toBe('true');
}

const layers = () => e.page.getByTestId(/^builder\.layer\.\d+$/);
/** What dnd-kit's live region said last (its region sits in the DndContext, one per page). */
const dragAnnouncement = () => e.page.locator('[id^="DndLiveRegion"]').innerText();

/** What the builder said of the slot a palette card will go to (its own live region, beside dnd-kit's). */
const slotAnnouncement = () => e.page.getByTestId('builder.dragSlot').innerText();

/**
 * Space on the focused palette card, then waits for the pick-up to be announced and for dnd-kit's
 * keyboard sensor to be listening. The announcement alone is not enough: the sensor adds its keydown
 * listener in a setTimeout(0) after the pick-up (so the Space that picked up does not also drop), and
 * Chromium runs queued input before a queued timer, so an ArrowUp sent as soon as the announcement
 * shows could reach the page before the sensor listens and be lost (the slot then stays unannounced).
 * A timer of our own, set after the pick-up, runs only after the sensor's (timers of the same delay
 * run in the order they were set), so once it has run the sensor is listening.
 */
async function pickUp(): Promise<void> {
  await press('Space');
  await expect.poll(dragAnnouncement).toMatch(/^(Picked up|팔레트에서)/);
  await e.page.evaluate(() => new Promise<void>((sensorListening) => setTimeout(sensorListening, 0)));
}

/** Picks a palette card up with Space, walks the insertion line to the end of the stack, drops with Space. */
async function dragToEnd(type: string): Promise<void> {
  const before = await layers().count();
  await tabTo(`palette.layer.${type}`);
  await pickUp();
  // ArrowUp from the palette starts at the end of the stack (dragLogic.nextSlot).
  await press('ArrowUp');
  await expect.poll(slotAnnouncement).toMatch(new RegExp(`position ${before + 1} of ${before + 1}\\.$`));
  await press('Space');
  await expect.poll(() => layers().count()).toBe(before + 1);
  const name = await e.page.getByTestId(`palette.layer.${type}`).locator('.palette-item__name').innerText();
  expect(await e.page.getByTestId(`builder.layer.${before}.select`).innerText()).toContain(name);
}

async function trainAndWait(): Promise<void> {
  await tabTo('form.train');
  await press('Enter');
  await e.page.getByTestId('dashboard.progress').waitFor();
  await e.page.getByTestId('dashboard.start').waitFor({ timeout: 90_000 });
  await expect.poll(() => e.page.getByTestId('announce.status').innerText(), { timeout: 30_000 }).toMatch(/^Run #\d+ finished\.$/);
}

/** The Runs page lists its runs a moment after it opens (it asks the lab for them): waits until the two rows are there. */
async function runsListed(): Promise<void> {
  await expect.poll(() => e.page.getByTestId(/^runs\.row\.\d+$/).count()).toBe(2);
}

describe('the main journey, by keyboard alone', () => {
  it('empties the stack and builds a network by keyboard drag, announced in English and Korean', async () => {
    await e.page.getByTestId('nav.build').waitFor();
    while ((await layers().count()) > 0) {
      const count = await layers().count();
      await tabTo('builder.layer.0.remove');
      await press('Enter');
      await expect.poll(() => layers().count()).toBe(count - 1);
    }

    await dragToEnd('affine');
    expect(await dragAnnouncement()).toBe('Affine added at position 1.');

    // The same drag in Korean: the language switch is two buttons of the top bar.
    await tabTo('lang.ko', true);
    await press('Enter');
    await tabTo('palette.layer.relu');
    await pickUp();
    expect(await dragAnnouncement()).toBe('팔레트에서 ReLU를 집었습니다. 화살표 키로 스택에 넣을 자리를 고르세요.');
    await press('ArrowUp');
    await expect.poll(slotAnnouncement).toBe('ReLU가 2자리 중 2번째로 들어갑니다.');
    await press('Space');
    await expect.poll(() => layers().count()).toBe(2);
    expect(await dragAnnouncement()).toBe('ReLU를 2번째 자리에 추가했습니다.');
    await tabTo('lang.en', true);
    await press('Enter');

    await dragToEnd('affine');
    await dragToEnd('softmax-with-loss');
    expect(await layers().count()).toBe(4);
  });

  it('fills the layer, data and training forms', async () => {
    // The last Affine gives the spiral's three classes.
    await tabTo('builder.layer.2.select');
    await press('Enter');
    await typeInto('panel.field.units', '3');
    await tabTo('panel.field.units');
    await press('Tab');

    // The inspector's tabs: one Tab stop, arrows between them.
    await inspectorTab('data');
    await tabTo('form.dataset');
    for (let i = 0; i < 8 && (await e.page.getByTestId('form.dataset').inputValue()) !== 'spiral'; i++) await press('ArrowDown');
    expect(await e.page.getByTestId('form.dataset').inputValue()).toBe('spiral');

    await inspectorTab('training');
    await typeInto('form.field.epochs', '3');
    await typeInto('form.field.seed', '7');
    await typeInto('form.field.workers', '1');
    await expect.poll(() => e.page.getByTestId('form.train').isEnabled()).toBe(true);
  });

  it('trains, reads the accuracy chart as a table, and trains a second run', async () => {
    await trainAndWait();
    await tabTo('chart.accuracy.tableToggle');
    await press('Enter');
    const rows = e.page.getByTestId('chart.accuracy.table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    const last = (await rows.nth(2).locator('td').allInnerTexts()).map((s) => s.trim());
    expect(last[1]).toBe((await e.page.getByTestId('dashboard.finalTestAcc').innerText()).trim());
    expect(await e.page.getByTestId('chart.accuracy.tableToggle').getAttribute('aria-pressed')).toBe('true');
    // And the sentences a screen reader reads beside the curves: the latest values.
    expect(await e.page.getByTestId('chart.accuracy.summary').textContent()).toBe(`Latest accuracy, epoch 3: train ${last[0]}, Test ${last[1]}.`);
    expect(await e.page.getByTestId('chart.loss.summary').textContent()).toMatch(/^Latest loss: [\d.e+-]+ at iteration \d+\.$/);

    await goTo('build');
    await inspectorTab('training');
    await typeInto('form.field.seed', '8');
    await trainAndWait();
  });

  it('opens the first run from the Runs page', async () => {
    await goTo('runs');
    await runsListed();
    const ids = await e.page.getByTestId(/^runs\.row\.\d+$/).evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid')!.split('.')[2]!));
    expect(ids.length).toBe(2);
    const first = ids.map(Number).sort((a, b) => a - b)[0]!;
    await tabTo(`runs.row.${first}.open`);
    await press('Enter');
    await expect.poll(() => e.page.locator('[data-testid^="nav."][aria-current="page"]').getAttribute('data-testid')).toBe('nav.train');
    // The first run is the one trained with seed 7 (the second had 8).
    await expect.poll(() => e.page.locator('.pg-run-header').innerText()).toContain('seed 7');
  });

  it('compares the two runs', async () => {
    await goTo('runs');
    // Without the wait the loop below could find no rows yet, select nothing, and Compare stays disabled.
    await runsListed();
    for (const row of await e.page.getByTestId(/^runs\.row\.\d+\.select$/).all()) {
      const id = (await row.getAttribute('data-testid'))!;
      await tabTo(id);
      await press('Space');
      expect(await row.isChecked()).toBe(true);
    }
    await tabTo('runs.compare');
    await press('Enter');
    await e.page.getByTestId('compare.metrics').waitFor();
    expect(await e.page.getByTestId('compare.metrics').locator('tbody tr').count()).toBe(2);
    expect(e.errors, e.errors.join('\n')).toEqual([]);
  });
});
