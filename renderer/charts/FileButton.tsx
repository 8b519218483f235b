// "Open a file…": the native dialog in the app; in the browser a file input (kept in the page, hidden,
// with its own test id `<testId>.file` so browser tests can hand it a file).

import { useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/useI18n';
import { nativeOpen, type OpenKind } from './download';
import { openLimitExceeded } from './openLimits';
import { readPickedFile } from './readPickedFile';

export interface FileButtonProps {
  kind: OpenKind;
  accept: string;
  testId: string;
  className?: string;
  disabled?: boolean;
  onFile: (file: { name: string; text: string }) => void;
  onError?: (message: string) => void;
  children: ReactNode;
}

export function FileButton({ kind, accept, testId, className, disabled, onFile, onError, children }: FileButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  const { t } = useI18n();

  async function open(): Promise<void> {
    const native = nativeOpen(kind);
    if (native === null) {
      input.current?.click();
      return;
    }
    try {
      const file = await native;
      if (file) onFile(file);
    } catch (e) {
      onError?.((e as Error).message);
    }
  }

  async function picked(list: FileList | null): Promise<void> {
    const file = list?.[0];
    if (input.current) input.current.value = '';
    if (!file) return;
    const limit = openLimitExceeded(kind, file.size);
    if (limit !== null) {
      onError?.(t('file.tooLargeToOpen', { name: file.name, size: Math.ceil(file.size / (1024 * 1024)), mb: limit }));
      return;
    }
    let opened: { name: string; text: string };
    try {
      opened = await readPickedFile(kind, file);
    } catch (e) {
      // Worded as the page words a refusal from the lab: the file's name, then the sentence.
      onError?.(`${file.name}: ${(e as Error).message}`);
      return;
    }
    onFile(opened);
  }

  return (
    <>
      <button type="button" className={className ?? 'btn'} onClick={() => void open()} disabled={disabled} data-testid={testId}>
        {children}
      </button>
      <input ref={input} type="file" accept={accept} hidden data-testid={`${testId}.file`} onChange={(e) => void picked(e.target.files)} />
    </>
  );
}
