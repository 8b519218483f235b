// Why the file system refused, as a refusal's value: the error's code where the table of messages words
// it in both languages (engine/messages.ts, FS_REASONS), the error's own words otherwise.

const WORDED = new Set(['ENOENT', 'EISDIR', 'EACCES', 'EPERM', 'ENOSPC', 'NOTFILE']);

export function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null | undefined)?.code;
  if (typeof code === 'string' && WORDED.has(code)) return code;
  return (error as Partial<Error> | null | undefined)?.message ?? String(error);
}
