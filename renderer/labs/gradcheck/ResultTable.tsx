// The gradient check's table: one row per parameter (the book's names), its shape, how many entries were
// compared, the mean and largest absolute difference, the largest relative error, and the verdict.

import type { GradientCheckReport } from '../../../main/api/contract';
import { useI18n } from '../../i18n/useI18n';
import { tableRows } from './format';
import { gradcheckText } from './text';

export function ResultTable({ report }: { report: GradientCheckReport }) {
  const { t, num } = useI18n(gradcheckText);
  return (
    <div className="pg-table-scroll">
      <table className="pg-table lab-table gc-table" data-testid="lab.gradcheck.table">
        <thead>
          <tr>
            <th>{t('param')}</th>
            <th>{t('shape')}</th>
            <th className="num">{t('checked')}</th>
            <th className="num">{t('meanDiff')}</th>
            <th className="num">{t('maxDiff')}</th>
            <th className="num">{t('relError')}</th>
            <th>{t('result')}</th>
          </tr>
        </thead>
        <tbody>
          {tableRows(report).map((row) => (
            <tr key={row.name} data-testid={`lab.gradcheck.row.${row.name}`}>
              <td className="mono">{row.name}</td>
              <td className="mono">{row.shape}</td>
              <td className="num" data-testid={`lab.gradcheck.row.${row.name}.checked`}>
                {row.checked >= row.total ? t('all', { total: num(row.total) }) : t('some', { checked: num(row.checked), total: num(row.total) })}
                {row.atKinks > 0 ? <span className="muted"> · {t('kinks', { count: num(row.atKinks) })}</span> : null}
              </td>
              <td className="num mono">{row.mean}</td>
              <td className="num mono">{row.max}</td>
              <td className="num mono" data-testid={`lab.gradcheck.row.${row.name}.relative`}>
                {row.relative}
              </td>
              <td data-testid={`lab.gradcheck.row.${row.name}.result`}>
                <span className={`badge ${row.passed ? 'badge--success' : 'badge--danger'}`}>{row.passed ? `✓ ${t('passed')}` : `✗ ${t('failed')}`}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
