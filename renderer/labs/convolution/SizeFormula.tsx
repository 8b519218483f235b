// The output size formula OH = (H + 2P − FH)/S + 1 with the explorer's numbers in it, and a sentence
// when the numbers do not give a convolution (a filter larger than the padded input, or windows that
// do not tile it).

import type { OutputSize } from '../../../engine/labs/convolutionSteps';
import type { I18n } from '../../i18n/useI18n';
import type { ConvolutionKey } from './text';

export interface SizeFormulaProps {
  h: number;
  w: number;
  fh: number;
  fw: number;
  pad: number;
  stride: number;
  size: OutputSize;
  text: I18n<ConvolutionKey>;
}

export function problemSentence(size: OutputSize, t: I18n<ConvolutionKey>['t']): string | null {
  const p = size.problem;
  if (!p) return null;
  if (p.kind === 'empty') return t('problem.empty');
  if (p.kind === 'too-large') return t(`problem.too-large.${p.axis}`, { kernel: p.kernel, padded: p.padded });
  return t(`problem.not-whole.${p.axis}`, { numerator: p.numerator, stride: p.stride });
}

export function SizeFormula({ h, w, fh, fw, pad, stride, size, text }: SizeFormulaProps) {
  const { t, num } = text;
  const line = (name: string, n: number, k: number, out: number, sym: [string, string]) =>
    `${name} = (${sym[0]} + 2P − ${sym[1]})/S + 1 = (${num(n)} + 2·${num(pad)} − ${num(k)})/${num(stride)} + 1 = ${num(out, 3)}`;
  const problem = problemSentence(size, t);
  return (
    <section className="pg-card" data-testid="lab.convolution.size">
      <header className="pg-card-head">
        <h3 className="pg-card-title">{t('sizeTitle')}</h3>
      </header>
      <pre className="lab-formula cv-size-lines" data-testid="lab.convolution.size.formula">
        {line('OH', h, fh, size.outH, ['H', 'FH'])}
        {'\n'}
        {line('OW', w, fw, size.outW, ['W', 'FW'])}
      </pre>
      {problem ? (
        <div className="pg-notice pg-notice-error" role="alert" data-testid="lab.convolution.problem">
          {problem}
        </div>
      ) : (
        <p className="cv-size-result" data-testid="lab.convolution.size.result">
          {t('sizeResult', { h: size.outH, w: size.outW })}
        </p>
      )}
    </section>
  );
}
