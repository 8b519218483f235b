// The computational graph lab's text table (the words themselves are in words.ts).

import { labText } from '../common/labText';
import { graphWords } from './words';

export const graphText = labText(graphWords.en, graphWords.ko);
