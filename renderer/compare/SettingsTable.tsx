// The runs' settings side by side: the ones that differ first and highlighted, the shared ones below
// (folded away until asked for).

import { useState } from 'react';
import { formatSetting } from '../charts/format';
import { pagesText, useI18n } from '../i18n/useI18n';
import type { CompareSeries } from './CompareChart';
import { settingLabel } from './settingLabel';
import type { SettingRow } from './settings';

/** The distinct layer types the runs have at each layer index, read from the rows themselves. */
function layerTypesOf(rows: readonly SettingRow[]): (index: number) => string[] {
  const byPath = new Map(rows.map((row) => [row.path, row]));
  return (index) => {
    const row = byPath.get(`model.layers[${index}].type`);
    const types = row ? Object.values(row.values).filter((v): v is string => typeof v === 'string') : [];
    return [...new Set(types)];
  };
}

export function SettingsTable({ rows, series }: { rows: SettingRow[]; series: CompareSeries[] }) {
  const { t, lang } = useI18n(pagesText);
  const layerTypes = layerTypesOf(rows);
  const label = (path: string) => settingLabel(lang, path, layerTypes);
  const [showSame, setShowSame] = useState(false);
  const differing = rows.filter((r) => r.differs);
  const same = rows.filter((r) => !r.differs);
  return (
    <section className="pg-card" data-testid="compare.settings">
      <header className="pg-card-head">
        <div>
          <h3 className="pg-card-title">{t('compare.settingsTitle')}</h3>
          <p className="pg-card-sub">{t('compare.settingsSubtitle', { differ: differing.length, same: same.length })}</p>
        </div>
        <div className="pg-card-actions">
          <label className="pg-check">
            <input type="checkbox" checked={showSame} onChange={(e) => setShowSame(e.target.checked)} data-testid="compare.showSame" />
            {t('compare.showSame')}
          </label>
        </div>
      </header>
      <div className="pg-table-scroll">
        <table className="pg-table pg-settings-table">
          <thead>
            <tr>
              <th>{t('compare.setting')}</th>
              {series.map((s) => (
                <th key={s.id}>
                  <span className="pg-series-dot" style={{ background: s.color }} />
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {differing.length === 0 && (
              <tr>
                <td colSpan={series.length + 1} className="muted">
                  {t('compare.noDifferences')}
                </td>
              </tr>
            )}
            {differing.map((row) => (
              <tr key={row.path} className="is-different" data-testid={`compare.diff.${row.path}`}>
                <th scope="row" title={row.path}>
                  {label(row.path)}
                </th>
                {series.map((s) => (
                  <td key={s.id} className="mono">
                    {formatSetting(row.values[s.id])}
                  </td>
                ))}
              </tr>
            ))}
            {showSame &&
              same.map((row) => (
                <tr key={row.path} data-testid={`compare.same.${row.path}`}>
                  <th scope="row" className="muted" title={row.path}>
                    {label(row.path)}
                  </th>
                  {series.map((s) => (
                    <td key={s.id} className="mono muted">
                      {formatSetting(row.values[s.id])}
                    </td>
                  ))}
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
