// The class's curves overlaid: each counted run's test accuracy per epoch, as the student's lab measured
// it (a curve cannot be measured again without training again, so it is labelled as the student's
// claim). The teacher chooses whose curves to show.

import { useState } from 'react';
import type { Board } from '../../main/api/contract';
import { pagesText, useI18n } from '../i18n/useI18n';

const WIDTH = 640;
const HEIGHT = 180;
const PAD = 28;
const COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];

export function ClassCurves({ board }: { board: Board }) {
  const { t, num } = useI18n(pagesText);
  const counted = board.rows.filter((row) => row.best !== null && row.runs[row.best]!.curve.length > 0);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const epochs = Math.max(1, ...counted.map((row) => row.runs[row.best!]!.curve.length));
  const x = (epoch: number) => PAD + ((epoch - 1) / Math.max(1, epochs - 1)) * (WIDTH - 2 * PAD);
  const y = (accuracy: number) => HEIGHT - PAD - accuracy * (HEIGHT - 2 * PAD);
  if (counted.length === 0) return null;
  return (
    <>
      <h4>{t('class.curves')}</h4>
      <p className="muted pg-small">{t('class.curvesHint')}</p>
      <svg width={WIDTH} height={HEIGHT} role="img" aria-label={t('class.curves')} data-testid="class.curves">
        <line x1={PAD} y1={y(0)} x2={WIDTH - PAD} y2={y(0)} stroke="currentColor" strokeOpacity={0.3} />
        <line x1={PAD} y1={y(1)} x2={WIDTH - PAD} y2={y(1)} stroke="currentColor" strokeOpacity={0.15} />
        <text x={2} y={y(1) + 4} fontSize={10} fill="currentColor">
          {num(1)}
        </text>
        <text x={2} y={y(0) + 4} fontSize={10} fill="currentColor">
          {num(0)}
        </text>
        {counted.map((row, index) =>
          hidden.has(row.file) ? null : (
            <polyline
              key={row.file}
              fill="none"
              stroke={COLOURS[index % COLOURS.length]}
              strokeWidth={2}
              points={row.runs[row.best!]!.curve.map((e) => `${x(e.epoch)},${y(e.testAcc)}`).join(' ')}
              data-testid={`class.curve.${row.rank}`}
            />
          ),
        )}
      </svg>
      <div className="pg-button-row pg-small">
        {counted.map((row, index) => (
          <label key={row.file}>
            <input
              type="checkbox"
              checked={!hidden.has(row.file)}
              onChange={() =>
                setHidden((before) => {
                  const next = new Set(before);
                  if (next.has(row.file)) next.delete(row.file);
                  else next.add(row.file);
                  return next;
                })
              }
              data-testid={`class.curveToggle.${row.rank}`}
            />{' '}
            <span style={{ color: COLOURS[index % COLOURS.length] }}>■</span> {row.student.name}
          </label>
        ))}
      </div>
    </>
  );
}
