// Whether the experiment's data source can be loaded at all, asked of the house before Train is
// pressed: a folder that does not exist disables Train with the house's sentence, as a broken stack
// does, instead of a refusal after the press. The bundled digits and the toy sets need no asking.
// Answers are kept per source for the session; a refusal is asked again when the source is chosen anew.

import { useEffect, useState } from 'react';
import { lab } from '../api/lab';
import { errorText } from '../app/notices';
import { isToy, type SourceKind } from '../model/datasets';

export type DataCheck = { state: 'checking' } | { state: 'ok' } | { state: 'refused'; message: string };

const answers = new Map<string, Promise<DataCheck>>();
const DEBOUNCE_MS = 300;

function needsAsking(source: string): boolean {
  return source !== 'mnist' && !isToy(source as SourceKind) && source.trim() !== '' && source !== 'idx:';
}

function ask(source: string): Promise<DataCheck> {
  let answer = answers.get(source);
  if (!answer) {
    answer = lab.previewDataset({ source }, 1).then(
      (): DataCheck => ({ state: 'ok' }),
      (error: unknown): DataCheck => {
        answers.delete(source); // the folder may appear: ask again next time
        return { state: 'refused', message: errorText(error) };
      },
    );
    answers.set(source, answer);
  }
  return answer;
}

/** The house's answer about `source`; null while it needs no asking (bundled and toy sets). */
export function useDataCheck(source: string): DataCheck | null {
  const [check, setCheck] = useState<{ source: string; check: DataCheck } | null>(null);
  useEffect(() => {
    if (!needsAsking(source)) return;
    let current = true;
    const timer = setTimeout(() => void ask(source).then((answer) => current && setCheck({ source, check: answer })), DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [source]);
  if (!needsAsking(source)) return null;
  return check?.source === source ? check.check : { state: 'checking' };
}
