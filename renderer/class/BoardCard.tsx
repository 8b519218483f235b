// The teacher's class board: the class's submission files (many at once), an optional held-out data
// source, and the board the house measures — the leaderboard by measured accuracy with each student's
// notes in the chosen language, the files refused or not counted, the distribution of accuracies, the
// settings that differ, and the grades as CSV. Accuracies show four decimals, as the CLI's board does.

import { useState } from 'react';
import type { Board } from '../../main/api/contract';
import { lab } from '../api/lab';
import { messageOf } from '../api/messageOf';
import { saveText } from '../charts/download';
import { sayLabMessage } from '../i18n/problems';
import { pagesText, useI18n } from '../i18n/useI18n';
import { ClassCurves } from './ClassCurves';
import { accuracyBins } from './distribution';

export function BoardCard({ packText }: { packText: string }) {
  const { t, lang, locale, num } = useI18n(pagesText);
  const [files, setFiles] = useState<{ name: string; text: string }[]>([]);
  const [heldout, setHeldout] = useState('');
  const [board, setBoard] = useState<Board | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function pick(list: FileList | null): Promise<void> {
    setFiles(await Promise.all(Array.from(list ?? [], async (file) => ({ name: file.name, text: await file.text() }))));
  }

  async function measure(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      setBoard(await lab.packBoard(packText, files, heldout.trim() || undefined));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const say = (note: Board['refused'][number]['note']) => sayLabMessage(lang, note);
  const bins = board ? accuracyBins(board) : [];
  const most = Math.max(1, ...bins.map((b) => b.count));

  return (
    <section className="pg-card" data-testid="class.board">
      <header className="pg-card-head">
        <div>
          <h3 className="pg-card-title">{t('class.boardTitle')}</h3>
          <p className="pg-card-sub">{t('class.boardSubtitle')}</p>
        </div>
      </header>
      <div className="pg-button-row">
        <label className="btn">
          {t('class.addFiles')}
          <input type="file" multiple accept=".json,application/json" hidden onChange={(e) => void pick(e.target.files)} data-testid="class.files" />
        </label>
        <span className="muted pg-small">{t('class.filesChosen', { n: files.length })}</span>
        <input
          className="input"
          placeholder={t('class.heldout')}
          aria-label={t('class.heldout')}
          title={t('class.heldoutHint')}
          value={heldout}
          onChange={(e) => setHeldout(e.target.value)}
          data-testid="class.heldout"
        />
        <button type="button" className="btn btn--primary" disabled={busy || files.length === 0} onClick={() => void measure()} data-testid="class.measure">
          {busy ? t('class.measuring') : t('class.measure')}
        </button>
        {board && (
          <button
            type="button"
            className="btn"
            onClick={() => void saveText('csv', `${board.pack.id}-grades.csv`, board.gradesCsv)}
            data-testid="class.exportGrades"
          >
            {t('class.exportGrades')}
          </button>
        )}
      </div>
      {error !== null && (
        <div className="pg-notice pg-notice-error" role="alert">
          <span>{error}</span>
        </div>
      )}
      {board && (
        <>
          <p className="muted pg-small">{t('class.measuredOn', { data: board.evaluatedOn })}</p>
          <div className="pg-table-scroll">
            <table className="pg-table" data-testid="class.leaderboard">
              <thead>
                <tr>
                  <th className="pg-num">{t('class.rank')}</th>
                  <th>{t('class.student')}</th>
                  <th className="pg-num">{t('class.accuracy')}</th>
                  <th className="pg-num">{t('class.claimed')}</th>
                  <th>{t('class.optimizer')}</th>
                  <th>{t('class.handedInAt')}</th>
                  <th>{t('class.goalColumn')}</th>
                  <th>{t('class.notes')}</th>
                </tr>
              </thead>
              <tbody>
                {board.rows.map((row) => {
                  const run = row.best === null ? null : row.runs[row.best]!;
                  return (
                    <tr key={row.file} data-testid={`class.row.${row.rank}`}>
                      <td className="pg-num">{row.rank}</td>
                      <th>
                        {row.student.number ? `${row.student.number} · ` : ''}
                        {row.student.name}
                      </th>
                      <td className="pg-num" data-testid={`class.row.${row.rank}.accuracy`}>
                        {run?.measured ? run.measured.accuracy.toFixed(4) : '—'}
                      </td>
                      <td className="pg-num">{run?.claimedTestAcc == null ? '—' : run.claimedTestAcc.toFixed(4)}</td>
                      <td>{run?.optimizer ?? '—'}</td>
                      <td>
                        {new Date(row.handedInAt).toLocaleString(locale)}
                        {row.late ? ` (${t('class.late')})` : ''}
                      </td>
                      <td>{row.goalMet ? t('class.yes') : t('class.no')}</td>
                      <td data-testid={`class.row.${row.rank}.notes`}>{row.flags.map(say).join(' ')}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <h4>{t('class.distribution')}</h4>
          <div
            role="img"
            aria-label={t('class.distribution')}
            style={{ display: 'flex', alignItems: 'flex-end', gap: 4, height: 80 }}
            data-testid="class.distribution"
          >
            {bins.map((bin) => (
              <div key={bin.from} title={`${num(bin.from, 1)}–${num(bin.from + 0.1, 1)}: ${bin.names.join(', ')}`} style={{ flex: 1, textAlign: 'center' }}>
                <div style={{ height: (60 * bin.count) / most, background: 'var(--accent)', borderRadius: 3 }} />
                <span className="pg-small muted">{num(bin.from, 1)}</span>
              </div>
            ))}
          </div>
          <ClassCurves board={board} />
          {board.differences.length > 0 && (
            <>
              <h4>{t('class.differences')}</h4>
              <ul className="pg-small" data-testid="class.differences">
                {board.differences.map((d) => (
                  <li key={d.path}>
                    <code>{d.path}</code>:{' '}
                    {board.rows
                      .filter((r) => r.best !== null)
                      .map((r) => `${r.student.name} ${JSON.stringify(d.values[r.rank] ?? null)}`)
                      .join(' · ')}
                  </li>
                ))}
              </ul>
            </>
          )}
          {board.refused.length + board.skipped.length > 0 && (
            <ul className="pg-small" data-testid="class.refused">
              {board.refused.map((r) => (
                <li key={`r-${r.file}`}>
                  {t('class.refused')}: {say(r.note)}
                </li>
              ))}
              {board.skipped.map((s) => (
                <li key={`s-${s.file}`}>
                  {t('class.skipped')}: {s.file} — {say(s.note)}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
