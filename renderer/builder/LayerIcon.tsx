// One small drawing per layer type, on a tinted tile in the colour of its family: learned weights,
// activation functions, shape changes, regularisation, and the loss.

import type { ReactNode } from 'react';

export type LayerFamily = 'weights' | 'activation' | 'shape' | 'regular' | 'loss';

const families: Record<string, LayerFamily> = {
  affine: 'weights',
  conv: 'weights',
  relu: 'activation',
  sigmoid: 'activation',
  tanh: 'activation',
  pool: 'shape',
  flatten: 'shape',
  batchnorm: 'regular',
  dropout: 'regular',
  'softmax-with-loss': 'loss',
};

export function familyOf(type: string): LayerFamily {
  return families[type] ?? 'shape';
}

const drawings: Record<string, ReactNode> = {
  affine: (
    <>
      <path d="M6 6.5 18 9M6 6.5 18 15M6 12 18 9M6 12 18 15M6 17.5 18 9M6 17.5 18 15" strokeWidth="1.1" opacity="0.7" />
      <circle cx="6" cy="6.5" r="1.9" fill="currentColor" stroke="none" />
      <circle cx="6" cy="12" r="1.9" fill="currentColor" stroke="none" />
      <circle cx="6" cy="17.5" r="1.9" fill="currentColor" stroke="none" />
      <circle cx="18" cy="9" r="2.1" fill="currentColor" stroke="none" />
      <circle cx="18" cy="15" r="2.1" fill="currentColor" stroke="none" />
    </>
  ),
  relu: (
    <>
      <path d="M3.5 16.5h17M12 20.5v-17" strokeWidth="1" opacity="0.45" />
      <path d="M3.5 16.5H12l7.5-10" strokeWidth="2.2" />
    </>
  ),
  sigmoid: (
    <>
      <path d="M3.5 19h17M3.5 5h17" strokeWidth="1" opacity="0.35" strokeDasharray="2 2" />
      <path d="M3.5 18.5c5 0 5.5-.5 8.5-6.5s3.5-6.5 8.5-6.5" strokeWidth="2.2" />
    </>
  ),
  tanh: (
    <>
      <path d="M3.5 12h17M12 3.5v17" strokeWidth="1" opacity="0.45" />
      <path d="M3.5 18.5c4 0 6-1 8.5-6.5s4.5-6.5 8.5-6.5" strokeWidth="2.2" />
    </>
  ),
  conv: (
    <>
      <rect x="3.5" y="3.5" width="17" height="17" rx="2" strokeWidth="1.2" opacity="0.5" />
      <path d="M9.2 3.5v17M14.8 3.5v17M3.5 9.2h17M3.5 14.8h17" strokeWidth="1" opacity="0.4" />
      <rect x="3.5" y="3.5" width="11.3" height="11.3" rx="1.5" fill="currentColor" fillOpacity="0.25" strokeWidth="2" />
    </>
  ),
  pool: (
    <>
      <rect x="3.5" y="3.5" width="7" height="7" rx="1.2" strokeWidth="1.3" opacity="0.55" />
      <rect x="3.5" y="13.5" width="7" height="7" rx="1.2" strokeWidth="1.3" opacity="0.55" />
      <rect x="13.5" y="13.5" width="7" height="7" rx="1.2" strokeWidth="1.3" opacity="0.55" />
      <rect x="13.5" y="3.5" width="7" height="7" rx="1.2" fill="currentColor" stroke="none" />
    </>
  ),
  batchnorm: (
    <>
      <path d="M3.5 19.5h17" strokeWidth="1" opacity="0.45" />
      <path d="M3.5 19c3.5 0 4.5-12.5 8.5-12.5S17 19 20.5 19" strokeWidth="2.2" />
      <path d="M12 6.5v13" strokeWidth="1" strokeDasharray="1.5 2" opacity="0.6" />
    </>
  ),
  dropout: (
    <>
      {[6, 12, 18].flatMap((x) =>
        [6, 12, 18].map((y) =>
          (x + y) % 12 === 0 ? (
            <circle key={`${x}-${y}`} cx={x} cy={y} r="2" strokeWidth="1.2" opacity="0.55" strokeDasharray="1.6 1.2" />
          ) : (
            <circle key={`${x}-${y}`} cx={x} cy={y} r="2.1" fill="currentColor" stroke="none" />
          ),
        ),
      )}
    </>
  ),
  flatten: (
    <>
      <rect x="4" y="3.5" width="9" height="9" rx="1.3" strokeWidth="1.4" />
      <path d="M8.5 3.5v9M4 8h9" strokeWidth="1" opacity="0.55" />
      <rect x="3" y="16" width="18" height="4.5" rx="1.2" strokeWidth="1.4" />
      <path d="M7.5 16v4.5M12 16v4.5M16.5 16v4.5" strokeWidth="1" opacity="0.55" />
      <path d="M17.5 6v5.5" strokeWidth="1.4" />
      <path d="m15.5 9.5 2 2 2-2" strokeWidth="1.4" />
    </>
  ),
  'softmax-with-loss': (
    <>
      <path d="M3.5 20.5h17" strokeWidth="1" opacity="0.45" />
      <rect x="5" y="15" width="3" height="5.5" rx="0.8" fill="currentColor" fillOpacity="0.4" stroke="none" />
      <rect x="10.5" y="5" width="3" height="15.5" rx="0.8" fill="currentColor" stroke="none" />
      <rect x="16" y="12" width="3" height="8.5" rx="0.8" fill="currentColor" fillOpacity="0.4" stroke="none" />
    </>
  ),
};

interface LayerIconProps {
  type: string;
  size?: number;
}

export function LayerIcon({ type, size = 36 }: LayerIconProps) {
  const family = familyOf(type);
  return (
    <span className={`layer-icon layer-icon--${family}`} style={{ width: size, height: size }} aria-hidden="true">
      <svg
        width={Math.round(size * 0.62)}
        height={Math.round(size * 0.62)}
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeLinecap="round"
        strokeLinejoin="round"
        focusable="false"
      >
        {drawings[type] ?? <rect x="5" y="5" width="14" height="14" rx="3" strokeWidth="1.8" />}
      </svg>
    </span>
  );
}
