// A setting of the comparison table in the builder's words: "model.layers[0].filters" reads
// "Layer 1 (Convolution) filters" / "층 1 (합성곱) 필터 수" — layers counted from 1 as the builder counts
// them, each named by its type — and "training.optimizer.lr" reads "Learning rate". Pure: unit-tested.

import { fieldNameText, layerText } from '../i18n/registryText';
import { pagesText, translate, wordsOf, type Lang } from '../i18n/translate';

const LAYER_PATH = /^model\.layers\[(\d+)\]\.([A-Za-z0-9_]+)(.*)$/;
const INPUT_PATH = /^model\.input\[(\d+)\]$/;

/** English field names start lower-case inside a sentence ("filters"); symbols and acronyms stay as they are. */
function inSentence(lang: Lang, label: string): string {
  if (lang !== 'en' || label.length < 2) return label;
  const [first, second] = [label[0]!, label[1]!];
  return second === second.toLowerCase() && second !== second.toUpperCase() ? first.toLowerCase() + label.slice(1) : label;
}

function fieldText(lang: Lang, name: string): string {
  if (name === 'type') return wordsOf(lang, pagesText).t('compare.layerType');
  return fieldNameText(lang, name);
}

/**
 * The row's label. `layerTypes(i)` gives the types the runs have at layer index i (one, or several
 * where the runs' stacks differ there); they name the layer.
 */
export function settingLabel(lang: Lang, path: string, layerTypes: (index: number) => readonly string[]): string {
  const { t } = wordsOf(lang, pagesText);
  const layer = LAYER_PATH.exec(path);
  if (layer) {
    const index = Number(layer[1]);
    const types = layerTypes(index)
      .map((type) => layerText(lang, type).label)
      .join(' / ');
    const field = inSentence(lang, fieldText(lang, layer[2]!)) + (layer[3] ?? '');
    return t('compare.layerSetting', { n: String(index + 1), type: types || '?', field });
  }
  const input = INPUT_PATH.exec(path);
  if (input) return t('compare.inputDimension', { n: String(Number(input[1]) + 1) });
  if (path === 'data.source') return translate(lang, 'data.source');
  if (path === 'training.optimizer.type') return translate(lang, 'field.optimizer');
  const leaf = /^(?:data|training|training\.optimizer)\.([A-Za-z0-9_]+)$/.exec(path);
  if (leaf) return fieldNameText(lang, leaf[1]!);
  return path;
}

const SECTION_ORDER = ['model.input', 'model.layers', 'data', 'training'];

/** Where a path sorts: the model's input, its layers in order, the data, the training; anything else last. */
export function settingOrder(path: string): [number, number] {
  const section = SECTION_ORDER.findIndex((prefix) => path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`));
  const layer = LAYER_PATH.exec(path);
  return [section === -1 ? SECTION_ORDER.length : section, layer ? Number(layer[1]) : 0];
}
