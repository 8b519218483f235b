// Each lab keeps its own words in its own file — an English table and a Korean one with exactly the
// same keys (the type says so) — so a lab is one folder, and the app's big tables stay readable.
// Components read them with the app's one hook: useI18n(table).

import type { TextTable } from '../../i18n/translate';

/** A lab's text table; the Korean table must name every English key. */
export function labText<const E extends Record<string, string>>(en: E, ko: { [K in keyof E]: string }): TextTable<keyof E & string> {
  return { en, ko };
}
