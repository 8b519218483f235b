// The student's half of the Class page: what the pack asks (in the chosen language), their runs that
// fit it and the best against the goal, and Hand in — a save dialog in the app, a download in a browser.

import { useEffect, useState } from 'react';
import type { PackRuns, PackView } from '../../main/api/contract';
import { lab } from '../api/lab';
import { messageOf } from '../api/messageOf';
import { draftStore } from '../app/draftStore';
import { openExperimentText } from '../app/experimentActions';
import { leavePack, workOnPack } from '../app/packLock';
import { saveText } from '../charts/download';
import { pagesText, useI18n } from '../i18n/useI18n';

export interface AssignmentCardProps {
  packText: string;
  view: PackView;
}

export function AssignmentCard({ packText, view }: AssignmentCardProps) {
  const { t, lang, locale, num } = useI18n(pagesText);
  const [runs, setRuns] = useState<PackRuns | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [name, setName] = useState('');
  const [number, setNumber] = useState('');
  const [notice, setNotice] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);

  useEffect(() => {
    let live = true;
    lab.packRuns(packText).then(
      (found) => {
        if (!live) return;
        setRuns(found);
        setChosen(found.best?.id ?? found.runs[0]?.id ?? null);
      },
      (e: unknown) => live && setNotice({ kind: 'error', text: messageOf(e) }),
    );
    return () => {
      live = false;
    };
  }, [packText]);

  const { goal } = view;
  const metric = t(goal.metric === 'accuracy' ? 'class.metric.accuracy' : 'class.metric.loss');
  const op = goal.metric === 'accuracy' ? '≥' : '≤';
  const goalText =
    goal.withinEpochs === undefined
      ? t('class.goal', { metric, op, threshold: num(goal.threshold) })
      : t('class.goalWithin', { metric, op, threshold: num(goal.threshold), epochs: goal.withinEpochs });

  async function handIn(): Promise<void> {
    if (chosen === null) return;
    setNotice(null);
    try {
      const file = await lab.handIn(packText, [chosen], { name: name.trim(), number: number.trim() });
      const saved = await saveText('submission', file.fileName, file.text);
      if (saved !== null) setNotice({ kind: 'info', text: t('class.handedIn', { name: saved }) });
    } catch (e) {
      setNotice({ kind: 'error', text: messageOf(e) });
    }
  }

  return (
    <section className="pg-card" data-testid="class.assignment">
      <header className="pg-card-head">
        <div>
          <h3 className="pg-card-title" data-testid="class.packTitle">
            {view.title[lang] || view.title.en}
          </h3>
          <p className="pg-card-sub">
            {goalText} · {view.deadline === null ? t('class.noDeadline') : t('class.deadline', { time: new Date(view.deadline).toLocaleString(locale) })}
          </p>
        </div>
        <button type="button" className="btn" data-testid="class.openInBuilder" onClick={() => openInBuilder(view)}>
          {t('class.openInBuilder')}
        </button>
      </header>
      <pre className="pg-small" style={{ whiteSpace: 'pre-wrap' }} data-testid="class.instructions">
        {view.instructions[lang] || view.instructions.en}
      </pre>
      <p className="muted pg-small" data-testid="class.locked">
        {view.locked.length ? t('class.locked', { paths: view.locked.join(', ') }) : t('class.everythingOpen')}
      </p>
      <h4>{t('class.myRuns')}</h4>
      {runs !== null && runs.runs.length === 0 && <p className="muted">{t('class.noRuns')}</p>}
      {runs !== null && runs.runs.length > 0 && (
        <>
          {runs.best && (
            <p data-testid="class.best">
              {t('class.best', { value: num(runs.best.value, 4), id: runs.best.id })} — {runs.goalMet ? t('class.goalMet') : t('class.goalNotMet')}
            </p>
          )}
          <div className="pg-button-row">
            <select className="input" value={chosen ?? ''} onChange={(e) => setChosen(Number(e.target.value))} data-testid="class.run">
              {runs.runs.map((run) => (
                <option key={run.id} value={run.id}>
                  #{run.id} · {run.testAcc === null ? '—' : num(run.testAcc, 4)}
                </option>
              ))}
            </select>
            <input
              className="input"
              placeholder={t('class.name')}
              aria-label={t('class.name')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              data-testid="class.name"
            />
            <input
              className="input"
              placeholder={t('class.number')}
              aria-label={t('class.number')}
              value={number}
              onChange={(e) => setNumber(e.target.value)}
              data-testid="class.number"
            />
            <button
              type="button"
              className="btn btn--primary"
              disabled={chosen === null || !name.trim()}
              onClick={() => void handIn()}
              data-testid="class.handIn"
            >
              {t('class.handIn')}
            </button>
          </div>
        </>
      )}
      {notice && (
        <div className={`pg-notice pg-notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="class.handInNotice">
          <span>{notice.text}</span>
        </div>
      )}
    </section>
  );
}

/** Loads the pack's starting experiment into Build and keeps its locked settings as they start. */
function openInBuilder(view: PackView): void {
  leavePack();
  if (!openExperimentText(JSON.stringify(view.experiments[0]), view.id)) return;
  workOnPack({ id: view.id, title: view.title, locked: view.locked, start: draftStore.get() });
}
