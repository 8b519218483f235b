// Reads a file picked in the browser, after the checks that need no reading. A run file is first
// scanned as it streams from the disk (File.stream(), a chunk at a time, through the run file's
// limits: engine/runFileScan.ts), so one far past them — 14 million losses in 190 MB — is refused
// having held one chunk, and is never read whole into the page nor sent to the host. The host scans
// what it receives again (main/web/importBody.ts): the page is a courtesy, not the guard.

import { RunFileScanner } from '../../engine/runFileScan';
import type { FileDoors } from '../../main/api/contract';

// Spelled from the contract, not imported from download.ts, so the Node-side checks (which see the
// tests) can compile this file without the DOM.
type OpenKind = Parameters<FileDoors['openTextFile']>[0];

/** Streams `file` through the run file's limits; throws their LabError at the first one passed. */
export async function scanRunFileBlob(file: Blob, label = 'The run file'): Promise<void> {
  const scanner = new RunFileScanner(label);
  const decoder = new TextDecoder('utf-8');
  const reader = file.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      scanner.feed(decoder.decode(value, { stream: true }));
    }
    scanner.feed(decoder.decode());
    scanner.end();
  } catch (error) {
    // Stop reading the rest of the file from the disk.
    await reader.cancel().catch(() => undefined);
    throw error;
  }
}

/** The file's name and text, a run file only once it has passed the scan. */
export async function readPickedFile(kind: OpenKind, file: File): Promise<{ name: string; text: string }> {
  if (kind === 'run') await scanRunFileBlob(file);
  if (kind === 'onnx') return { name: file.name, text: toBase64(new Uint8Array(await file.arrayBuffer())) };
  return { name: file.name, text: await file.text() };
}

/** Bytes as base64, a chunk at a time (String.fromCharCode takes only so many arguments). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
