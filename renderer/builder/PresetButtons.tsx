// The book's networks, one button each: the quickest way to a stack that works.

import { useI18n } from '../i18n/useI18n';
import type { MessageKey } from '../i18n/translate';
import { loadPreset } from '../app/draftStore';
import { presets } from '../model/presets';

export function PresetButtons({ compact = false }: { compact?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      {presets.map((preset) => (
        <button
          key={preset.name}
          type="button"
          className={`btn ${compact ? 'btn--small' : ''} preset-button`}
          data-testid={`builder.preset.${preset.name}`}
          title={t(`preset.${preset.name}.summary` as MessageKey)}
          onClick={() => loadPreset(preset.name)}
        >
          <span>{t(`preset.${preset.name}.label` as MessageKey)}</span>
          {!compact && <span className="preset-button__section">§{preset.section}</span>}
        </button>
      ))}
    </>
  );
}
