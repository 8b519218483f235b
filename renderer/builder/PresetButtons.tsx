// The book's networks, one button each: the quickest way to a stack that works. Over a stack that
// already has layers, a preset asks first (Undo would bring them back, but a class should not need to know).

import { useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import type { MessageKey } from '../i18n/translate';
import { loadPreset, useDraft } from '../app/draftStore';
import { presets, type PresetName } from '../model/presets';
import { ConfirmDialog } from '../runs/ConfirmDialog';

export function PresetButtons({ compact = false }: { compact?: boolean }) {
  const { t } = useI18n();
  const layers = useDraft((s) => s.stack.present.spec.layers.length);
  const [asking, setAsking] = useState<PresetName | null>(null);
  const choose = (name: PresetName) => (layers > 0 ? setAsking(name) : loadPreset(name));
  return (
    <>
      {presets.map((preset) => (
        <button
          key={preset.name}
          type="button"
          className={`btn ${compact ? 'btn--small' : ''} preset-button`}
          data-testid={`builder.preset.${preset.name}`}
          title={t(`preset.${preset.name}.summary` as MessageKey)}
          onClick={() => choose(preset.name)}
        >
          <span>{t(`preset.${preset.name}.label` as MessageKey)}</span>
          {!compact && <span className="preset-button__section">§{preset.section}</span>}
        </button>
      ))}
      {asking && (
        <ConfirmDialog
          title={t('preset.replaceTitle', { preset: t(`preset.${asking}.label` as MessageKey) })}
          confirmLabel={t('preset.replace')}
          onConfirm={() => {
            loadPreset(asking);
            setAsking(null);
          }}
          onCancel={() => setAsking(null)}
        >
          <p>{layers === 1 ? t('preset.replaceTextOne') : t('preset.replaceText', { layers })}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
