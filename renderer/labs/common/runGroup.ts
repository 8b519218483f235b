// A lab's runs as one group: started together through the run manager (so they are stored, listed and
// comparable like any run), tagged with the lab ("lab:optimizers") and with the group
// ("optimizers@2026-11-28 08:10:33"), and followed until every one has ended. Reopening a lab finds its
// latest group in the store again. No React here: tests drive it with a fake API and fake timers.

import { COMPARE_RUNS_MAX } from '../../../main/api/constants';
import type { Experiment } from '../../../engine/experiment';
import { validateExperiment } from '../../../engine/experiment';
import type { Comparison, LabApi, RunSummary } from '../../../main/api/contract';

export interface GroupMember {
  /** What the lab calls this run: "Adam", "std 0.01", "λ = 0.1". */
  label: string;
  experiment: Experiment;
  /** Worker threads of this run; a lab of many small runs gives each one thread so two run at once. */
  workers?: number;
}

export interface RunGroupState {
  /** "optimizers@2026-11-28 08:10:33", or null before the lab has any run. */
  group: string | null;
  /** The group's runs in the order they were started. */
  runs: RunSummary[];
  /** Run id → the lab's label of it. */
  labels: Record<number, string>;
  /** Aligned curves of the group's runs (compareRuns), refreshed while they train. */
  comparison: Comparison | null;
  starting: boolean;
  /** A sentence to show when starting or following failed. */
  error: string | null;
}

const LIVE = new Set(['queued', 'running', 'paused']);
const SEPARATOR = ' — ';
const MAX_POINTS = 400;
/** The most runs one group holds: the book's search runs 100 trials. */
export const GROUP_RUNS_MAX = 100;

export const labTag = (labId: string): string => `lab:${labId}`;

export function groupTag(labId: string, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
  return `${labId}@${stamp}`;
}

/** The label a run was started with, read back from its name ("Optimizers — Adam" → "Adam"). */
export function labelOf(run: RunSummary): string {
  const at = run.name.indexOf(SEPARATOR);
  return at < 0 ? run.name : run.name.slice(at + SEPARATOR.length);
}

export const isLiveRun = (run: RunSummary): boolean => LIVE.has(run.status);

export interface RunGroupOptions {
  labId: string;
  /** The lab's title (in the current language), the first half of every run's name. */
  title: () => string;
  api: LabApi;
  pollMs?: number;
  now?: () => Date;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

export class RunGroup {
  private state: RunGroupState = { group: null, runs: [], labels: {}, comparison: null, starting: false, error: null };
  private readonly listeners = new Set<() => void>();
  private ids: number[] = [];
  private timer: unknown = null;
  private refreshing = false;
  private closed = false;

  constructor(private readonly options: RunGroupOptions) {}

  get(): RunGroupState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Finds the lab's latest group in the store and follows it. */
  async load(): Promise<void> {
    try {
      const page = await this.options.api.listRuns({ tag: labTag(this.options.labId), sort: 'startedAt', order: 'desc', limit: 50 });
      const newest = page.runs[0];
      const group = newest?.tags.find((tag) => tag.startsWith(`${this.options.labId}@`));
      if (!group || this.state.group !== null) return;
      const members = await this.options.api.listRuns({ tag: group, sort: 'startedAt', order: 'asc', limit: GROUP_RUNS_MAX });
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- another refresh may have set the group while listRuns was awaited
      if (this.state.group !== null) return;
      this.ids = members.runs.map((r) => r.id).sort((a, b) => a - b);
      const labels = Object.fromEntries(members.runs.map((r) => [r.id, labelOf(r)]));
      this.set({ group, labels });
      await this.refresh();
    } catch (error) {
      this.set({ error: (error as Error).message });
    }
  }

  /** Starts every member (all checked first, so a bad one starts none); stops the previous group's live runs. */
  async start(members: readonly GroupMember[]): Promise<void> {
    if (this.state.starting) return;
    try {
      members.forEach((m) => validateExperiment(m.experiment));
    } catch (error) {
      this.set({ error: (error as Error).message });
      return;
    }
    await this.stop();
    const group = groupTag(this.options.labId, (this.options.now ?? (() => new Date()))());
    this.ids = [];
    this.set({ group, runs: [], labels: {}, comparison: null, starting: true, error: null });
    const labels: Record<number, string> = {};
    try {
      for (const member of members) {
        const { runId } = await this.options.api.startRun(member.experiment, {
          name: `${this.options.title()}${SEPARATOR}${member.label}`,
          ...(member.workers !== undefined ? { workers: member.workers } : {}),
        });
        this.ids.push(runId);
        labels[runId] = member.label;
        this.set({ labels: { ...labels } });
        await this.options.api.updateRun(runId, { tags: [labTag(this.options.labId), group] });
      }
    } catch (error) {
      this.set({ error: (error as Error).message });
      await this.stop();
    } finally {
      this.set({ starting: false });
    }
    await this.refresh();
  }

