// Every Korean string the app can show, with where it comes from: the app's tables (ko.ts, which holds
// pages.ko.ts), each lab's table, the registries' Korean texts and the refusals' Korean templates. The
// glossary test walks them all (tests/renderer/glossary.test.ts); the plural test walks their English twins.

import { layerTypes } from '../../engine/layers/registry';
import { labMessages } from '../../engine/messages';
import { optimizerTypes } from '../../engine/optimizers/registry';
import { en } from '../../renderer/i18n/en';
import { ko } from '../../renderer/i18n/ko';
import { batchnormText } from '../../renderer/labs/batchnorm/text';
import { commonText, raceText } from '../../renderer/labs/common/commonText';
import { convolutionText } from '../../renderer/labs/convolution/text';
import { filtersText } from '../../renderer/labs/filters/text';
import { gradcheckText } from '../../renderer/labs/gradcheck/text';
import { graphText } from '../../renderer/labs/graph/text';
import { hyperparamsText } from '../../renderer/labs/hyperparams/text';
import { initText } from '../../renderer/labs/init/text';
import { optimizersText } from '../../renderer/labs/optimizers/text';
import { overfittingText } from '../../renderer/labs/overfitting/text';

export interface KoreanString {
  /** Where it lives: "ko.ts nav.runs", "lab convolution title", "layer conv summary", "error data.folderMissing". */
  source: string;
  text: string;
}

const labTables = {
  batchnorm: batchnormText,
  common: commonText,
  race: raceText,
  convolution: convolutionText,
  filters: filtersText,
  gradcheck: gradcheckText,
  graph: graphText,
  hyperparams: hyperparamsText,
  init: initText,
  optimizers: optimizersText,
  overfitting: overfittingText,
};

/** The same tables' English strings, for the checks that walk English (plurals). */
export function englishStrings(): KoreanString[] {
  const out: KoreanString[] = [];
  for (const [key, text] of Object.entries(en)) out.push({ source: `en.ts ${key}`, text });
  for (const [lab, table] of Object.entries(labTables)) {
    for (const [key, text] of Object.entries(table.en as Record<string, string>)) out.push({ source: `lab ${lab} ${key}`, text });
  }
  for (const [code, template] of Object.entries(labMessages)) out.push({ source: `error ${code}`, text: template.en });
  return out;
}

export function koreanStrings(): KoreanString[] {
  const out: KoreanString[] = [];
  for (const [key, text] of Object.entries(ko)) out.push({ source: `ko.ts ${key}`, text });
  for (const [lab, table] of Object.entries(labTables)) {
    for (const [key, text] of Object.entries(table.ko as Record<string, string>)) out.push({ source: `lab ${lab} ${key}`, text });
  }
  for (const type of [...layerTypes, ...optimizerTypes]) {
    for (const [part, text] of Object.entries(type.text.ko)) out.push({ source: `registry ${type.type} ${part}`, text: String(text) });
    for (const field of type.fields) {
      if (field.text)
        for (const [part, text] of Object.entries(field.text.ko)) out.push({ source: `registry ${type.type}.${field.name} ${part}`, text: String(text) });
    }
  }
  for (const [code, template] of Object.entries(labMessages)) out.push({ source: `error ${code}`, text: template.ko });
  return out;
}
