// The one table of optimizers, in family-tree order (SGD → Momentum → Nesterov; AdaGrad → RMSProp →
// AdaDelta; Momentum + RMSProp → Adam; Adam + Nesterov → Nadam). Each entry is the optimizer's whole
// definition: its settings with their types and the book's defaults, its name and summary in both
// languages, and how to build it. The spec validator, the CLI's help, the builder's forms, the optimizer
// lab and the README's table all read it, so a new optimizer is one file (its update rule) and one entry here.

import type { FieldSpec, SettingsOf, Texts } from '../fields';
import { AdaDelta, adaDeltaDefaults } from './AdaDelta';
import { AdaGrad, adaGradDefaults } from './AdaGrad';
import { Adam, adamDefaults } from './Adam';
import { Momentum, momentumDefaults } from './Momentum';
import { Nadam, nadamDefaults } from './Nadam';
import { Nesterov, nesterovDefaults } from './Nesterov';
import type { Optimizer, OptimizerText, OptimizerType } from './Optimizer';
import { RMSProp, rmsPropDefaults } from './RMSProp';
import { SGD, sgdDefaults } from './SGD';

export interface OptimizerDefinition<Name extends string, Fields extends readonly FieldSpec[]> {
  type: Name;
  text: Texts<OptimizerText>;
  /** The update rule in one line, for the README's table: "W ← W − η·g". */
  rule: string;
  fields: Fields;
  /**
   * The learning rate the optimizer lab's bowl picture starts with (book §6.1.7): the book's for SGD,
   * Momentum, AdaGrad and Adam (optimizer_compare_naive.py); ours for the others, chosen so each path
   * is visible in 30 steps.
   */
  pathLearningRate: number;
  /** Receives the settings `readFields` read from `fields`, typed by them. */
  create(settings: SettingsOf<Fields>): Optimizer;
}

/**
 * Writes an optimizer once: the fields are taken as literals, so `create` sees `{ lr: number, … }`
 * rather than loose values. The English label and summary are the `text.en` ones.
 */
export function defineOptimizer<const Name extends string, const Fields extends readonly FieldSpec[]>(
  definition: OptimizerDefinition<Name, Fields>,
): OptimizerType<Name> {
  return {
    ...definition,
    label: definition.text.en.label,
    summary: definition.text.en.summary,
    // The one place settings lose their static type: the validator reads exactly `fields`, so what it
    // returns has the shape SettingsOf<Fields> describes.
    create: (settings) => definition.create(settings as SettingsOf<Fields>),
  };
}

// The four kinds of setting the family shares. Each optimizer says in its own words what its learning
// rate does, so the summary is an argument.
const learningRate = (fallback: number, summary: string) =>
  ({ name: 'lr', kind: 'number', summary, default: fallback, min: 0, exclusiveMin: true, max: 1e6 }) as const;
const decay = <const Name extends string>(name: Name, fallback: number, summary: string) =>
  ({ name, kind: 'number', summary, default: fallback, min: 0, max: 1, exclusiveMax: true }) as const;
const epsilon = (fallback: number, summary = 'A tiny number added to the denominator so it is never zero.') =>
  ({ name: 'eps', kind: 'number', summary, default: fallback, min: 0, exclusiveMin: true, max: 1 }) as const;
const velocityKept = (fallback: number) => decay('momentum', fallback, 'How much of the previous velocity survives each step (0 gives plain SGD).');

