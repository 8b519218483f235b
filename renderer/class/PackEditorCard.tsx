// The teacher's pack editor: the experiment open in Build becomes a pack's starting experiment, with a
// title and instructions in both languages, the settings students may not change, the goal and the
// deadline. The house makes and checks the pack (makePack) — and carries a CSV, IDX or image source's
// files inside it — and the save door writes it.

import { useState } from 'react';
import { lab } from '../api/lab';
import { messageOf } from '../api/messageOf';
import { useAssembly } from '../app/draftStore';
import { saveText } from '../charts/download';
import { pagesText, useI18n } from '../i18n/useI18n';

/** The settings a teacher locks most often, as the experiment file writes their paths. */
const LOCKABLE = ['training.optimizer', 'training.optimizer.lr', 'training.batchSize', 'training.epochs', 'training.weightDecay', 'model'] as const;

export function PackEditorCard() {
  const { t } = useI18n(pagesText);
  const experiment = useAssembly().experiment;
  const [id, setId] = useState('');
  const [title, setTitle] = useState({ en: '', ko: '' });
  const [instructions, setInstructions] = useState({ en: '', ko: '' });
  const [locked, setLocked] = useState<ReadonlySet<string>>(new Set(['training.optimizer']));
  const [threshold, setThreshold] = useState('0.9');
  const [within, setWithin] = useState('');
  const [deadline, setDeadline] = useState('');
  const [notice, setNotice] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);

  async function make(): Promise<void> {
    if (!experiment) return;
    setNotice(null);
    try {
      const made = await lab.makePack({
        id: id.trim(),
        title: { en: title.en, ko: title.ko || title.en },
        instructions: { en: instructions.en, ko: instructions.ko || instructions.en },
        experiments: [experiment],
        locked: LOCKABLE.filter((path) => locked.has(path)),
        goal: { metric: 'accuracy', threshold: Number(threshold), ...(within.trim() ? { withinEpochs: Number(within) } : {}) },
        deadline: deadline ? new Date(deadline).toISOString() : null,
      });
      const saved = await saveText('pack', made.fileName, made.text);
      if (saved !== null) setNotice({ kind: 'info', text: t('class.handedIn', { name: saved }) });
    } catch (e) {
      setNotice({ kind: 'error', text: messageOf(e) });
    }
  }

  const toggle = (path: string) =>
    setLocked((before) => {
      const next = new Set(before);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });

  return (
    <section className="pg-card" data-testid="class.editor">
      <header className="pg-card-head">
        <div>
          <h3 className="pg-card-title">{t('class.editorTitle')}</h3>
          <p className="pg-card-sub">{experiment ? t('class.editorSubtitle', { name: experiment.name ?? '' }) : t('class.editorNoExperiment')}</p>
        </div>
      </header>
      <div className="pg-button-row">
        <input className="input" placeholder="id" aria-label="id" value={id} onChange={(e) => setId(e.target.value)} data-testid="class.editor.id" />
        <input
          className="input"
          placeholder={t('class.editorTitleEn')}
          aria-label={t('class.editorTitleEn')}
          value={title.en}
          onChange={(e) => setTitle({ ...title, en: e.target.value })}
          data-testid="class.editor.titleEn"
        />
        <input
          className="input"
          placeholder={t('class.editorTitleKo')}
          aria-label={t('class.editorTitleKo')}
          value={title.ko}
          onChange={(e) => setTitle({ ...title, ko: e.target.value })}
          data-testid="class.editor.titleKo"
        />
      </div>
      <div className="pg-button-row">
        <textarea
          className="input"
          rows={3}
          placeholder={t('class.editorInstructionsEn')}
          aria-label={t('class.editorInstructionsEn')}
          value={instructions.en}
          onChange={(e) => setInstructions({ ...instructions, en: e.target.value })}
        />
        <textarea
          className="input"
          rows={3}
          placeholder={t('class.editorInstructionsKo')}
          aria-label={t('class.editorInstructionsKo')}
          value={instructions.ko}
          onChange={(e) => setInstructions({ ...instructions, ko: e.target.value })}
        />
      </div>
      <fieldset className="pg-button-row pg-small">
        <legend>{t('class.editorLocked')}</legend>
        {LOCKABLE.map((path) => (
          <label key={path}>
            <input type="checkbox" checked={locked.has(path)} onChange={() => toggle(path)} data-testid={`class.editor.lock.${path}`} /> <code>{path}</code>
          </label>
        ))}
      </fieldset>
      <div className="pg-button-row">
        <label className="pg-small">
          {t('class.metric.accuracy')} ≥{' '}
          <input className="input" inputMode="decimal" value={threshold} onChange={(e) => setThreshold(e.target.value)} data-testid="class.editor.threshold" />
        </label>
        <label className="pg-small">
          {t('class.editorWithin')}{' '}
          <input className="input" inputMode="numeric" value={within} onChange={(e) => setWithin(e.target.value)} data-testid="class.editor.within" />
        </label>
        <label className="pg-small">
          {t('class.editorDeadline')}{' '}
          <input className="input" type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} data-testid="class.editor.deadline" />
        </label>
        <button
          type="button"
          className="btn btn--primary"
          disabled={!experiment || !id.trim() || !title.en.trim()}
          onClick={() => void make()}
          data-testid="class.editor.make"
        >
          {t('class.editorMake')}
        </button>
      </div>
      {notice && (
        <div className={`pg-notice pg-notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="class.editor.notice">
          <span>{notice.text}</span>
        </div>
      )}
    </section>
  );
}
