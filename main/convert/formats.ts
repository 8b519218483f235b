// One trained model between the lab's three hand-over forms: its weights file (JSON, the book's layout),
// ONNX, and a PyTorch folder (model.py + weights.json). Shared by `dlab convert` and the app's exports,
// so both write the same bytes for the same weights.

import { labError } from '../../engine/errors';
import { exportWeights, parseWeights, weightsToJson, type LoadedWeights } from '../../engine/weights';
import { classNamesIn, exportOnnx } from './onnxExport';
import { importOnnx } from './onnxImport';
import { exportPytorch, PYTORCH_MODEL_FILE, PYTORCH_WEIGHTS_FILE } from './pytorch';

export const CONVERT_FORMATS = ['onnx', 'pytorch', 'dlab'] as const;
export type ConvertFormat = (typeof CONVERT_FORMATS)[number];

/** A file the conversion writes: its name (relative, inside a folder for PyTorch) and its contents. */
interface ConvertedFile {
  name: string;
  contents: string | Uint8Array;
}

/** ONNX models are protobuf: the first byte of one is a field tag, never the "{" a weights file starts with. */
function looksLikeJson(bytes: Uint8Array): boolean {
  for (const byte of bytes.subarray(0, 64)) {
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0xef || byte === 0xbb || byte === 0xbf) continue;
    return byte === 0x7b; // "{"
  }
  return false;
}

/** A weights file's text or an ONNX model's bytes, checked, as a network with its weights; notes say what an import changed. */
export function readModelBytes(bytes: Uint8Array, fileName: string): LoadedWeights & { notes: string[] } {
  if (looksLikeJson(bytes)) return { ...parseWeights(Buffer.from(bytes).toString('utf8'), fileName), notes: [] };
  return importOnnx(bytes, fileName);
}

/** The files that hold the model in `format`; `baseName` names them ("run-3" → run-3.onnx). */
export function convertModel(loaded: LoadedWeights, format: ConvertFormat, baseName: string, appVersion = ''): ConvertedFile[] {
  const meta = loaded.file.meta;
  switch (format) {
    case 'onnx':
      return [
        {
          name: `${baseName}.onnx`,
          contents: exportOnnx(loaded.network, { meta, classNames: classNamesIn(meta), name: baseName, producerVersion: appVersion }),
        },
      ];
    case 'pytorch': {
      const { model, weights } = exportPytorch(loaded.network, meta, baseName);
      return [
        { name: PYTORCH_MODEL_FILE, contents: model },
        { name: PYTORCH_WEIGHTS_FILE, contents: weights },
      ];
    }
    case 'dlab':
      return [{ name: `${baseName}.weights.json`, contents: weightsToJson(exportWeights(loaded.network, meta)) }];
    default:
      throw labError('usage', 'convert.formatUnknown', { formats: CONVERT_FORMATS.join(', '), format: String(format) });
  }
}
