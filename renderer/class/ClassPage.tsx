// The Class page: a lab session without internet. A student opens the pack the teacher handed out
// (its instructions, goal, deadline and locked settings), sees their runs that fit it and their best
// against the goal, and hands in; the teacher's class board, below, measures every handed-in file
// again; above them, the teacher makes a pack of the experiment open in Build. The pack stays open while the learner visits other pages (to train it in Build).

import '../app/pages.css';
import { createStore, useStore } from '../app/store';
import { FileButton } from '../charts/FileButton';
import { lab } from '../api/lab';
import { messageOf } from '../api/messageOf';
import { pagesText, useI18n } from '../i18n/useI18n';
import type { PackView } from '../../main/api/contract';
import { AssignmentCard } from './AssignmentCard';
import { BoardCard } from './BoardCard';
import { PackEditorCard } from './PackEditorCard';

/** The open pack (its text, for the API calls that take it, and what it says), kept across pages. */
export const openPack = createStore<{ text: string; view: PackView } | null>(null);

/** Opens a pack's file on the Class page: from its own button, File ▸ Open assignment pack, or a double-click. */
export function openPackFile(file: { name: string; text: string }): void {
  packError.set(() => null);
  lab.openPack(file.text, file.name).then(
    (view) => openPack.set(() => ({ text: file.text, view })),
    (e: unknown) => packError.set(() => messageOf(e)),
  );
}

export function ClassPage() {
  const { t } = useI18n(pagesText);
  const pack = useStore(openPack, (s) => s);
  const error = useStore(packError, (s) => s);

  return (
    <div className="pg page" data-testid="class">
      <header className="pg-page-head">
        <div>
          <h2>{t('class.title')}</h2>
          <p className="muted">{t('class.subtitle')}</p>
        </div>
        <FileButton
          kind="pack"
          accept=".dlab-pack,application/json"
          testId="class.openPack"
          className="btn btn--primary"
          onFile={openPackFile}
          onError={(text) => packError.set(() => text)}
        >
          {t('class.openPack')}
        </FileButton>
      </header>
      {error !== null && (
        <div className="pg-notice pg-notice-error" role="alert" data-testid="class.notice">
          <span>{error}</span>
        </div>
      )}
      <PackEditorCard />
      {pack === null ? (
        <div className="pg-empty pg-empty-small" data-testid="class.empty">
          <p className="muted">{t('class.noPack')}</p>
        </div>
      ) : (
        <>
          <AssignmentCard packText={pack.text} view={pack.view} />
          <BoardCard packText={pack.text} />
        </>
      )}
    </div>
  );
}

const packError = createStore<string | null>(null);
