// How numbers read on screen, the same on every page. Durations as a clock (language-free), accuracies
// as the book prints them (0.9812) or as a percentage, counts with the locale's grouping.

import { sourcePath } from '../../engine/data/sourceKinds';

/** 42 → "0:42", 130 → "2:10", 3723 → "1:02:03"; null or non-finite → "—". */
export function formatClock(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (v: number) => String(v).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** Accuracy with 4 decimals, the way the book prints it: 0.9812. */
export function formatAccuracy(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(4);
}

/** 0.98123 → "98.12%". */
export function formatPercent(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : `${(value * 100).toFixed(digits)}%`;
}

/** A loss with four significant digits: 2.303, 0.04512. */
export function formatLoss(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return Math.abs(value) >= 1000 ? value.toExponential(2) : value.toPrecision(4);
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A whole number with the locale's grouping (1,234). The formatter is made once per locale: making one is slow. */
export function formatCount(value: number | null | undefined, locale = 'en'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })));
  return format.format(Math.round(value));
}

/** A short tick label: 12000 → "12k", 1500000 → "1.5M". */
export function formatTick(value: number): string {
  const a = Math.abs(value);
  if (a >= 1e6) return `${+(value / 1e6).toFixed(1)}M`;
  if (a >= 1e4) return `${+(value / 1e3).toFixed(0)}k`;
  if (a >= 1e3) return `${+(value / 1e3).toFixed(1)}k`;
  return `${+value.toFixed(3)}`;
}

/** A setting value in a table: numbers as they are, text as it is, objects as compact JSON, absent as "—". */
export function formatSetting(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** A date-time in the user's locale, short: "2025. 11. 28. 오후 4:42" / "11/28/2025, 4:42 PM". */
export function formatDateTime(iso: string | null | undefined, locale = 'en'): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return date.toLocaleString(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/**
 * A data source as a short label: the last name of the path of every kind that names one (the one table of
 * kinds says which): "idx:/usr/share/datasets/fashion-mnist" → "fashion-mnist", "images:/data/flowers" →
 * "flowers", "csv:/data/iris.csv" → "iris.csv"; others as they are.
 */
export function datasetLabel(source: string): string {
  const named = sourcePath(source);
  if (!named) return source;
  const parts = named.path.split(/[\\/]+/).filter(Boolean);
  return parts[parts.length - 1] ?? source;
}