export const optimizerTypes = [
  defineOptimizer({
    type: 'sgd',
    text: {
      en: { label: 'SGD', summary: 'The plain step: move every parameter against its gradient, scaled by the learning rate.' },
      ko: { label: 'SGD (확률적 경사 하강법)', summary: '가장 단순한 갱신: 모든 매개변수를 기울기 반대 방향으로 학습률만큼 움직입니다.' },
    },
    rule: 'W ← W − η·g',
    fields: [learningRate(sgdDefaults.lr, 'Learning rate: how far each step moves against the gradient.')],
    pathLearningRate: 0.95,
    create: (settings) => new SGD(settings),
  }),
  defineOptimizer({
    type: 'momentum',
    text: {
      en: { label: 'Momentum', summary: 'SGD plus a velocity: past steps keep pushing, which speeds up valleys and damps zig-zags.' },
      ko: { label: '모멘텀', summary: 'SGD에 속도를 더합니다: 지난 걸음이 계속 밀어 주어 골짜기에서 빨라지고 지그재그가 줄어듭니다.' },
    },
    rule: 'v ← αv − η·g; W ← W + v',
    fields: [learningRate(momentumDefaults.lr, 'Learning rate: how strongly each gradient changes the velocity.'), velocityKept(momentumDefaults.momentum)],
    pathLearningRate: 0.1,
    create: (settings) => new Momentum(settings),
  }),
  defineOptimizer({
    type: 'nesterov',
    text: {
      en: { label: 'Nesterov (NAG)', summary: 'Momentum with a look-ahead: the gradient acts where the velocity is about to take us.' },
      ko: { label: '네스테로프 (NAG)', summary: '앞을 내다보는 모멘텀: 속도가 데려갈 곳의 기울기를 써서 더 일찍 제동을 겁니다.' },
    },
    rule: "the book's Nesterov form",
    fields: [learningRate(nesterovDefaults.lr, 'Learning rate: how strongly each gradient changes the velocity.'), velocityKept(nesterovDefaults.momentum)],
    pathLearningRate: 0.1,
    create: (settings) => new Nesterov(settings),
  }),
  defineOptimizer({
    type: 'adagrad',
    text: {
      en: { label: 'AdaGrad', summary: 'A learning rate per parameter that shrinks with the sum of all its squared gradients so far.' },
      ko: { label: 'AdaGrad', summary: '매개변수마다 학습률을 따로 두고, 지금까지의 기울기 제곱 합만큼 줄여 갑니다.' },
    },
    rule: 'h ← h + g²; W ← W − η·g/(√h + ε)',
    fields: [
      learningRate(adaGradDefaults.lr, 'Learning rate before the per-parameter scaling; the first step moves each parameter by about this much.'),
      epsilon(adaGradDefaults.eps),
    ],
    pathLearningRate: 1.5,
    create: (settings) => new AdaGrad(settings),
  }),
  defineOptimizer({
    type: 'rmsprop',
    text: {
      en: { label: 'RMSProp', summary: 'AdaGrad with a moving average of squared gradients, so old gradients are forgotten.' },
      ko: { label: 'RMSProp', summary: '기울기 제곱의 이동 평균을 쓰는 AdaGrad: 오래된 기울기는 잊습니다.' },
    },
    rule: 'h ← ρh + (1−ρ)g²; W ← W − η·g/(√h + ε)',
    fields: [
      learningRate(rmsPropDefaults.lr, 'Learning rate before the per-parameter scaling.'),
      decay('rho', rmsPropDefaults.rho, 'Decay of the squared-gradient average: closer to 1 remembers longer.'),
      epsilon(rmsPropDefaults.eps),
    ],
    pathLearningRate: 0.1,
    create: (settings) => new RMSProp(settings),
  }),
  defineOptimizer({
    type: 'adadelta',
    text: {
      en: { label: 'AdaDelta', summary: 'RMSProp that also averages its own past steps, so it needs almost no learning rate.' },
      ko: { label: 'AdaDelta', summary: '자신의 지난 갱신량도 평균 내는 RMSProp이라 학습률이 거의 필요 없습니다.' },
    },
    rule: 'Zeiler 2012, scaled by `lr`',
    fields: [
      learningRate(adaDeltaDefaults.lr, "A multiplier on every step; Zeiler's original method is 1."),
      decay('rho', adaDeltaDefaults.rho, 'Decay of both moving averages (squared gradients and squared steps).'),
      epsilon(adaDeltaDefaults.eps, 'Keeps both square roots positive; it also sets how big the first steps are.'),
    ],
    pathLearningRate: 100,
    create: (settings) => new AdaDelta(settings),
  }),
  defineOptimizer({
    type: 'adam',
    text: {
      en: { label: 'Adam', summary: 'Momentum and RMSProp together, with bias correction.' },
      ko: { label: 'Adam', summary: '모멘텀과 RMSProp을 합치고 편향을 보정합니다.' },
    },
    rule: "the book's Adam",
    fields: [
      learningRate(adamDefaults.lr, 'Learning rate: roughly the largest distance one step moves a parameter.'),
      decay('beta1', adamDefaults.beta1, 'Decay of the gradient average (the momentum part).'),
      decay('beta2', adamDefaults.beta2, 'Decay of the squared-gradient average (the RMSProp part).'),
      epsilon(adamDefaults.eps),
    ],
    pathLearningRate: 0.3,
    create: (settings) => new Adam(settings),
  }),
  defineOptimizer({
    type: 'nadam',
    text: {
      en: { label: 'Nadam', summary: 'Adam with Nesterov’s look-ahead.' },
      ko: { label: 'Nadam', summary: '네스테로프처럼 앞을 내다보는 Adam입니다.' },
    },
    rule: 'Dozat 2016 (Adam with a Nesterov step)',
    fields: [
      learningRate(nadamDefaults.lr, 'Learning rate: roughly the largest distance one step moves a parameter.'),
      decay('beta1', nadamDefaults.beta1, 'Decay of the gradient average (the momentum part).'),
      decay('beta2', nadamDefaults.beta2, 'Decay of the squared-gradient average (the RMSProp part).'),
      epsilon(nadamDefaults.eps),
    ],
    pathLearningRate: 0.3,
    create: (settings) => new Nadam(settings),
  }),
] as const;

/** Every optimizer name an experiment file may use: "sgd" | "momentum" | … — maps keyed by it are Records over it. */
export type OptimizerTypeName = (typeof optimizerTypes)[number]['type'];

const byType = new Map<string, OptimizerType<OptimizerTypeName>>(optimizerTypes.map((t) => [t.type, t]));

export function findOptimizerType(type: string): OptimizerType<OptimizerTypeName> | undefined {
  return byType.get(type);
}
