// The top bar: where the learner is, the run that is going (a click opens it), and the language switch.

import { useI18n } from '../i18n/useI18n';
import type { MessageKey } from '../i18n/translate';
import { languages, type Lang } from '../i18n/translate';
import { openRun, useNavigation } from './navigation';
import { chipEpoch } from './liveRunEvents';
import { liveRuns, newestLiveRun } from './runStatus';
import { useStore } from './store';

const languageNames: Record<Lang, string> = { ko: '한국어', en: 'English' };

function RunStatusChip() {
  const { t, num } = useI18n();
  const run = useStore(liveRuns, newestLiveRun);
  const count = useStore(liveRuns, (runs) => Object.keys(runs).length);
  if (!run) {
    return (
      <div className="run-chip run-chip--idle" data-testid="status.run">
        <span className="run-chip__dot" aria-hidden="true" />
        {t('status.idle')}
      </div>
    );
  }
  const fraction = run.iterationsTotal > 0 ? Math.min(1, run.iteration / run.iterationsTotal) : 0;
  const epoch = run.epochsTotal ? t('status.epochOf', { epoch: chipEpoch(run), total: run.epochsTotal }) : t('status.epoch', { epoch: chipEpoch(run) });
  return (
    <button type="button" className={`run-chip run-chip--${run.status}`} data-testid="status.run" onClick={() => openRun(run.id)} title={t('status.open')}>
      <span className="run-chip__dot" aria-hidden="true" />
      <span className="run-chip__text">
        <strong>{t('status.run', { id: run.id })}</strong>
        <span className="run-chip__sep" aria-hidden="true">
          ·
        </span>
        {t(`runStatus.${run.status}` as MessageKey)}
        {(run.status === 'running' || run.status === 'paused') && (
          <>
            <span className="run-chip__sep" aria-hidden="true">
              ·
            </span>
            {epoch}
            <span className="run-chip__sep" aria-hidden="true">
              ·
            </span>
            <span className="mono">{num(Math.floor(fraction * 100))}%</span>
          </>
        )}
        {count > 1 && <span className="badge badge--accent">{t('status.more', { count: count - 1 })}</span>}
      </span>
      <span className="run-chip__bar" aria-hidden="true">
        <span style={{ width: `${fraction * 100}%` }} />
      </span>
    </button>
  );
}

export function TopBar() {
  const { t, lang, setLang } = useI18n();
  const page = useNavigation((s) => s.page);
  return (
    <header className="topbar">
      {/* The page's one h1 (the pages' own titles are h2): the app and where the learner is. */}
      <h1 className="topbar__title">
        <span className="topbar__app">{t('app.name')}</span>
        <span className="topbar__slash" aria-hidden="true">
          /
        </span>
        <span className="topbar__page">{t(`page.${page}.title` as MessageKey)}</span>
      </h1>
      <div className="topbar__right">
        <RunStatusChip />
        <div className="lang-switch" role="group" aria-label={t('lang.label')}>
          {languages.map((l) => (
            <button
              key={l}
              type="button"
              lang={l}
              data-testid={`lang.${l}`}
              aria-pressed={lang === l}
              className="lang-switch__option"
              onClick={() => setLang(l)}
            >
              {languageNames[l]}
            </button>
          ))}
        </div>
      </div>
    </header>
  );
}
