// Which stored runs the filters lab can show: every run in the store whose model starts with a
// convolution and that has weights (or is training), the newest first — not only the newest few, which a
// Batch Normalization grid of 32 runs or a search of 100 trials pushes a SimpleConvNet run out of. The
// store is read a page at a time; a run's model never changes, so each run's experiment is fetched once
// per session and remembered (a failed run, or one without weights, costs no fetch at all).

import type { FirstConv } from '../../../engine/labs/filtersNetwork';
import type { LabApi, RunSummary } from '../../../main/api/contract';
import { showableConv } from './filtersData';

export interface ConvRun {
  summary: RunSummary;
  conv: FirstConv;
}

const PAGE = 500;
const LIVE = new Set(['queued', 'running', 'paused']);

/** What is known of a run's first layer, by run uid: its convolution, or null (not one, or unreadable). */
export type ConvCache = Map<string, FirstConv | null>;

export async function listConvRuns(api: Pick<LabApi, 'listRuns' | 'getRun'>, cache: ConvCache = new Map()): Promise<ConvRun[]> {
  const found: ConvRun[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await api.listRuns({ sort: 'startedAt', order: 'desc', offset, limit: PAGE });
    for (const summary of page.runs) {
      if (summary.status === 'failed' || (!summary.hasWeights && !LIVE.has(summary.status))) continue;
      let conv = cache.get(summary.uid);
      if (conv === undefined) {
        // A run deleted meanwhile, or one whose experiment this version cannot plan, is simply not offered.
        const detail = await api.getRun(summary.id, 2).catch(() => null);
        conv = detail ? showableConv(summary, detail) : null;
        if (detail) cache.set(summary.uid, conv);
      }
      if (conv) found.push({ summary, conv });
    }
    if (page.runs.length < PAGE || offset + PAGE >= page.total) return found;
  }
}