  /** Stops the group's runs that are still going (they stay in the store as stopped). */
  async stop(): Promise<void> {
    const live = this.state.runs.filter(isLiveRun).map((r) => r.id);
    const pending = this.ids.filter((id) => !this.state.runs.some((r) => r.id === id));
    await Promise.all([...live, ...pending].map((id) => this.options.api.cancelRun(id).catch(() => undefined)));
    if (this.ids.length > 0) await this.refresh();
  }

  /** Fetches the group's runs and curves; keeps polling while any of them is live. */
  async refresh(): Promise<void> {
    if (this.refreshing || this.closed || this.ids.length === 0) return;
    this.refreshing = true;
    try {
      const ids = [...this.ids];
      const group = this.state.group;
      const page = group ? await this.options.api.listRuns({ tag: group, limit: GROUP_RUNS_MAX }) : { runs: [] };
      const byId = new Map(page.runs.map((r) => [r.id, r]));
      const runs = ids.map((id) => byId.get(id)).filter((r): r is RunSummary => r !== undefined);
      // The house compares 2 to 50 runs at once (larger groups in parts); a group of one has its curves in getRun's shape instead.
      const comparison = ids.length >= 2 ? await compareInParts(ids, (part) => this.options.api.compareRuns(part, MAX_POINTS)) : await this.single(ids[0]!);
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- close() may run while the house is answering
      if (this.closed || ids.join() !== this.ids.join()) return;
      this.set({ runs, comparison });
    } catch (error) {
      this.set({ error: (error as Error).message });
    } finally {
      this.refreshing = false;
    }
    this.schedule();
  }

  /** One run's curves in the shape of a comparison, so a lab of one run reads them like any group. */
  private async single(id: number): Promise<Comparison> {
    const { experiment: _e, epochs, losses, ...run } = await this.options.api.getRun(id, MAX_POINTS);
    return {
      runs: [run],
      epochs: epochs.map(({ epoch, ...values }) => ({ epoch, values: { [id]: values } })),
      losses: losses.map((l) => ({ iteration: l.iteration, values: { [id]: l.loss } })),
      differences: [],
    };
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) (this.options.clearTimeout ?? clearTimeout)(this.timer as ReturnType<typeof setTimeout>);
    this.listeners.clear();
  }

  private schedule(): void {
    if (this.closed || this.timer !== null) return;
    const stillGoing = this.state.starting || this.state.runs.some(isLiveRun) || this.state.runs.length < this.ids.length;
    if (!stillGoing) return;
    const set = this.options.setTimeout ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
    this.timer = set(() => {
      this.timer = null;
      void this.refresh();
    }, this.options.pollMs ?? 1000);
  }

  private set(patch: Partial<RunGroupState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of [...this.listeners]) listener();
  }
}

/**
 * The comparison of any number of runs from the house's comparisons of at most COMPARE_RUNS_MAX: the
 * first run goes into every part, so a setting that differs somewhere is known for every run — a part
 * where it does not differ has the first run's value throughout. Curves are joined on their epoch and
 * iteration. (Loss points are downsampled per part, so two parts of unequal lengths may sample
 * different iterations: a run has no point where its part had none.)
 */
export async function compareInParts(ids: readonly number[], compare: (part: number[]) => Promise<Comparison>): Promise<Comparison> {
  if (ids.length <= COMPARE_RUNS_MAX) return compare([...ids]);
  const [anchor, ...rest] = ids as [number, ...number[]];
  const parts: Comparison[] = [];
  for (let from = 0; from < rest.length; from += COMPARE_RUNS_MAX - 1) parts.push(await compare([anchor, ...rest.slice(from, from + COMPARE_RUNS_MAX - 1)]));

  const runs = new Map<number, Comparison['runs'][number]>();
  const epochs = new Map<number, Comparison['epochs'][number]['values']>();
  const losses = new Map<number, Comparison['losses'][number]['values']>();
  const differences = new Map<string, Record<number, unknown>>();
  for (const part of parts) {
    for (const run of part.runs) runs.set(run.id, run);
    for (const row of part.epochs) epochs.set(row.epoch, { ...epochs.get(row.epoch), ...row.values });
    for (const row of part.losses) losses.set(row.iteration, { ...losses.get(row.iteration), ...row.values });
    for (const d of part.differences) differences.set(d.path, { ...differences.get(d.path), ...d.values });
  }
  for (const [path, values] of differences) {
    if (!Object.hasOwn(values, anchor)) continue;
    for (const part of parts) {
      if (part.differences.some((d) => d.path === path)) continue;
      for (const run of part.runs) values[run.id] = values[anchor];
    }
  }
  return {
    runs: ids.flatMap((id) => runs.get(id) ?? []),
    epochs: [...epochs].sort(([a], [b]) => a - b).map(([epoch, values]) => ({ epoch, values })),
    losses: [...losses].sort(([a], [b]) => a - b).map(([iteration, values]) => ({ iteration, values })),
    differences: [...differences].map(([path, values]) => ({ path, values })),
  };
}
