// A slider and a number box bound to the same typed value (λ, the dropout ratio): the slider for a
// quick feel, the box for an exact number beyond the slider's range. 0 shows as "off".

export interface SliderFieldProps {
  label: string;
  value: string;
  onChange: (text: string) => void;
  min: number;
  max: number;
  step: number;
  testId: string;
  offLabel: string;
}

export function SliderField({ label, value, onChange, min, max, step, testId, offLabel }: SliderFieldProps) {
  const number = Number(value);
  const sliderValue = value.trim() !== '' && Number.isFinite(number) ? Math.min(max, Math.max(min, number)) : min;
  return (
    <div className="pg-field ovf-slider">
      <label htmlFor={`${testId}.input`}>{label}</label>
      <div className="ovf-slider-row">
        <input
          type="range"
          min={min}
          max={max}
          step={step}
          value={sliderValue}
          onChange={(e) => onChange(e.target.value)}
          aria-label={label}
          data-testid={`${testId}.slider`}
        />
        <input id={`${testId}.input`} type="number" min={min} step={step} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} />
        <span className="muted ovf-off" aria-live="polite">
          {value.trim() !== '' && number === 0 ? offLabel : ''}
        </span>
      </div>
    </div>
  );
}
