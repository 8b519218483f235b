// The numbers every lockstep race asks for — epochs, how many training images, the seed — kept as the
// text the learner typed (so a half-typed value stays on screen) and read as whole numbers (NaN when not).

import type { RaceNumbers } from './race';
import { useRemembered } from './remembered';

export type { RaceNumbers };

type Key = keyof RaceNumbers;
const KEYS: readonly Key[] = ['epochs', 'trainLimit', 'seed'];

const toInt = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : NaN);

export interface RaceNumberFields {
  text: Record<Key, string>;
  /** The typed numbers; NaN where the text is not a whole number (the race's check names it). */
  values: RaceNumbers;
  set(key: Key, text: string): void;
}

/** The race's numbers as typed, kept under `key` (e.g. "optimizers.race") for the session. */
export function useRaceNumbers(key: string, defaults: RaceNumbers): RaceNumberFields {
  const [text, setText] = useRemembered<Record<Key, string>>(`${key}.numbers`, {
    epochs: String(defaults.epochs),
    trainLimit: String(defaults.trainLimit),
    seed: String(defaults.seed),
  });
  return {
    text,
    values: { epochs: toInt(text.epochs), trainLimit: toInt(text.trainLimit), seed: toInt(text.seed) },
    set: (key, value) => setText((current) => ({ ...current, [key]: value })),
  };
}

export interface RaceFieldsProps {
  fields: RaceNumberFields;
  labels: Record<Key, string>;
  /** Test ids `<testId>.epochs`, `<testId>.trainLimit`, `<testId>.seed`. */
  testId: string;
}

export function RaceFields({ fields, labels, testId }: RaceFieldsProps) {
  return (
    <>
      {KEYS.map((key) => (
        <label key={key} className="pg-field">
          {labels[key]}
          <input value={fields.text[key]} onChange={(e) => fields.set(key, e.target.value)} inputMode="numeric" data-testid={`${testId}.${key}`} />
        </label>
      ))}
    </>
  );
}
