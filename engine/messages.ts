// The refusals a learner meets, as one table: a code, its English sentence and its Korean one, with
// {placeholders} for the values. A LabError thrown with a code carries the code and the values, so each
// door can say it in its user's language (the app in the chosen one; the CLI in English, or Korean under
// a Korean locale); its `message` stays the English sentence, for logs, the CLI and older readers.
// Plain data and string work only: the engine stays free of dependencies. Korean particles are written
// {name|을/를} and chosen by the caller's `particle` (es-hangul at each door, through engine/korean.ts).
// (Over 400 lines because it is that table — one entry of a few lines per refusal code, in both languages —
// plus the small renderer of its templates; splitting the table would hide the list a translator reads.)

export type MessageValues = Readonly<Record<string, string | number>>;

export interface MessageTemplate {
  en: string;
  ko: string;
  /** Words a value stands for, per language: { role: { trainImages: 'training images' } }. */
  words?: { en?: Record<string, Record<string, string>>; ko?: Record<string, Record<string, string>> };
}

const ROLE_WORDS = {
  en: { role: { trainImages: 'training images', trainLabels: 'training labels', testImages: 'test images', testLabels: 'test labels' } },
  ko: { role: { trainImages: '훈련 이미지', trainLabels: '훈련 레이블', testImages: '시험 이미지', testLabels: '시험 레이블' } },
};
const AXIS_WORDS = { ko: { axis: { height: '높이', width: '너비' } } };
/** The files a refusal is said of when the caller gave no name. */
const FILE_WORDS_KO: Readonly<Record<string, string>> = {
  'the weights file': '가중치 파일',
  'the experiment': '실험 파일',
  'The run file': '실행 기록 파일',
  'the ONNX file': 'ONNX 파일',
};
/** What engine/fields.ts's describeValue says of a value that is not a number or a text (r5-ko). */
const DESCRIBED_VALUE_KO = { value: { 'a list': '목록', 'an object': '객체', null: '널', undefined: '없음' } };
/** An ONNX model the caller gave no name (r5-ko). */
const ONNX_FILE_KO = { 'the ONNX file': 'ONNX 파일' };
/** ONNX's tensor data types, as TensorProto names them (lower case): a refusal names the one a file holds (r6-onnxko). */
const ONNX_DATA_TYPES = [
  'float',
  'uint8',
  'int8',
  'uint16',
  'int16',
  'int32',
  'int64',
  'string',
  'bool',
  'float16',
  'double',
  'uint32',
  'uint64',
  'complex64',
  'complex128',
  'bfloat16',
  'float8e4m3fn',
  'float8e4m3fnuz',
  'float8e5m2',
  'float8e5m2fnuz',
  'uint4',
  'int4',
  'float4e2m1',
];
const ONNX_DATA_TYPE_EN = {
  dtype: { unknown: 'values of an unknown type', ...Object.fromEntries(ONNX_DATA_TYPES.map((name) => [name, `${name} values`])) },
};
/** What part of an ONNX node a refusal names ("has weights of …"), and a data type ONNX does not name (r6-onnxko). */
const ONNX_WHAT_KO = {
  what: {
    weights: '가중치',
    bias: '편향',
    filters: '필터',
    scale: '배율',
    mean: '평균',
    variance: '분산',
    'padding value': '패딩 값',
    'padding floor': '패딩 하한',
    factor: '곱할 값',
    shape: '형상',
    pads: '패딩',
    kernel: '커널',
    window: '윈도우',
  },
  dtype: { unknown: '알 수 없는 형식의 값', ...Object.fromEntries(ONNX_DATA_TYPES.map((name) => [name, `${name} 값`])) },
};

/** A `within` in Korean: its first part ("The run file: runs[0].name") said in Korean where the lab names it. */
function withinKo(within: string): string {
  const colon = within.indexOf(': ');
  const head = colon < 0 ? within : within.slice(0, colon);
  const said = FILE_WORDS_KO[head];
  return said === undefined ? within : said + within.slice(head.length);
}

// r4-ko: the words of the store's, the run files' and the file doors' sentences.
/** A lab database's refusals name it by role: the lab's own, or another lab's read to import from. */
const STORE_WORDS = {
  en: {
    db: { store: 'The lab database', import: 'The database' },
    left: { store: 'it was left as it is', import: 'nothing was imported and it was left as it is' },
  },
  ko: {
    db: { store: '실험실 데이터베이스', import: '데이터베이스' },
    left: { store: '파일은 그대로 두었습니다', import: '아무것도 가져오지 않았고 파일은 그대로 두었습니다' },
  },
};
const STORE_DAMAGE = {
  en: { empty: 'it is empty', otherProgram: 'it holds the tables of another program', oddWal: 'the -wal file beside it is not a plain file' },
  ko: { empty: '비어 있습니다', otherProgram: '다른 프로그램의 테이블이 들어 있습니다', oddWal: '옆에 있는 -wal 파일이 보통 파일이 아닙니다' },
};
const STORE_FAILURE = {
  en: {
    why: { full: 'the disk is full', readonly: 'permission denied', ioerr: 'its disk refused to write: it may have turned read-only, been removed or failed' },
  },
  ko: {
    why: {
      full: '디스크가 가득 찼습니다',
      readonly: '권한이 없습니다',
      ioerr: '디스크가 쓰기를 거부했습니다. 읽기 전용이 되었거나, 빠졌거나, 고장 났을 수 있습니다',
    },
  },
};
/** A file system's refusal by its code (ENOENT…); any other reason is shown as it came. */
const FS_REASONS = {
  en: {
    ENOENT: 'there is no such file',
    EISDIR: 'it is a folder, not a file',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOSPC: 'the disk is full',
    NOTFILE: 'it is a device or a pipe, not a file',
  },
  ko: {
    ENOENT: '그런 파일이 없습니다',
    EISDIR: '파일이 아니라 폴더입니다',
    EACCES: '권한이 없습니다',
    EPERM: '권한이 없습니다',
    ENOSPC: '디스크가 가득 찼습니다',
    NOTFILE: '파일이 아니라 장치나 파이프입니다',
  },
};
const RUN_FILE_WORDS = {
  en: { path: { '': 'the file' } },
  ko: { label: { 'The run file': '실행 기록 파일' }, path: { '': '파일' } },
};
const RUN_FILE_KINDS = {
  en: {
    number: 'a number',
    int: 'a whole number',
    string: 'a text',
    array: 'a list',
    tuple: 'a list',
    object: 'an object',
    boolean: 'true or false',
    null: 'null',
    runs: 'a list of runs',
    pair: 'a pair [iteration, loss]',
    iteration: 'an iteration (a whole number from 1 up)',
    dateTime: 'a date and time such as 2024-05-01T09:30:00.000Z',
  },
  ko: {
    number: '수',
    int: '정수',
    string: '텍스트',
    array: '목록',
    tuple: '목록',
    object: '객체',
    boolean: 'true나 false',
    null: '널',
    runs: '실행의 목록',
    pair: '[반복, 손실] 쌍',
    iteration: '반복 번호(1 이상의 정수)',
    dateTime: '2024-05-01T09:30:00.000Z 같은 날짜와 시각',
  },
};
const CLI_WHAT = {
  ko: {
    what: {
      'an experiment file': '실험 파일',
      'a weights file': '가중치 파일',
      'a weights file, an ONNX model or run:ID': '가중치 파일, ONNX 모델 또는 run:ID',
      'a run id': '실행 번호',
      source: '데이터 소스',
    },
  },
};
const FILE_KIND_WORDS = {
  en: { kind: { experiment: 'an experiment', weights: 'a weights', run: 'a run', csv: 'a csv', onnx: 'a onnx', python: 'a python' } },
  ko: { kind: { experiment: '실험', weights: '가중치', run: '실행 기록', csv: 'CSV', onnx: 'ONNX', python: 'Python' } },
};
const FS_CODES_KO = FS_REASONS.ko;

export const labMessages = {
  // ---- where the data comes from ----
  'data.sourceMissing': {
    en: 'The data source is missing: use "mnist", "idx:FOLDER", "images:FOLDER", a toy set ({toys}) or "csv:FILE" (or "csv:TRAIN,TEST").',
    ko: '데이터 소스가 없습니다. "mnist", "idx:폴더", "images:폴더", 장난감 데이터({toys}) 또는 "csv:파일"("csv:훈련,시험")을 쓰세요.',
  },
  'data.sourceUnknown': {
    en: 'unknown data source "{source}": use "mnist", "idx:FOLDER", "images:FOLDER", a toy set ({toys}) or "csv:FILE" (or "csv:TRAIN,TEST")',
    ko: '알 수 없는 데이터 소스 "{source}"입니다. "mnist", "idx:폴더", "images:폴더", 장난감 데이터({toys}) 또는 "csv:파일"("csv:훈련,시험")을 쓰세요',
  },
  'data.idxNoFolder': {
    en: 'The data source "idx:" names no folder: write "idx:" followed by a folder path.',
    ko: '데이터 소스 "idx:"에 폴더가 없습니다. "idx:" 뒤에 폴더 경로를 쓰세요.',
  },
  'data.folderMissing': {
    en: 'The data folder {folder} does not exist.',
    ko: '데이터 폴더 {folder|이/가} 없습니다.',
  },
  'data.folderUnreadable': {
    en: 'The data folder {folder} cannot be read ({reason}).',
    ko: '데이터 폴더 {folder|을/를} 읽을 수 없습니다 ({reason}).',
  },
  'data.notAFolder': {
    en: '{folder} is not a folder: give the folder that holds the four IDX files.',
    ko: '{folder|은/는} 폴더가 아닙니다. IDX 파일 네 개가 든 폴더를 주세요.',
  },
  'data.folderLacksFile': {
    en: 'The folder {folder} has no {role}: expected a file named {base} or {base}.gz ({alt} also works).',
    ko: '폴더 {folder}에 {role|이/가} 없습니다. {base} 또는 {base}.gz라는 파일이 있어야 합니다 ({alt}도 됩니다).',
    words: ROLE_WORDS,
  },
  'data.bundledMissing': {
    en: 'The bundled MNIST digits are missing (no {file} in {folder}): {hint}.',
    ko: '내장 MNIST 숫자 파일이 없습니다 ({folder}에 {file|이/가} 없음): {hint}.',
  },
  'data.toyUnknown': {
    en: 'There is no toy data set "{name}": choose one of {toys}.',
    ko: '장난감 데이터셋 {"name"|은/는} 없습니다. {toys} 중 하나를 고르세요.',
  },
  'data.toySamples': {
    en: 'The {name} data set needs samples to be a whole number from {min} to {max}, but it is {value}.',
    ko: '{name} 데이터셋의 점 개수는 {min}에서 {max} 사이의 정수여야 하는데 {value}입니다.',
  },
  'data.toyNoise': {
    en: 'The {name} data set needs noise to be a number from 0 to {max} (a standard deviation), but it is {value}.',
    ko: '{name} 데이터셋의 노이즈는 0에서 {max} 사이의 수(표준편차)여야 하는데 {value}입니다.',
  },
  'data.countField': {
    en: '{field} must be a whole number of at least 1, but it is {value}.',
    ko: '{field|은/는} 1 이상의 정수여야 하는데 {value}입니다.',
  },
  'data.toyOptionsOnly': {
    en: '{field} applies only to the toy sets ({toys}), not to the data source "{source}".',
    ko: '{field|은/는} 장난감 데이터셋({toys})에만 쓰며, 데이터 소스 "{source}"에는 쓸 수 없습니다.',
  },
  'data.validationTooLarge': {
    en: 'validation {n} would hold out every training sample of "{source}", which holds {total}: keep at least one for training (at most {most}).',
    ko: '검증 데이터 {n}개는 "{source}"의 훈련 샘플 {total}개를 모두 떼어 냅니다. 학습용으로 하나 이상 남기세요 (많아야 {most}개).',
  },
  'data.trainLimitTooLarge': {
    en: 'trainLimit {limit} is larger than the training split of "{source}", which holds {count#sample/samples}.',
    ko: '훈련 샘플 수 {limit|이/가} "{source}"의 훈련 데이터({count}개)보다 많습니다.',
  },
  'data.trainLimitAfterValidation': {
    en: 'trainLimit {limit} is larger than what remains of the training split of "{source}" once validation holds out {validation}: {count#sample/samples}.',
    ko: '훈련 샘플 수 {limit|이/가} "{source}"의 훈련 데이터에서 검증 데이터 {validation}개를 떼고 남은 {count}개보다 많습니다.',
  },
  'data.splitMismatch': {
    en: 'The {split} split does not match: {images} holds {imageCount#image/images} but {labels} holds {labelCount#label/labels}.',
    ko: '{split} 데이터가 맞지 않습니다. {images}에는 이미지가 {imageCount}개인데 {labels}에는 레이블이 {labelCount}개입니다.',
    words: { ko: { split: { training: '훈련', test: '시험' } } },
  },
  'data.imageSizeMismatch': {
    en: 'The training images are {trainSize} ({trainFile}) but the test images are {testSize} ({testFile}): both splits need the same image size.',
    ko: '훈련 이미지는 {trainSize}({trainFile})인데 시험 이미지는 {testSize}({testFile})입니다. 두 데이터의 이미지 크기가 같아야 합니다.',
  },
  'data.oneClass': {
    en: 'Every label in {trainLabels} and {testLabels} is 0, so there is only one class: a classifier needs at least 2.',
    ko: '{trainLabels}와 {testLabels}의 레이블이 모두 0이라 클래스가 하나뿐입니다. 분류하려면 클래스가 2개 이상 필요합니다.',
  },
  'data.modelInputMismatch': {
    en: 'The model expects inputs of {model} but {source} gives samples of {data} ({values#value/values}) — set the model\'s "input" to {input}.',
    ko: '모델의 입력은 {model}인데 {source}의 샘플은 {data}(값 {values}개)입니다. 모델의 "input"을 {input|으로/로} 하세요.',
  },
  'data.classesMismatch': {
    en: 'The last layer gives {scores#score/scores} but {source} has {classes#class/classes} — give the last affine layer {classes#unit/units}.',
    ko: '마지막 계층의 점수는 {scores}개인데 {source}의 클래스는 {classes}개입니다. 마지막 Affine 계층의 뉴런 수를 {classes|으로/로} 하세요.',
  },

  'run.missing': {
    en: 'There is no run {id}.',
    ko: '실행 {id|이/가} 없습니다.',
  },
  'run.noWeights': {
    en: 'Run {id} has no saved weights: only a finished or stopped run has them.',
    ko: '실행 {id}에는 저장된 가중치가 없습니다. 끝났거나 멈춘 실행에만 있습니다.',
  },
  'weights.otherModel': {
    en: 'These weights belong to a different model: continue training needs the same layers as the weights file.',
    ko: '이 가중치는 다른 모델의 것입니다. 이어서 학습하려면 가중치 파일과 같은 계층이어야 합니다.',
  },

  'idx.notIdx': {
    en: 'this is not an IDX file: it should begin with two zero bytes, but begins with {first} {second}{gzip}.',
    ko: 'IDX 파일이 아닙니다. 0 바이트 두 개로 시작해야 하는데 {first} {second|으로/로} 시작합니다.',
  },
  'idx.truncated': {
    en: 'the file is truncated: the header promises {what} ({promised} bytes) but it holds {length} bytes.',
    ko: '파일이 잘렸습니다. 헤더는 {dims}({promised}바이트)를 약속하는데 파일은 {length}바이트입니다.',
  },
  'idx.extraBytes': {
    en: 'the file has {extra} extra bytes after its data: the header promises {what} ({promised} bytes) but it holds {length} bytes.',
    ko: '데이터 뒤에 {extra}바이트가 더 있습니다. 헤더는 {dims}({promised}바이트)를 약속하는데 파일은 {length}바이트입니다.',
  },
  'idx.zeroDimension': {
    en: 'dimension {index} of {rank} is 0 ({dims}), so the file holds no data.',
    ko: '차원 {rank}개 중 {index}번째가 0이라({dims}) 파일에 데이터가 없습니다.',
  },
  'idx.imagesNeed3': {
    en: 'expected images with 3 dimensions (count, height, width), but the header declares {rank} ({dims}).',
    ko: '이미지 파일은 3차원(개수, 높이, 너비)이어야 하는데 헤더는 {rank}차원({dims})입니다.',
  },
  'idx.labelsNeed1': {
    en: 'expected labels with 1 dimension, but the header declares {rank} ({dims}).',
    ko: '레이블 파일은 1차원이어야 하는데 헤더는 {rank}차원({dims})입니다.',
  },

  // ---- a run that diverged ----
  'train.lossNotFinite': {
    en: 'the loss became {what} at iteration {iteration} — try a smaller learning rate',
    ko: '{iteration}번째 반복에서 손실이 {what|이/가} 되었습니다. 학습률을 더 작게 해 보세요',
    words: { ko: { what: { NaN: 'NaN', infinite: '무한대' } } },
  },

  'train.lossRose': {
    en: 'the loss rose from {from} to {to} — the learning rate is probably too high',
    ko: '손실이 {from}에서 {to}까지 올랐습니다 — 학습률이 너무 큰 것 같습니다',
  },
  'train.lossSpiked': {
    en: 'the loss jumped from {from} to {peak}, and the accuracy ended at chance ({accuracy}) — the learning rate is probably too high',
    ko: '손실이 {from}에서 {peak}까지 치솟았고, 정확도는 무작위로 고르는 수준({accuracy})에서 끝났습니다 — 학습률이 너무 큰 것 같습니다',
  },
  'train.lossAtCeiling': {
    en: 'the loss stayed near the most the cross-entropy gives ({loss} of at most {ceiling}), with the accuracy at chance ({accuracy}) — the initial weights are probably too large, or the learning rate too high',
    ko: '손실이 교차 엔트로피 오차의 최댓값 가까이에 머물렀고(최대 {ceiling} 중 {loss}), 정확도는 무작위로 고르는 수준({accuracy})입니다 — 가중치의 초깃값이 너무 크거나 학습률이 너무 큰 것 같습니다',
  },

  // ---- the builder's stack ----
  'stack.empty': {
    en: 'The model needs a non-empty list of "layers".',
    ko: '스택에 계층이 없습니다.',
  },
  'stack.terminalNotLast': {
    en: 'Layer {n} ({type}) must be the last layer: it turns the scores into the loss.',
    ko: '{n}번째 계층({type})은 마지막 계층이어야 합니다. 점수를 손실로 바꾸는 계층이기 때문입니다.',
  },
  'stack.mustEndWithLoss': {
    en: 'The stack must end with a softmax-with-loss layer (it ends with layer {n}, {type}).',
    ko: '스택은 Softmax-with-Loss 계층으로 끝나야 합니다 (지금은 {n}번째 계층 {type|으로/로} 끝납니다).',
  },
  'stack.nothingToLearn': {
    en: 'The stack has nothing to learn: add an affine or convolution layer.',
    ko: '이 스택에는 학습할 것이 없습니다. Affine 계층이나 합성곱 계층을 넣으세요.',
  },
  'stack.needsImage': {
    en: 'Layer {n} ({type}): {what} needs an image-shaped input (channels×height×width), but gets {shape} {valuesWord} — put it before the first affine or flatten layer.',
    ko: '{n}번째 계층({type})은 이미지 형상(채널×높이×너비)의 입력이 필요한데 값 {shape}개를 받습니다. 첫 Affine 계층이나 평탄화 계층 앞에 두세요.',
  },
  'stack.windowTooLarge': {
    en: 'Layer {n} ({type}): {what} {size} is larger than its padded input ({input} + 2·{pad} = {padded} {axis}).',
    ko: '{n}번째 계층({type}): {what} {size|이/가} 패딩한 입력보다 큽니다 ({axis} {input} + 2·{pad} = {padded}).',
    words: { ko: { ...AXIS_WORDS.ko, what: { kernel: '필터', window: '윈도우' } } },
  },
  'stack.notWhole': {
    en: 'Layer {n} ({type}): the output {axis} ({input} + 2·{pad} − {kernel}) / {stride} + 1 = {value} is not a whole number — change the stride or the padding so that {stride} divides {span}.',
    ko: '{n}번째 계층({type}): 출력 {axis|이/가} ({input} + 2·{pad} − {kernel}) / {stride} + 1 = {value|으로/로} 정수가 아닙니다. {stride|이/가} {span|을/를} 나누어떨어지게 스트라이드나 패딩을 바꾸세요.',
    words: AXIS_WORDS,
  },
  'stack.lossNeedsScores': {
    en: 'Layer {n} ({type}): needs one score per class, but gets {shape} — add an affine layer before it.',
    ko: '{n}번째 계층({type})은 클래스마다 점수 하나가 필요한데 {shape|을/를} 받습니다. 앞에 Affine 계층을 넣으세요.',
  },
  'stack.lossNeedsTwo': {
    en: 'Layer {n} ({type}): needs at least 2 classes, but gets {scores} score — give the last affine layer one unit per class.',
    ko: '{n}번째 계층({type})에는 클래스가 2개 이상 필요한데 점수를 {scores}개 받습니다. 마지막 Affine 계층에 클래스마다 뉴런 하나를 두세요.',
  },
  'stack.outputTooLarge': {
    en: 'Layer {n} ({type}): its output {shape} has {values#value/values} per sample; the lab allows at most {most}.',
    ko: '{n}번째 계층({type}): 출력 {shape|이/가} 샘플 하나에 값 {values}개로, 실험실이 허용하는 {most}개를 넘습니다.',
  },
  'stack.tooManyParams': {
    en: 'Layer {n} ({type}): the model now has {count#parameter/parameters}; the lab allows at most {most} — use fewer units or filters.',
    ko: '{n}번째 계층({type}): 매개변수가 {count}개로 실험실이 허용하는 {most}개를 넘습니다. 뉴런이나 필터를 줄이세요.',
  },
  'stack.trainingMemory': {
    en: 'This model would need {need} for one training step of {batch} {samplesWord}{threads}; the lab allows {budget}: use {cut}.',
    ko: '이 모델은 샘플 {batch}개짜리 미니배치 하나를 학습하는 데 {need}의 메모리가 필요하지만 실험실은 {budget}까지 허용합니다. {cut}.',
    words: {
      ko: { cut: { 'a smaller batch or smaller layers': '미니배치를 줄이거나 계층을 작게 하세요', 'fewer units or filters': '뉴런이나 필터를 줄이세요' } },
    },
  },
  'field.missing': {
    en: '{where}: "{field}" is missing ({summary})',
    ko: '{where}: {field} 값이 없습니다',
  },
  'field.whole': {
    en: '{where}: "{field}" must be a whole number, not {value}',
    ko: '{where}: {field|은/는} 정수여야 합니다 ({value|이/가} 아니라)',
  },
  'field.atLeast': {
    en: '{where}: "{field}" must be at least {limit}, not {value}',
    ko: '{where}: {field|은/는} {limit} 이상이어야 합니다 ({value|이/가} 아니라)',
  },
  'field.greaterThan': {
    en: '{where}: "{field}" must be greater than {limit}, not {value}',
    ko: '{where}: {field|은/는} {limit}보다 커야 합니다 ({value|이/가} 아니라)',
  },
  'field.atMost': {
    en: '{where}: "{field}" must be at most {limit}, not {value}',
    ko: '{where}: {field|은/는} {limit} 이하여야 합니다 ({value|이/가} 아니라)',
  },
  'field.lessThan': {
    en: '{where}: "{field}" must be less than {limit}, not {value}',
    ko: '{where}: {field|은/는} {limit}보다 작아야 합니다 ({value|이/가} 아니라)',
  },

  // ---- a weights file ----
  'file.notJson': {
    en: '{file} is not valid JSON: {reason}.',
    ko: '{file|은/는} 올바른 JSON이 아닙니다: {reason}.',
    words: { ko: { file: { 'the weights file': '가중치 파일', 'the experiment': '실험 파일', 'The run file': '실행 기록 파일' } } },
  },
  'weights.notObject': {
    en: 'a weights file must be a JSON object, not {value}.',
    ko: '가중치 파일은 JSON 객체여야 하는데 {value}입니다.',
  },
  'weights.notWeights': {
    en: 'this is not a lab weights file ("format" should be "{format}", found {value}).',
    ko: '실험실의 가중치 파일이 아닙니다 ("format"은 "{format}"이어야 하는데 {value}입니다).',
  },
  'weights.newer': {
    en: 'it was written by a newer version of the lab (weights version {version}); this lab reads version {reads}.',
    ko: '더 새로운 버전의 실험실이 쓴 파일입니다 (가중치 버전 {version}). 이 실험실은 버전 {reads|을/를} 읽습니다.',
  },
  'weights.version': {
    en: '"version" must be {reads}, found {value}.',
    ko: '"version"은 {reads}이어야 하는데 {value}입니다.',
  },
  'weights.unknownField': {
    en: 'unknown field "{field}".',
    ko: '알 수 없는 필드 "{field}"입니다.',
  },
  'weights.metaNotObject': {
    en: '"meta" must be an object, not {value}.',
    ko: '"meta"는 객체여야 하는데 {value}입니다.',
  },
  'weights.paramsNotObject': {
    en: '"params" must be an object of named arrays, not {value}.',
    ko: '"params"는 이름 붙은 배열의 객체여야 하는데 {value}입니다.',
  },
  'weights.unknownParam': {
    en: '"params" has "{name}", which the model does not have (it has {names}).',
    ko: '"params"에 모델에 없는 {"name"|이/가} 있습니다 (모델에는 {names|이/가} 있습니다).',
  },
  'weights.missingParam': {
    en: '"params" is missing "{name}" ({shape}), which the model needs.',
    ko: '"params"에 모델에 필요한 {"name"|이/가} 없습니다 ({shape}).',
  },
  'weights.arrayNotObject': {
    en: '"{name}" must be an object with "shape" and "data", not {value}.',
    ko: '{"name"|은/는} "shape"와 "data"가 있는 객체여야 하는데 {value}입니다.',
  },
  'weights.arrayUnknownField': {
    en: '"{name}" has an unknown field "{field}".',
    ko: '"{name}"에 알 수 없는 필드 {"field"|이/가} 있습니다.',
  },
  'weights.shape': {
    en: '"{name}" has shape {found} but the model needs {shape}.',
    ko: '"{name}"의 형상은 {found}인데 모델에는 {shape|이/가} 필요합니다.',
  },
  'weights.length': {
    en: '"{name}" must hold {count} numbers in "data", found {found}.',
    ko: '"{name}"의 "data"에는 수가 {count}개 있어야 하는데 {found}입니다.',
  },
  'weights.notNumber': {
    en: '"{name}" value {index} is {value}, not a finite number.',
    ko: '"{name}"의 {index}번째 값이 유한한 수가 아니라 {value}입니다.',
  },
  // ---- r4-datacore: a run's data missing on this machine; data read as the weights were trained ----
  'data.trainedDataMissing': {
    en: 'The data {file} was trained on, {path}, is not on this machine: the run keeps its recorded metrics, but measuring the weights again needs that data (copy it to {path}, or choose other data).',
    ko: '{file|이/가} 학습한 데이터 {path|이/가} 이 컴퓨터에 없습니다. 실행에 기록된 지표는 그대로 남지만, 가중치를 다시 측정하려면 그 데이터가 필요합니다({path}에 복사하거나 다른 데이터를 고르세요).',
  },
  'data.imageShapeMismatch': {
    en: '{file} was trained on images of {trained} (channels×height×width), but the data asks for {asked}: leave out channels, width and height to read {source} as it was trained.',
    ko: '{file|은/는} {trained}(채널×높이×너비) 이미지로 학습했는데 데이터는 {asked|을/를} 요청합니다. {source|을/를} 학습 때처럼 읽으려면 channels, width, height를 빼세요.',
  },
  // ---- r4-data: your own data, dropped onto the window or chosen in "Your data…" ----
  'yourData.missing': {
    en: '{path} does not exist: drop or choose a CSV file or a folder of images on this computer.',
    ko: '{path|이/가} 없습니다. 이 컴퓨터에 있는 CSV 파일이나 이미지 폴더를 끌어다 놓거나 고르세요.',
  },
  'yourData.unreadable': {
    en: '{path} cannot be read ({reason}): drop or choose a CSV file or a folder of images you can open.',
    ko: '{path|을/를} 읽을 수 없습니다 ({reason}). 열 수 있는 CSV 파일이나 이미지 폴더를 끌어다 놓거나 고르세요.',
  },
  'yourData.notData': {
    en: '{name} is neither a table (.csv, .tsv, .txt) nor an image (.png, .jpg, .jpeg, .gif) nor a folder: choose a CSV file or a folder of images.',
    ko: '{name|은/는} 표(.csv, .tsv, .txt)도, 이미지(.png, .jpg, .jpeg, .gif)도, 폴더도 아닙니다. CSV 파일이나 이미지 폴더를 고르세요.',
  },
  'upload.empty': {
    en: 'Nothing was dropped that the lab can read: drop one CSV file or one folder of images.',
    ko: '끌어다 놓은 것 중 실험실이 읽을 수 있는 것이 없습니다. CSV 파일 하나나 이미지 폴더 하나를 끌어다 놓으세요.',
  },
  'upload.tooManyFiles': {
    en: 'The dropped folder holds {count} files, and the web host takes at most {max} at once: copy the folder to this computer and type its path, or use the desktop app. Nothing was stored.',
    ko: '끌어다 놓은 폴더에 파일이 {count}개 있는데 웹 호스트는 한 번에 {max}개까지만 받습니다. 폴더를 이 컴퓨터에 복사해 경로를 입력하거나 데스크톱 앱을 쓰세요. 아무것도 저장하지 않았습니다.',
  },
  'upload.tooLarge': {
    en: 'The dropped data is {mb} MB, and the web host takes at most {max} MB at once: copy it to this computer and type its path, or use the desktop app. Nothing was stored.',
    ko: '끌어다 놓은 데이터가 {mb} MB인데 웹 호스트는 한 번에 {max} MB까지만 받습니다. 이 컴퓨터에 복사해 경로를 입력하거나 데스크톱 앱을 쓰세요. 아무것도 저장하지 않았습니다.',
  },
  'upload.badName': {
    en: 'The dropped file "{name}" does not name a file inside the dropped folder (class/image.png, or train/class/image.png): nothing was stored.',
    ko: '끌어다 놓은 파일 "{name}"의 이름이 놓은 폴더 안의 파일(클래스/이미지.png 또는 train/클래스/이미지.png)을 가리키지 않습니다. 아무것도 저장하지 않았습니다.',
  },
  'upload.notImage': {
    en: '{name} is not a PNG, JPEG or GIF image: a folder of images holds only images. Nothing was stored.',
    ko: '{name|은/는} PNG, JPEG, GIF 이미지가 아닙니다. 이미지 폴더에는 이미지만 들어갑니다. 아무것도 저장하지 않았습니다.',
  },
  'upload.writeFailed': {
    en: 'The dropped data could not be stored in {folder} ({reason}): nothing was stored.',
    ko: '끌어다 놓은 데이터를 {folder}에 저장할 수 없습니다 ({reason}). 아무것도 저장하지 않았습니다.',
  },
  'upload.notTable': {
    en: '{name} is not a table (.csv, .tsv or .txt): drop one CSV file or one folder of images. Nothing was stored.',
    ko: '{name|은/는} 표(.csv, .tsv, .txt)가 아닙니다. CSV 파일 하나나 이미지 폴더 하나를 끌어다 놓으세요. 아무것도 저장하지 않았습니다.',
  },

  // ---- r4-packs: assignment packs, submissions and the class board ----
  'pack.heldoutForm': {
    en: 'The held-out set must be given as a source name ("mnist", "idx:FOLDER", "images:FOLDER", "csv:FILE") or { source, … }.',
    ko: '따로 떼어 둔 평가 데이터는 소스 이름("mnist", "idx:FOLDER", "images:FOLDER", "csv:FILE")이나 { source, … } 꼴로 주어야 합니다.',
  },
  'pack.goalForm': {
    en: '--goal must be {accuracyForm} or {lossForm}, not "{goal}".',
    ko: '--goal은 {accuracyForm}나 {lossForm} 꼴이어야 하는데 "{goal}"입니다.',
  },
  'pack.cliSubcommand': {
    en: 'dlab pack needs one of {subcommands}{given} (see dlab pack --help).',
    ko: 'dlab pack 다음에는 {subcommands} 중 하나가 와야 합니다{given} (dlab pack --help 참고).',
  },
  'pack.cliNoExperiment': {
    en: 'dlab pack create needs at least one experiment file (see dlab pack --help).',
    ko: 'dlab pack create에는 실험 파일이 하나 이상 필요합니다 (dlab pack --help 참고).',
  },
  'pack.cliIdTitle': {
    en: 'dlab pack create needs --id ID and --title TEXT.',
    ko: 'dlab pack create에는 --id ID와 --title TEXT가 필요합니다.',
  },
  'pack.cliNoPack': {
    en: 'dlab pack {subcommand} needs a .dlab-pack file (see dlab pack --help).',
    ko: 'dlab pack {subcommand}에는 .dlab-pack 파일이 필요합니다 (dlab pack --help 참고).',
  },
  'pack.cliHandin': {
    en: 'dlab pack handin needs --run ID and --name NAME (and --number N, your number in the class).',
    ko: 'dlab pack handin에는 --run ID와 --name NAME(그리고 반 번호 --number N)이 필요합니다.',
  },
  'pack.cliBoard': {
    en: 'dlab pack board needs the pack and at least one submission file or folder.',
    ko: 'dlab pack board에는 과제 꾸러미와 제출 파일이나 폴더가 하나 이상 필요합니다.',
  },
  'pack.goalNumber': {
    en: '--goal has no number in "{goal}".',
    ko: '--goal "{goal}"에 수가 없습니다.',
  },
  'pack.notPack': {
    en: 'this is not an assignment pack ("format" should be "dlab-pack", found {value}).',
    ko: '과제 꾸러미가 아닙니다 ("format"은 "dlab-pack"이어야 하는데 {value}입니다).',
  },
  'pack.newer': {
    en: 'it was written by a newer version of the lab (pack version {version}); this lab reads version {reads}.',
    ko: '더 새로운 버전의 랩이 만든 파일입니다 (꾸러미 버전 {version}). 이 랩은 버전 {reads}까지 읽습니다.',
  },
  'pack.field': {
    en: '"{path}" {problem}.',
    ko: '"{path}" 값이 올바르지 않습니다 ({problem}).',
  },
  'pack.lockUnknown': {
    en: 'the locked setting "{path}" is not a setting of the starting experiment.',
    ko: '잠근 설정 "{path}": 시작 실험에 없는 설정입니다.',
  },
  'pack.sourceMismatch': {
    en: 'starting experiment {index} reads "{found}", but the pack\'s data is "{source}".',
    ko: '{index}번째 시작 실험은 "{found}"에서 읽는데, 꾸러미의 데이터는 "{source}"입니다.',
  },
  'pack.dataTooBig': {
    en: 'the pack carries {size} of data; a pack may carry at most {max}.',
    ko: '꾸러미에 든 데이터가 {size}입니다. 꾸러미에는 최대 {max}까지 담을 수 있습니다.',
  },
  'pack.dataFileName': {
    en: 'the data file name "{name}" must be a plain file name (letters, digits, ".", "-", "_"), without a folder.',
    ko: '데이터 파일 이름 "{name}": 폴더 없이 글자, 숫자, ".", "-", "_"로만 된 이름이어야 합니다.',
  },
  'pack.fileTooBig': {
    en: '{file} is {size}; a lab file of this kind may be at most {max}.',
    ko: '{file|은/는} {size}입니다. 이런 랩 파일은 최대 {max}까지입니다.',
  },
  'submission.notSubmission': {
    en: 'this is not a submission ("format" should be "dlab-submission", found {value}).',
    ko: '제출 파일이 아닙니다 ("format"은 "dlab-submission"이어야 하는데 {value}입니다).',
  },
  'submission.wrongPack': {
    en: 'it was handed in for the pack "{found}", not for "{id}".',
    ko: '꾸러미 "{found}"에 낸 제출입니다. 이 꾸러미는 "{id}"입니다.',
  },
  'submission.hash': {
    en: 'it was changed after it was handed in (its content hash does not match): ask {student} to hand it in again.',
    ko: '제출한 뒤에 바뀌었습니다 (내용 해시가 맞지 않습니다). {student}에게 다시 내 달라고 하세요.',
  },
  'submission.duplicateFile': {
    en: 'it is the same submission as {other}, counted once.',
    ko: '{other|와/과} 같은 제출이라 한 번만 셉니다.',
  },
  'submission.superseded': {
    en: '{student} handed in again later ({other}): the later one counts.',
    ko: '{student|이/가} 나중에 다시 냈습니다 ({other}). 나중 것을 셉니다.',
  },
  'submission.tooMany': {
    en: 'the board takes at most {max} submission files at once; {count} were given.',
    ko: '게시판은 한 번에 제출 파일을 최대 {max}개까지 받는데 {count}개가 왔습니다.',
  },
  'handin.runNotDone': {
    en: 'run {id} is {status}: only a finished run can be handed in.',
    ko: '실행 {id}의 상태가 {status}입니다. 끝난 실행만 낼 수 있습니다.',
  },
  'handin.runLocked': {
    en: "run {id} changed the locked setting {path} ({expected} → {found}): train with the pack's setting and hand that run in.",
    ko: '실행 {id}에서 잠긴 설정 {path|을/를} 바꿨습니다 ({expected} → {found}). 꾸러미의 설정으로 학습한 실행을 내세요.',
  },
  'handin.runData': {
    en: 'run {id} trained on "{found}", not on the pack\'s data "{source}".',
    ko: '실행 {id}: 꾸러미의 데이터 "{source}" 대신 "{found}"에서 학습했습니다.',
  },
  'board.claimDiffers': {
    en: 'the file claims test accuracy {claimed}, but its weights measure {measured} here.',
    ko: '파일에 적힌 시험 정확도는 {claimed}, 여기서 가중치를 잰 값은 {measured}입니다.',
  },
  'board.weightsNotModel': {
    en: 'run {run}: its weights are of another model than its experiment.',
    ko: '실행 {run}: 가중치가 실험과 다른 모델의 것입니다.',
  },
  'board.late': {
    en: 'handed in {minutes#minute/minutes} after the deadline.',
    ko: '마감보다 {minutes}분 늦게 냈습니다.',
  },
  'board.sameWeights': {
    en: 'run {run} has exactly the same weights as {other}.',
    ko: '실행 {run}의 가중치가 {other}의 것과 똑같습니다.',
  },
  'board.tooManyEpochs': {
    en: 'run {run} trained {epochs#epoch/epochs}; the goal allows {max}.',
    ko: '실행 {run}: {epochs}에폭을 학습했는데 목표는 {max}에폭까지입니다.',
  },
  'board.otherRevision': {
    en: 'handed in for version {found} of the pack; this board is version {revision}.',
    ko: '꾸러미 버전 {found}에 낸 제출인데, 이 게시판은 버전 {revision}입니다.',
  },
  'board.fileUnreadable': {
    en: '{file} could not be read: {reason}',
    ko: '{file|을/를} 읽을 수 없습니다: {reason}',
  },
  'board.runUnmeasured': {
    en: 'this run could not be measured: {reason}',
    ko: '이 실행은 잴 수 없습니다: {reason}',
  },
  'board.noRunCounts': {
    en: 'no run of this submission could be measured.',
    ko: '이 제출의 어떤 실행도 잴 수 없었습니다.',
  },

  // ---- r4-ko: the store, run files, the CLI, the web host and the file doors, said in both languages ----
  'store.damaged': {
    en: '{db} {path} is damaged or is not a lab database ({reason}); {left}.',
    ko: '{db} {path|은/는} 손상되었거나 실험실 데이터베이스가 아닙니다 ({reason}). {left}.',
    words: {
      en: {
        ...STORE_WORDS.en,
        left: { store: 'it was left as it is — move it away to start a new one', import: 'nothing was imported and it was left as it is' },
        reason: STORE_DAMAGE.en,
      },
      ko: {
        ...STORE_WORDS.ko,
        left: { store: '파일은 그대로 두었습니다. 새로 시작하려면 다른 곳으로 옮기세요', import: '아무것도 가져오지 않았고 파일은 그대로 두었습니다' },
        reason: STORE_DAMAGE.ko,
      },
    },
  },
  'store.newer': {
    en: '{db} {path} was written by a newer version of the lab (schema {version}; this lab knows {known}); {left} — open it with the newer lab.',
    ko: '{db} {path|은/는} 더 새로운 버전의 실험실이 쓴 것입니다 (스키마 {version}, 이 실험실은 {known}까지 압니다). {left}. 새 버전의 실험실로 여세요.',
    words: STORE_WORDS,
  },
  'store.older': {
    en: "{db} {path} was written by an older version of the lab (schema {version}); {left} — open it once as the lab's database to update it, then import it.",
    ko: '{db} {path|은/는} 예전 버전의 실험실이 쓴 것입니다 (스키마 {version}). {left}. 실험실의 데이터베이스로 한 번 열어 새 버전으로 바꾼 뒤 가져오세요.',
    words: STORE_WORDS,
  },
  'store.notWritable': {
    en: '{db} {path} cannot be written (permission denied); {left} — choose a folder you can write to.',
    ko: '{db} {path}에 쓸 수 없습니다 (권한이 없습니다). {left}. 쓸 수 있는 폴더를 고르세요.',
    words: STORE_WORDS,
  },
  'store.missingFolder': {
    en: '{db} {path} cannot be created: the folder {folder} does not exist; nothing was created.',
    ko: '{db} {path|을/를} 만들 수 없습니다. 폴더 {folder|이/가} 없습니다. 아무것도 만들지 않았습니다.',
    words: STORE_WORDS,
  },
  'store.missingFile': {
    en: '{db} {path} does not exist.',
    ko: '{db} {path|이/가} 없습니다.',
    words: STORE_WORDS,
  },
  'store.isFolder': {
    en: '{db} {path} is a folder, not a database file; {left}.',
    ko: '{db} {path|은/는} 데이터베이스 파일이 아니라 폴더입니다. {left}.',
    words: STORE_WORDS,
  },
  'store.notAFile': {
    en: '{db} {path} is not a plain file (a device, a pipe…); {left}.',
    ko: '{db} {path|은/는} 보통 파일이 아닙니다 (장치, 파이프…). {left}.',
    words: STORE_WORDS,
  },
  'store.tooManyRows': {
    en: '{db} {path} is too large to import: it holds {count} {rows}, and a lab imports at most {limit}; {left}.',
    ko: '{db} {path|은/는} 가져오기에 너무 큽니다. {rows|이/가} {count}개인데 실험실은 {limit}개까지 가져옵니다. {left}.',
    words: {
      en: { ...STORE_WORDS.en, rows: { runs: 'runs', epochs: 'rows of epochs', losses: 'rows of losses' } },
      ko: { ...STORE_WORDS.ko, rows: { runs: '실행', epochs: '에폭 행', losses: '손실 행' } },
    },
  },
  'store.textTooLarge': {
    en: '{db} {path} is too large to import: its {column} holds a text of {size}, and a lab imports texts of at most {limit}; {left}.',
    ko: '{db} {path|은/는} 가져오기에 너무 큽니다. {column}에 {size}짜리 텍스트가 있는데 실험실은 {limit}까지의 텍스트만 가져옵니다. {left}.',
    words: STORE_WORDS,
  },
  'store.tooHeavy': {
    en: '{db} {path} is too large to import: it weighs {size} with its -wal, and a lab imports databases of at most {limit}; {left}.',
    ko: '{db} {path|은/는} 가져오기에 너무 큽니다. -wal 파일까지 {size}인데 실험실은 {limit}까지의 데이터베이스만 가져옵니다. {left}.',
    words: STORE_WORDS,
  },
  'store.noRoom': {
    en: '{db} {path} cannot be imported: copying it needs {needed} free in the temporary folder and {free} are; {left}.',
    ko: '{db} {path|을/를} 가져올 수 없습니다. 복사하려면 임시 폴더에 {needed|이/가} 비어 있어야 하는데 {free}만 비어 있습니다. {left}.',
    words: STORE_WORDS,
  },
  'store.filledUp': {
    en: '{db} {path} cannot be imported: the temporary folder filled up while it was copied; {left}.',
    ko: '{db} {path|을/를} 가져올 수 없습니다. 복사하는 동안 임시 폴더가 가득 찼습니다. {left}.',
    words: STORE_WORDS,
  },
  'store.unreadable': {
    en: '{db} {path} cannot be read ({reason}); {left}.',
    ko: '{db} {path|을/를} 읽을 수 없습니다 ({reason}). {left}.',
    words: { en: { ...STORE_WORDS.en, reason: FS_REASONS.en }, ko: { ...STORE_WORDS.ko, reason: FS_REASONS.ko } },
  },
  'store.changing': {
    en: '{db} {path} kept changing while it was copied (a lab is writing to it); {left} — close that lab and try again.',
    ko: '{db} {path|이/가} 복사하는 동안 계속 바뀌었습니다 (다른 실험실이 쓰고 있습니다). {left}. 그 실험실을 닫고 다시 해 보세요.',
    words: STORE_WORDS,
  },
  'store.locked': {
    en: '{db} {path} is locked by another program ({reason}); {left} — try again when it is closed.',
    ko: '다른 프로그램이 {db} {path|을/를} 잠그고 있습니다 ({reason}). {left}. 그 프로그램이 닫힌 뒤 다시 해 보세요.',
    words: STORE_WORDS,
  },
  'store.diskFull': {
    en: '{db} {path} cannot be written: the disk is full; {left}.',
    ko: '{db} {path}에 쓸 수 없습니다. 디스크가 가득 찼습니다. {left}.',
    words: STORE_WORDS,
  },
  'store.cannotOpen': {
    en: '{db} {path} cannot be opened ({reason}); {left}.',
    ko: '{db} {path|을/를} 열 수 없습니다 ({reason}). {left}.',
    words: STORE_WORDS,
  },
  'store.busyRead': {
    en: 'The lab database {path} could not be read (another program kept it locked for more than {wait} {unit}).',
    ko: '실험실 데이터베이스 {path|을/를} 읽지 못했습니다 (다른 프로그램이 {wait}{unit} 넘게 잠가 두었습니다).',
    words: { ko: { unit: { seconds: '초', ms: '밀리초' } } },
  },
  'store.busyWrite': {
    en: 'The lab database {path} could not be written (another program kept it locked for more than {wait} {unit}); nothing was changed.',
    ko: '실험실 데이터베이스 {path}에 쓰지 못했습니다 (다른 프로그램이 {wait}{unit} 넘게 잠가 두었습니다). 아무것도 바뀌지 않았습니다.',
    words: { ko: { unit: { seconds: '초', ms: '밀리초' } } },
  },
  'store.readFailed': {
    en: 'The lab database {path} could not be read ({why}).',
    ko: '실험실 데이터베이스 {path|을/를} 읽지 못했습니다 ({why}).',
    words: STORE_FAILURE,
  },
  'store.writeFailed': {
    en: 'The lab database {path} could not be written ({why}); nothing was changed.',
    ko: '실험실 데이터베이스 {path}에 쓰지 못했습니다 ({why}). 아무것도 바뀌지 않았습니다.',
    words: STORE_FAILURE,
  },
  'import.stoppedPartway': {
    en: '{imported} of {total#run/runs} were imported before it stopped; importing the same file again adds the rest',
    ko: '멈추기 전에 실행 {total}개 중 {imported}개를 가져왔습니다. 같은 파일을 다시 가져오면 나머지가 더해집니다',
  },

  'runFile.notText': {
    en: '{label} must be text.',
    ko: '{label|은/는} 텍스트여야 합니다.',
    words: RUN_FILE_WORDS,
  },
  'runFile.notObject': {
    en: '{label} is not a lab run file (it holds {value}, not an object).',
    ko: '{label|은/는} 실험실의 실행 기록 파일이 아닙니다 (객체가 아니라 {value}입니다).',
    words: RUN_FILE_WORDS,
  },
  'runFile.notRunFile': {
    en: '{label} is not a lab run file ("format" should be "{format}", found {value}).',
    ko: '{label|은/는} 실험실의 실행 기록 파일이 아닙니다 ("format"은 "{format}"이어야 하는데 {value}입니다).',
    words: RUN_FILE_WORDS,
  },
  'runFile.newer': {
    en: '{label} was written by a newer version of the lab (run file version {version}); this lab reads run files up to version {reads}.',
    ko: '{label|은/는} 더 새로운 버전의 실험실이 쓴 파일입니다 (실행 기록 파일 버전 {version}). 이 실험실은 버전 {reads}까지 읽습니다.',
    words: RUN_FILE_WORDS,
  },
  'runFile.tooLarge': {
    en: '{label} is {size}; a run file may be at most {limit}.',
    ko: '{label|은/는} {size}입니다. 실행 기록 파일은 {limit}까지만 됩니다.',
    words: RUN_FILE_WORDS,
  },
  'runFile.grew': {
    en: '{label} holds more than {limit}; a run file may be at most {limit}.',
    ko: '{label|은/는} {limit|을/를} 넘습니다. 실행 기록 파일은 {limit}까지만 됩니다.',
    words: RUN_FILE_WORDS,
  },
  'runFile.missing': {
    en: '{label}: {path} is missing.',
    ko: '{label}: {path|이/가} 없습니다.',
    words: RUN_FILE_WORDS,
  },
  'runFile.oneOf': {
    en: '{label}: {path} must be one of {choices}, not {value}.',
    ko: '{label}: {path|은/는} {choices} 중 하나여야 하는데 {value}입니다.',
    words: RUN_FILE_WORDS,
  },
  'runFile.mustBe': {
    en: '{label}: {path} must be {expected}, not {value}.',
    ko: '{label}: {path}에는 {expected|이/가} 와야 하는데 {value}입니다.',
    words: {
      en: { ...RUN_FILE_WORDS.en, expected: RUN_FILE_KINDS.en },
      ko: { ...RUN_FILE_WORDS.ko, expected: RUN_FILE_KINDS.ko },
    },
  },
  'runFile.atLeast': {
    en: '{label}: {path} must be at least {limit}.',
    ko: '{label}: {path|은/는} {limit} 이상이어야 합니다.',
    words: RUN_FILE_WORDS,
  },
  'runFile.atMost': {
    en: '{label}: {path} must be at most {limit}.',
    ko: '{label}: {path|은/는} {limit} 이하여야 합니다.',
    words: RUN_FILE_WORDS,
  },
  'runFile.countAtLeast': {
    en: '{label}: {path} must have at least {limit} {unit}.',
    ko: '{label}: {path}에는 {unit|이/가} {limit}개 이상 있어야 합니다.',
    words: { en: { ...RUN_FILE_WORDS.en }, ko: { ...RUN_FILE_WORDS.ko, unit: { characters: '글자', items: '항목' } } },
  },
  'runFile.countAtMost': {
    en: '{label}: {path} must have at most {limit} {unit}.',
    ko: '{label}: {path}에는 {unit|이/가} {limit}개까지만 있어야 합니다.',
    words: { en: { ...RUN_FILE_WORDS.en }, ko: { ...RUN_FILE_WORDS.ko, unit: { characters: '글자', items: '항목' } } },
  },
  'runFile.unknownField': {
    en: '{label}: {path} has an unknown field "{field}".',
    ko: '{label}: {path}에 알 수 없는 필드 {"field"|이/가} 있습니다.',
    words: RUN_FILE_WORDS,
  },
  'runFile.invalid': {
    en: '{label}: {path} is not valid ({reason}).',
    ko: '{label}: {path|이/가} 올바르지 않습니다 ({reason}).',
    words: RUN_FILE_WORDS,
  },
  'runFile.otherModel': {
    en: "{label}: {path} is not the model of the run's experiment.",
    ko: '{label}: {path|은/는} 이 실행의 실험에 있는 모델이 아닙니다.',
    words: RUN_FILE_WORDS,
  },
  'runFile.repeatsEpoch': {
    en: '{label}: {path} repeats epoch {epoch}.',
    ko: '{label}: {path}에서 {epoch}번째 에폭이 되풀이됩니다.',
    words: RUN_FILE_WORDS,
  },
  'runFile.repeatsIteration': {
    en: '{label}: {path} repeats iteration {iteration}.',
    ko: '{label}: {path}에서 {iteration}번째 반복이 되풀이됩니다.',
    words: RUN_FILE_WORDS,
  },
  'runFile.empty': {
    en: '{label}: {path} is empty: there is no run to import.',
    ko: '{label}: {path|이/가} 비어 있습니다. 가져올 실행이 없습니다.',
    words: RUN_FILE_WORDS,
  },
  'runFile.longText': {
    en: '{label}: {path} {what} of more than {limit} characters; a text in a run file may have at most {limit}.',
    ko: '{label}: {path}에 {limit}자가 넘는 {what|이/가} 있습니다. 실행 기록 파일의 텍스트는 {limit}자까지만 됩니다.',
    words: {
      en: { ...RUN_FILE_WORDS.en, what: { key: 'has a field name', text: 'is a text' } },
      ko: { ...RUN_FILE_WORDS.ko, what: { key: '필드 이름', text: '텍스트' } },
    },
  },
  'runFile.tooManyValues': {
    en: '{label}: {path} holds more than {limit#value/values} (numbers, texts, lists and objects); a run file may hold at most {limit}.',
    ko: '{label}: {path}에 값(수, 텍스트, 목록, 객체)이 {limit}개보다 많습니다. 실행 기록 파일에는 {limit}개까지만 됩니다.',
    words: RUN_FILE_WORDS,
  },
  'runFile.tooManyRuns': {
    en: '{label}: {path} has more than {limit#run/runs}; a run file may hold at most {limit}.',
    ko: '{label}: {path}에 실행이 {limit}개보다 많습니다. 실행 기록 파일에는 {limit}개까지만 됩니다.',
    words: RUN_FILE_WORDS,
  },
  'runFile.tooManyLossesInRun': {
    en: '{label}: {path} has more than {limit} losses; a run file may hold at most {limit} per run (a longer run moves with its database: dlab runs import LAB.db).',
    ko: '{label}: {path}에 손실이 {limit}개보다 많습니다. 실행 기록 파일에는 실행 하나에 {limit}개까지만 됩니다 (더 긴 실행은 데이터베이스째 옮기세요: dlab runs import LAB.db).',
    words: RUN_FILE_WORDS,
  },
  'runFile.tooManyLosses': {
    en: '{label}: {path} brings the file to more than {limit} losses; a run file may hold at most {limit} in all its runs.',
    ko: '{label}: {path}까지 손실이 {limit}개를 넘습니다. 실행 기록 파일에는 모든 실행을 합쳐 {limit}개까지만 됩니다.',
    words: RUN_FILE_WORDS,
  },
  'runFile.tooManyEpochs': {
    en: '{label}: {path} has more than {limit#epoch/epochs}; a run trains at most {limit}.',
    ko: '{label}: {path}에 에폭이 {limit}개보다 많습니다. 실행 하나는 {limit} 에폭까지만 학습합니다.',
    words: RUN_FILE_WORDS,
  },
  'runFile.tooManyTags': {
    en: '{label}: {path} lists more than {limit} tags; a run can have at most {most}.',
    ko: '{label}: {path}에 태그가 {limit}개보다 많습니다. 실행 하나에는 태그를 {most}개까지만 붙일 수 있습니다.',
    words: RUN_FILE_WORDS,
  },
  'runFile.tooDeep': {
    en: '{label}: {path} is nested more than {limit} lists and objects deep; a run file may nest at most {limit}.',
    ko: '{label}: {path|이/가} 목록과 객체 {limit}단계보다 깊이 중첩되어 있습니다. 실행 기록 파일은 {limit}단계까지만 됩니다.',
    words: RUN_FILE_WORDS,
  },

  'runEdit.nameLength': {
    en: "A run's name must be 1 to {most} characters long (not counting spaces around it).",
    ko: '실행 이름은 1자에서 {most}자 사이여야 합니다 (앞뒤 공백은 세지 않습니다).',
  },
  'runEdit.notesLength': {
    en: "A run's notes must be a text of at most {most} characters.",
    ko: '실행 메모는 {most}자 이하의 텍스트여야 합니다.',
  },
  'runEdit.tagsNotList': {
    en: "A run's tags must be a list of texts.",
    ko: '실행의 태그는 텍스트 목록이어야 합니다.',
  },
  'runEdit.tagNotText': {
    en: 'Tag {n} must be a text, not {type}.',
    ko: '{n}번째 태그는 텍스트여야 하는데 {type}입니다.',
  },
  'runEdit.tagEmpty': {
    en: 'Tag {n} is empty.',
    ko: '{n}번째 태그가 비어 있습니다.',
  },
  'runEdit.tagLong': {
    en: 'Tag {n} ("{start}…") is longer than {most} characters.',
    ko: '{n}번째 태그("{start}…")가 {most}자보다 깁니다.',
  },
  'runEdit.tooManyTags': {
    en: 'A run can have at most {most} tags, not {count}.',
    ko: '실행 하나에는 태그를 {most}개까지만 붙일 수 있습니다 ({count}개가 아니라).',
  },
  'runEdit.notObject': {
    en: 'A run edit must be an object with a name, notes or tags.',
    ko: '실행 수정은 이름, 메모, 태그 중 하나를 가진 객체여야 합니다.',
  },
  'runEdit.unknownField': {
    en: 'A run edit cannot change "{field}" (only name, notes and tags).',
    ko: '실행 수정으로는 {"field"|을/를} 바꿀 수 없습니다 (이름, 메모, 태그만 됩니다).',
  },
  'run.badId': {
    en: 'A run id is a whole number from 1 up, not {value}.',
    ko: '실행 번호는 1 이상의 정수여야 하는데 {value}입니다.',
  },
  'run.badStatus': {
    en: '"{value}" is not a run status (one of {statuses}).',
    ko: '{"value"|은/는} 실행 상태가 아닙니다 ({statuses} 중 하나).',
  },

  'cli.badArgs': {
    en: 'dlab {command}: {reason} (see dlab {command} --help).',
    ko: 'dlab {command}: {reason} (dlab {command} --help를 보세요).',
  },
  'cli.wholeOption': {
    en: '--{name} must be a whole number from {min} to {max}, not "{value}".',
    ko: '--{name} 값은 {min}에서 {max} 사이의 정수여야 하는데 "{value}"입니다.',
  },
  'cli.runsSubcommandUnknown': {
    en: 'dlab runs needs one of {subcommands}, not "{given}" (see dlab runs --help).',
    ko: 'dlab runs에는 "{given}"이 아니라 {subcommands} 중 하나가 필요합니다 (dlab runs --help를 보세요).',
  },
  'cli.runsSubcommand': {
    en: 'dlab runs needs one of {subcommands} (see dlab runs --help).',
    ko: 'dlab runs에는 {subcommands} 중 하나가 필요합니다 (dlab runs --help를 보세요).',
  },
  'cli.needs': {
    en: 'dlab {command} needs {what} (see dlab {command} --help).',
    ko: 'dlab {command}에는 {what|이/가} 필요합니다 (dlab {command} --help를 보세요).',
    words: CLI_WHAT,
  },
  'cli.takesOne': {
    en: 'dlab {command} takes one {what}, got {count}: {given}.',
    ko: 'dlab {command}에는 {what|을/를} 하나만 주세요. {count}개를 받았습니다: {given}.',
    words: CLI_WHAT,
  },
  'cli.notRunId': {
    en: '"{text}" is not a run id: a run id is a whole number, as dlab runs list shows.',
    ko: '{"text"|은/는} 실행 번호가 아닙니다. 실행 번호는 dlab runs list가 보여 주는 정수입니다.',
  },
  'cli.optionChoice': {
    en: '--{name} takes {choices}, not "{value}".',
    ko: '--{name}에는 "{value}"가 아니라 {choices} 중 하나를 쓰세요.',
  },
  'cli.compareNeedsTwo': {
    en: 'dlab runs compare needs at least two run ids.',
    ko: 'dlab runs compare에는 실행 번호가 두 개 이상 필요합니다.',
  },
  'cli.importNeedsFile': {
    en: 'dlab runs import needs a .dlab-run.json file or a lab database.',
    ko: 'dlab runs import에는 .dlab-run.json 파일이나 실험실 데이터베이스가 필요합니다.',
  },
  'cli.delimiter': {
    en: '--delimiter must be comma, semicolon or tab, not "{value}".',
    ko: '--delimiter는 "{value}"가 아니라 comma, semicolon, tab 중 하나여야 합니다.',
  },
  'cli.csvOptionsForImages': {
    en: 'The CSV options describe a csv: source, not the image folder "{source}".',
    ko: 'CSV 옵션은 이미지 폴더 "{source}"가 아니라 csv: 데이터 소스를 설명합니다.',
  },
  'cli.datasetsSource': {
    en: 'dlab datasets describes a csv: source (such as csv:iris.csv) or an image folder (images:FOLDER), not "{source}".',
    ko: 'dlab datasets는 "{source}"가 아니라 csv: 데이터 소스(csv:iris.csv 등)나 이미지 폴더(images:폴더)를 설명합니다.',
  },
  'cli.csvOptionsNeedSource': {
    en: 'The CSV options describe a csv: source: give one, as in dlab datasets csv:iris.csv --label species.',
    ko: 'CSV 옵션은 csv: 데이터 소스를 설명합니다. dlab datasets csv:iris.csv --label species처럼 하나를 주세요.',
  },
  'cli.evaluateNeedsData': {
    en: 'dlab evaluate needs --data SOURCE (mnist, idx:FOLDER, images:FOLDER, a toy set name or csv:FILE).',
    ko: 'dlab evaluate에는 --data 데이터 소스(mnist, idx:폴더, images:폴더, 장난감 데이터 이름 또는 csv:파일)가 필요합니다.',
  },
  'cli.convertToUnknown': {
    en: 'dlab convert needs --to {formats}, not "{value}".',
    ko: 'dlab convert에는 "{value}"가 아니라 --to {formats}가 필요합니다.',
  },
  'cli.convertNeedsTo': {
    en: 'dlab convert needs --to {formats}.',
    ko: 'dlab convert에는 --to {formats}가 필요합니다.',
  },
  'cli.convertNeedsOut': {
    en: 'dlab convert needs --out PATH (a file, or a folder for --to pytorch).',
    ko: 'dlab convert에는 --out 경로(파일, --to pytorch이면 폴더)가 필요합니다.',
  },
  'cli.convertOutIsFile': {
    en: '--out {out} is a file; --to pytorch writes a folder (model.py and weights.json).',
    ko: '--out에 준 경로 {out}에 파일이 있습니다. --to pytorch는 폴더(model.py와 weights.json)를 씁니다.',
  },
  'cli.noDatabase': {
    en: 'There is no lab database at {path} (give the one that holds run {id} with --db).',
    ko: '{path}에 실험실 데이터베이스가 없습니다 (실행 {id|이/가} 든 데이터베이스를 --db로 주세요).',
  },
  'cli.notARun': {
    en: '"{input}" is not a run: write run:ID with the run\'s number, e.g. run:3.',
    ko: '{"input"|은/는} 실행이 아닙니다. run:3처럼 run: 뒤에 실행 번호를 쓰세요.',
  },
  'cli.fileTooLarge': {
    en: '{path} is {size}; a lab file may be at most {limit}.',
    ko: '{path|은/는} {size}입니다. 실험실 파일은 {limit}까지만 됩니다.',
  },
  'cli.fileGrew': {
    en: '{path} holds more than {limit}; a lab file may be at most {limit}.',
    ko: '{path|은/는} {limit|을/를} 넘습니다. 실험실 파일은 {limit}까지만 됩니다.',
  },
  'files.cannotRead': {
    en: 'Cannot read {path}: {reason}.',
    ko: '{path|을/를} 읽을 수 없습니다: {reason}.',
    words: { en: { reason: FS_REASONS.en }, ko: { reason: FS_REASONS.ko, path: { 'The run file': '실행 기록 파일' } } },
  },
  'files.cannotWrite': {
    en: 'Cannot write {path}: {reason}.',
    ko: '{path|을/를} 쓸 수 없습니다: {reason}.',
    words: { en: { reason: FS_REASONS.en }, ko: { reason: FS_REASONS.ko } },
  },
  'files.cannotOpen': {
    en: 'Cannot open {path}: {reason}.',
    ko: '{path|을/를} 열 수 없습니다: {reason}.',
    words: { en: { reason: FS_REASONS.en }, ko: { reason: FS_REASONS.ko } },
  },
  'files.kindTooLarge': {
    en: '{path} is larger than the {limit} {kind} file may be.',
    ko: '{path|은/는} {kind} 파일이 될 수 있는 {limit}보다 큽니다.',
    words: FILE_KIND_WORDS,
  },
  'files.saveTooLarge': {
    en: 'The {kind} file would be larger than the {limit} allowed.',
    ko: '{kind} 파일이 허용되는 {limit}보다 커집니다.',
    words: { ko: FILE_KIND_WORDS.ko },
  },

  'web.localOnly': {
    en: 'The web host listens on 127.0.0.1 only (this machine alone), not on {host}.',
    ko: '웹 호스트는 {host|이/가} 아니라 127.0.0.1(이 컴퓨터)에서만 듣습니다.',
  },
  'web.port': {
    en: 'The port must be a whole number from 0 to 65535 (0 picks a free one), not {value}.',
    ko: '포트는 0에서 65535 사이의 정수여야 하는데 {value}입니다 (0이면 빈 포트를 고릅니다).',
  },
  'web.portInUse': {
    en: 'Port {port} is already in use on 127.0.0.1: choose another with --port, or 0 for any free port.',
    ko: '127.0.0.1의 포트 {port|은/는} 이미 쓰이고 있습니다. --port로 다른 포트를 고르거나, 0으로 빈 포트를 쓰세요.',
  },
  'web.badArgs': {
    en: 'npm run web: {reason} (see npm run web -- --help).',
    ko: 'npm run web: {reason} (npm run web -- --help를 보세요).',
  },
  'web.importEnvelope': {
    en: 'importRuns: the request carries more than the run file’s text; send {"args": ["<the run file’s text>"]}.',
    ko: 'importRuns: 요청에 실행 기록 파일의 텍스트 말고 다른 것이 있습니다. {"args": ["<실행 기록 파일의 텍스트>"]}를 보내세요.',
  },

  'classes.unreadable': {
    en: 'The class names file {path} cannot be read ({reason}).',
    ko: '클래스 이름 파일 {path|을/를} 읽을 수 없습니다 ({reason}).',
    words: { ko: { reason: FS_CODES_KO } },
  },
  'classes.tooLarge': {
    en: 'The class names file {path} is {size} bytes: a {file} holds one name per line, a few hundred bytes.',
    ko: '클래스 이름 파일 {path|은/는} {size}바이트입니다. {file}에는 한 줄에 이름 하나씩, 몇백 바이트만 들어갑니다.',
  },
  'classes.countMismatch': {
    en: 'The class names file {path} names {names#class/classes}, but the labels count {classes}: write one name per line, the first for label 0.',
    ko: '클래스 이름 파일 {path}에는 이름이 {names}개인데 레이블의 클래스는 {classes}개입니다. 한 줄에 이름 하나씩, 첫 줄을 레이블 0의 이름으로 쓰세요.',
  },
  'classes.emptyLine': {
    en: 'The class names file {path} has an empty line {line}: each class needs a name.',
    ko: '클래스 이름 파일 {path}의 {line}번째 줄이 비어 있습니다. 클래스마다 이름이 있어야 합니다.',
  },
  'idxFile.gzipTruncated': {
    en: '{path} is damaged: the compressed data ends too early (the file is truncated).',
    ko: '{path|이/가} 손상되었습니다. 압축된 데이터가 너무 일찍 끝납니다 (파일이 잘렸습니다).',
  },
  'idxFile.gzipChecksum': {
    en: '{path} is damaged: its checksum does not match the decompressed data.',
    ko: '{path|이/가} 손상되었습니다. 체크섬이 압축을 푼 데이터와 맞지 않습니다.',
  },
  'idxFile.damaged': {
    en: '{path} is damaged: {reason}.',
    ko: '{path|이/가} 손상되었습니다: {reason}.',
  },
  'idxFile.unreadable': {
    en: '{path} cannot be read ({reason}).',
    ko: '{path|을/를} 읽을 수 없습니다 ({reason}).',
    words: { ko: { reason: FS_CODES_KO } },
  },
  'idxFile.notRegular': {
    en: '{path} is {what}, not a regular file: an IDX file must be a file on disk.',
    ko: '{path|은/는} 보통 파일이 아니라 {what}입니다. IDX 파일은 디스크에 있는 파일이어야 합니다.',
    words: {
      en: { what: { folder: 'a folder', pipe: 'a named pipe', socket: 'a socket', device: 'a device', other: 'not a regular file' } },
      ko: { what: { folder: '폴더', pipe: '이름 있는 파이프', socket: '소켓', device: '장치', other: '보통 파일이 아닌 것' } },
    },
  },
  'idxFile.headerTooLarge': {
    en: '{path}: the header promises {what}, more than the {limit} bytes an MNIST-like file may have.',
    ko: '{path}: 헤더가 {dims|을/를} 약속하는데, MNIST 같은 파일이 가질 수 있는 {limit}바이트보다 많습니다.',
  },
  'idxFile.changed': {
    en: '{path} changed while it was being read: try again once it is complete.',
    ko: '{path|이/가} 읽는 동안 바뀌었습니다. 파일이 다 만들어진 뒤 다시 해 보세요.',
  },
  'idxFile.tooLarge': {
    en: '{path} is {size} bytes, more than the {limit} an MNIST-like file may have.',
    ko: '{path|은/는} {size}바이트로, MNIST 같은 파일이 가질 수 있는 {limit}바이트보다 많습니다.',
  },
  'idxFile.notGzip': {
    en: '{path} is not a valid gzip file: it does not begin with the gzip signature 1F 8B.',
    ko: '{path|은/는} 올바른 gzip 파일이 아닙니다. gzip 서명 1F 8B로 시작하지 않습니다.',
  },
  'file.networkPath': {
    en: '{what} {path} is {kind}, which the lab does not open: {reason}.',
    ko: '{what} {path|은/는} {kind}입니다. 실험실은 이런 경로를 열지 않습니다. {reason}.',
    words: {
      en: {
        kind: { network: 'a network path', device: 'a device path', verbatim: 'a verbatim Windows path' },
        reason: {
          network: 'the lab works offline, and opening a share could hand your sign-in to another computer: copy the files to this computer and open the copy',
          device: 'a device is not a file the lab can read: give the path of a file or folder on this computer',
          verbatim: 'write it as an ordinary path such as C:\\folder\\file',
        },
      },
      ko: {
        what: {
          'The file': '파일',
          'The data file': '데이터 파일',
          'The data folder': '데이터 폴더',
          'The database': '데이터베이스',
          'The export folder': '내보낼 폴더',
          'The image folder': '이미지 폴더',
          'The CSV file': 'CSV 파일',
        },
        kind: { network: '네트워크 경로', device: '장치 경로', verbatim: 'Windows의 있는 그대로 경로' },
        reason: {
          network:
            '실험실은 오프라인으로 동작하며, 공유 폴더를 열면 로그인 정보가 다른 컴퓨터에 넘어갈 수 있습니다. 파일을 이 컴퓨터에 복사해서 복사본을 여세요',
          device: '장치는 실험실이 읽을 수 있는 파일이 아닙니다. 이 컴퓨터에 있는 파일이나 폴더의 경로를 주세요',
          verbatim: 'C:\\folder\\file 같은 보통 경로로 쓰세요',
        },
      },
    },
  },
  'data.imagesOnly': {
    en: '{key} applies only to image folders (images:FOLDER), not to the data source "{source}".',
    ko: '{key|은/는} 이미지 폴더(images:폴더)에만 쓰며, 데이터 소스 "{source}"에는 쓸 수 없습니다.',
  },
  'data.imagesNoFolder': {
    en: 'The data source "images:" names no folder: write "images:" followed by a folder path.',
    ko: '데이터 소스 "images:"에 폴더가 없습니다. "images:" 뒤에 폴더 경로를 쓰세요.',
  },
  'idx.tooShort': {
    en: 'the file is too short for an IDX header: it holds {length} bytes, but the header alone needs at least 4.',
    ko: '파일이 IDX 헤더보다 짧습니다. {length}바이트인데 헤더만 해도 4바이트 이상이어야 합니다.',
  },
  'idx.dataType': {
    en: 'the file holds data of type {type}{name}, but only {supported} (unsigned byte) is supported.',
    ko: '파일의 데이터 형식이 {type}{name}인데 {supported}(부호 없는 바이트)만 읽을 수 있습니다.',
    words: {
      ko: {
        name: {
          ' (not an IDX type)': '(IDX 형식이 아님)',
          ' (signed byte)': '(부호 있는 바이트)',
          ' (16-bit integer)': '(16비트 정수)',
          ' (32-bit integer)': '(32비트 정수)',
          ' (32-bit float)': '(32비트 부동소수점 수)',
          ' (64-bit float)': '(64비트 부동소수점 수)',
        },
      },
    },
  },
  'idx.noDimensions': {
    en: 'the header declares 0 dimensions, but an IDX file needs 1 to 4.',
    ko: '헤더에 차원이 0개인데 IDX 파일에는 차원이 1개에서 4개까지 있어야 합니다.',
  },
  'idx.tooManyDimensions': {
    en: 'the header declares {rank} dimensions, but this lab reads at most {most}.',
    ko: '헤더에 차원이 {rank}개인데 이 실험실은 {most}개까지만 읽습니다.',
  },
  'idx.headerShort': {
    en: 'the file is too short for its header: {rank} dimensions need {need} header bytes, but it holds {length} bytes.',
    ko: '파일이 헤더보다 짧습니다. 차원 {rank}개에는 헤더 {need}바이트가 필요한데 파일은 {length}바이트입니다.',
  },
  'idx.inflatedPast': {
    en: 'the data inflates past the {promised} bytes its header declares ({what}), so decompression stopped after {inflated} bytes.',
    ko: '압축을 푼 데이터가 헤더가 선언한 {promised}바이트({dims})를 넘어서, {inflated}바이트에서 압축 풀기를 멈췄습니다.',
  },
  // ---- r5-ko: image folders, the converters, the API's and the run manager's own refusals, said in both languages ----
  'images.cancelled': {
    en: 'Loading the images of {dir} was cancelled.',
    ko: '{dir}의 이미지 읽기를 취소했습니다.',
  },
  'images.folderMissing': {
    en: 'The image folder {dir} does not exist.',
    ko: '이미지 폴더 {dir|이/가} 없습니다.',
  },
  'images.notAFolder': {
    en: '{dir} is not a folder: give the folder that holds one folder per class.',
    ko: '{dir|은/는} 폴더가 아닙니다. 클래스마다 폴더가 하나씩 든 폴더를 주세요.',
  },
  'images.folderUnreadable': {
    en: 'The image folder {dir} cannot be read ({reason}).',
    ko: '이미지 폴더 {dir|을/를} 읽을 수 없습니다 ({reason}).',
  },
  'images.looseImage': {
    en: 'The image {path} is not in a class folder: {dir} holds one folder per class, named after the class, with the images inside.',
    ko: '이미지 {path|이/가} 클래스 폴더 안에 있지 않습니다. {dir}에는 클래스마다 그 이름의 폴더가 하나씩 있고, 이미지는 그 안에 들어갑니다.',
  },
  'images.noClassFolders': {
    en: "The image folder {dir} has no class folders: put the images of each class in a folder named after the class (torchvision's ImageFolder layout).",
    ko: '이미지 폴더 {dir}에 클래스 폴더가 없습니다. 클래스마다 그 이름의 폴더를 만들어 이미지를 넣으세요 (torchvision의 ImageFolder 배치).',
  },
  'images.splitNoClassFolders': {
    en: "{dir} has no class folders: put the images of each class in a folder named after the class (torchvision's ImageFolder layout).",
    ko: '{dir}에 클래스 폴더가 없습니다. 클래스마다 그 이름의 폴더를 만들어 이미지를 넣으세요 (torchvision의 ImageFolder 배치).',
  },
  'images.folderInClass': {
    en: '{path} is a folder inside the class folder {folder}: a class folder holds images only, one level deep.',
    ko: '{path|은/는} 클래스 폴더 {folder} 안의 폴더입니다. 클래스 폴더에는 이미지만 한 단계로 들어갑니다.',
  },
  'images.notImageName': {
    en: 'The file {path} is not an image (the lab reads .png, .jpg, .jpeg and .gif files): move it out of the class folder.',
    ko: '파일 {path|은/는} 이미지가 아닙니다 (실험실은 .png, .jpg, .jpeg, .gif 파일을 읽습니다). 클래스 폴더 밖으로 옮기세요.',
  },
  'images.emptyClass': {
    en: 'The class folder {folder} is empty: put at least one image in it, or remove it.',
    ko: '클래스 폴더 {folder|이/가} 비어 있습니다. 이미지를 하나 이상 넣거나 폴더를 지우세요.',
  },
  'images.topOneClass': {
    en: 'The image folder {dir} has one class folder ({name}): a classifier needs at least two classes.',
    ko: '이미지 폴더 {dir}에는 클래스 폴더가 하나({name})뿐입니다. 분류하려면 클래스가 두 개 이상 필요합니다.',
  },
  'images.topZeroClasses': {
    en: 'The image folder {dir} has no class folders: a classifier needs at least two classes.',
    ko: '이미지 폴더 {dir}에는 클래스 폴더가 없습니다. 분류하려면 클래스가 두 개 이상 필요합니다.',
  },
  'images.topTooManyClasses': {
    en: 'The image folder {dir} has {count} class folders, more than the {max} the lab can tell apart.',
    ko: '이미지 폴더 {dir}에는 클래스 폴더가 {count}개 있습니다. 실험실이 구별할 수 있는 {max}개보다 많습니다.',
  },
  'images.oneClass': {
    en: '{where} has one class folder ({name}): a classifier needs at least two classes.',
    ko: '{where}에는 클래스 폴더가 하나({name})뿐입니다. 분류하려면 클래스가 두 개 이상 필요합니다.',
  },
  'images.zeroClasses': {
    en: '{where} has no class folders: a classifier needs at least two classes.',
    ko: '{where}에는 클래스 폴더가 없습니다. 분류하려면 클래스가 두 개 이상 필요합니다.',
  },
  'images.tooManyClasses': {
    en: '{where} has {count} class folders, more than the {max} the lab can tell apart.',
    ko: '{where}에는 클래스 폴더가 {count}개 있습니다. 실험실이 구별할 수 있는 {max}개보다 많습니다.',
  },
  'images.halfMissing': {
    en: 'The image folder {dir} has a {present} folder but no {absent} folder: give both, or neither (then a fifth of each class is held out for test).',
    ko: '이미지 폴더 {dir}에 {present} 폴더는 있지만 {absent} 폴더는 없습니다. 둘 다 두거나 둘 다 빼세요 (그러면 클래스마다 5분의 1을 시험 데이터로 떼어 둡니다).',
  },
  'images.strayBesideHalves': {
    en: 'The image folder {dir} holds train/ and test/ and also {other}/: put each class inside train/ and test/, or leave out train/ and test/ altogether.',
    ko: '이미지 폴더 {dir}에는 train/과 test/ 말고도 {other}/ 폴더가 있습니다. 클래스마다 train/과 test/ 안에 넣거나, train/과 test/를 아예 빼세요.',
  },
  'images.classNotInBoth': {
    en: 'The class {name} is in {inDir} but not in {notInDir}: the training and test folders must hold the same classes.',
    ko: '클래스 {name|은/는} {inDir}에는 있지만 {notInDir}에는 없습니다. 훈련 폴더와 시험 폴더의 클래스가 같아야 합니다.',
  },
  'images.channels': {
    en: 'channels must be 1 (grey) or 3 (RGB), but it is {value}.',
    ko: 'channels는 1(흑백)이나 3(RGB)이어야 하는데 {value}입니다.',
  },
  'images.sizeBothOrNeither': {
    en: 'Give both width and height for the images, or neither (then the size most images have is used).',
    ko: '이미지의 width와 height를 둘 다 주거나 둘 다 빼세요 (그러면 가장 많은 이미지의 크기를 씁니다).',
  },
  'images.side': {
    en: '{side} must be a whole number from 1 to {max}, but it is {value}.',
    ko: '{side|은/는} 1에서 {max} 사이의 정수여야 하는데 {value}입니다.',
  },
  'images.tooMuchMemory': {
    en: 'The {count#image/images} of {dir} at {size} would take {bytes} bytes, more than the {max} the lab holds in memory: choose a smaller width and height.',
    ko: '{dir}의 이미지 {count}개를 {size|으로/로} 읽으면 {bytes}바이트가 되어, 실험실이 메모리에 두는 {max}바이트보다 많습니다. 너비와 높이를 더 작게 고르세요.',
  },
  'images.threadFailed': {
    en: 'The thread reading the images of {dir} failed: {reason}',
    ko: '{dir}의 이미지를 읽던 스레드가 실패했습니다: {reason}',
  },
  'images.threadStopped': {
    en: 'The thread reading the images of {dir} stopped without an answer.',
    ko: '{dir}의 이미지를 읽던 스레드가 답 없이 멈췄습니다.',
  },
  'images.readFailed': {
    en: 'Reading the images failed: {reason}.',
    ko: '이미지를 읽지 못했습니다: {reason}.',
  },
  'images.cannotReadCode': {
    en: 'The image {path} cannot be read ({reason}).',
    ko: '이미지 {path|을/를} 읽을 수 없습니다 ({reason}).',
  },
  'images.notRegularFile': {
    en: '{path} is not a regular file: an image must be a file on disk.',
    ko: '{path|은/는} 보통 파일이 아닙니다. 이미지는 디스크에 있는 파일이어야 합니다.',
  },
  'images.cannotRead': {
    en: 'The image {path} cannot be read: {reason}.',
    ko: '이미지 {path|을/를} 읽을 수 없습니다: {reason}.',
  },
  'images.noPixels': {
    en: 'The image {path} has no pixels (its size reads 0).',
    ko: '이미지 {path}에 픽셀이 없습니다 (크기가 0입니다).',
  },
  'images.fileTooLarge': {
    en: 'The image {path} is {bytes} bytes, more than the {max} an image of a dataset may have.',
    ko: '이미지 {path|은/는} {bytes}바이트로, 데이터셋의 이미지 하나가 가질 수 있는 {max}바이트보다 큽니다.',
  },
  'images.damaged': {
    en: 'The image {path} is damaged: {reason}.',
    ko: '이미지 {path|이/가} 손상되었습니다: {reason}.',
  },
  'images.decodesOtherwise': {
    en: 'The image {path} decodes to {gotChannels} channels of {gotSize}, not {channels} of {size}.',
    ko: '이미지 {path|은/는} {channels}채널 {size}가 아니라 {gotChannels}채널 {gotSize|으로/로} 풀립니다.',
  },
  'images.cannotDecode': {
    en: 'The image {path} cannot be decoded: {reason}.',
    ko: '이미지 {path|을/를} 풀 수 없습니다: {reason}.',
  },
  'images.emptyFile': {
    en: 'The image {path} is empty (0 bytes).',
    ko: '이미지 {path|이/가} 비어 있습니다 (0바이트).',
  },
  'images.bmp': {
    en: "The image {path} is a BMP file, which sharp (the lab's image decoder) cannot read: convert it to PNG, which keeps every pixel.",
    ko: '이미지 {path|은/는} BMP 파일이라 실험실의 이미지 디코더(sharp)가 읽을 수 없습니다. 픽셀을 그대로 지키는 PNG로 바꾸세요.',
  },
  'images.otherFormat': {
    en: 'The image {path} is a {format} file under an image name the lab does not read: an image folder holds PNG, JPEG or GIF files.',
    ko: '이미지 {path|은/는} 이미지 이름을 단 {format} 파일이라 실험실이 읽지 않습니다. 이미지 폴더에는 PNG, JPEG, GIF 파일이 들어갑니다.',
  },
  'images.notImageBytes': {
    en: 'The file {path} is not an image: its first bytes are not those of a PNG, JPEG or GIF file.',
    ko: '파일 {path|은/는} 이미지가 아닙니다. 첫 바이트가 PNG, JPEG, GIF 파일의 것이 아닙니다.',
  },
  'convert.formatUnknown': {
    en: 'The lab converts to {formats}, not "{format}".',
    ko: '실험실은 {formats|으로/로} 바꿀 수 있으며, {"format"|으로/로}는 바꿀 수 없습니다.',
  },
  'convert.noOnnxForm': {
    en: 'Layer {n} ({type}) has no ONNX form in this version of the lab.',
    ko: '{n}번째 계층({type})은 이 버전의 실험실에서 ONNX 형식으로 나타낼 수 없습니다.',
  },
  'convert.noPytorchForm': {
    en: 'Layer {n} ({type}) has no PyTorch form in this version of the lab.',
    ko: '{n}번째 계층({type})은 이 버전의 실험실에서 PyTorch 형식으로 나타낼 수 없습니다.',
  },
  'api.datasetForm': {
    en: 'A dataset must be given as a source name ("mnist", "idx:FOLDER", "images:FOLDER", a toy set, "csv:FILE") or { source, … }.',
    ko: '데이터셋은 소스 이름("mnist", "idx:폴더", "images:폴더", 장난감 데이터, "csv:파일")이나 { source, … } 꼴로 주어야 합니다.',
  },
  'api.measureTestOnly': {
    en: '{source} is read as {file} was trained, and then every row is a test row: measure the test split.',
    ko: '{source|은/는} {file|이/가} 학습한 대로 읽으면 모든 행이 시험 데이터입니다. 시험 데이터를 측정하세요.',
  },
  'api.gradcheckRunning': {
    en: 'A gradient check named "{id}" is already running.',
    ko: '"{id}"라는 이름의 기울기 확인이 이미 진행 중입니다.',
  },
  'run.noWeightsToRead': {
    en: 'Run {id} has no saved weights to read.',
    ko: '실행 {id}에는 읽을 저장된 가중치가 없습니다.',
  },
  'run.noParameter': {
    en: 'Run {id} has no parameter "{name}".',
    ko: '실행 {id}에는 매개변수 {"name"|이/가} 없습니다.',
  },
  'run.noParameterOf': {
    en: 'Run {id} has no parameter "{name}" (it has {names}).',
    ko: '실행 {id}에는 매개변수 {"name"|이/가} 없습니다 (있는 것: {names}).',
  },
  'run.notTrainingHere': {
    en: 'Run {id} is not training in this lab right now.',
    ko: '실행 {id|은/는} 지금 이 실험실에서 학습 중이 아닙니다.',
  },
  'gradcheck.tooMuchWork': {
    en: 'Checking {entries#entry/entries} on a batch of {batch} would take about {work} multiply-adds (two forward passes per entry) — more than the lab runs at once ({max}). Check fewer entries per parameter, or a smaller batch.',
    ko: '배치 {batch}개로 원소 {entries}개를 확인하려면 곱셈-덧셈이 약 {work}번 필요합니다 (원소마다 순전파 두 번). 실험실이 한 번에 하는 양({max})보다 많습니다. 매개변수마다 확인할 원소를 줄이거나 배치를 더 작게 하세요.',
  },
  'gradcheck.cancelled': {
    en: 'The gradient check was cancelled before it finished.',
    ko: '기울기 확인을 끝나기 전에 취소했습니다.',
  },
  'onnx.tooLarge': {
    en: '{file} is {mb} MB; the lab opens ONNX models of at most {max} MB.',
    ko: '{file|은/는} {mb} MB입니다. 실험실은 {max} MB까지의 ONNX 모델만 엽니다.',
    words: { ko: { file: ONNX_FILE_KO } },
  },
  'onnx.unreadable': {
    en: '{file} is not a readable ONNX model — it is cut short or is not a protobuf at all ({reason}).',
    ko: '{file|은/는} 읽을 수 있는 ONNX 모델이 아닙니다. 잘렸거나 아예 protobuf가 아닙니다 ({reason}).',
    words: { ko: { file: ONNX_FILE_KO } },
  },
  'onnx.noGraph': {
    en: '{file} is not an ONNX model: it has no graph and no IR version.',
    ko: '{file|은/는} ONNX 모델이 아닙니다. 그래프도 IR 버전도 없습니다.',
    words: { ko: { file: ONNX_FILE_KO } },
  },
  'onnx.unknownOperator': {
    en: 'node {at} ({op}) is an operator the lab cannot express (it knows {known} and {last}).',
    ko: '노드 {at}({op}): 실험실이 나타낼 수 없는 연산자입니다 (아는 연산자: {known}, {last}).',
  },
  'onnx.otherOperatorSet': {
    en: 'node {at} ({op}) is from the operator set "{domain}", which the lab does not know.',
    ko: '노드 {at}({op}): 실험실이 모르는 연산자 집합 "{domain}"에 속합니다.',
  },
  'csv.noFile': {
    en: 'The data source "csv:" names no file: write "csv:" followed by a file path (or two, "csv:TRAIN,TEST").',
    ko: '데이터 소스 "csv:"에 파일이 없습니다. "csv:" 뒤에 파일 경로를 쓰세요 (두 개라면 "csv:훈련,시험").',
  },
  'csv.noLabelColumn': {
    en: '{name} has no column named "{column}" to use as the label: its columns are {columns}.',
    ko: '{name}에는 레이블로 쓸 "{column}" 열이 없습니다. 열은 {columns}입니다.',
  },
  'csv.emptyCell': {
    en: '{name} row {row}, column "{column}" is empty: fill it in, or choose to drop rows with empty cells.',
    ko: '{name}의 {row}행 "{column}" 열이 비어 있습니다. 채우거나, 빈 칸이 있는 행을 버리도록 고르세요.',
  },
  'csv.noRowLeft': {
    en: '{name} has no row left once rows with empty cells are dropped.',
    ko: '{name}에서 빈 칸이 있는 행을 버리면 남는 행이 없습니다.',
  },
  'csv.notNumber': {
    en: '{name} row {row}, column "{column}": "{cell}" is not a number; a feature column must hold numbers (or choose one-hot for a text column).',
    ko: '{name}의 {row}행 "{column}" 열: {"cell"|은/는} 수가 아닙니다. 특징 열에는 수가 들어가야 합니다 (글자 열이라면 원-핫을 고르세요).',
  },
  'csv.notClassNumber': {
    en: '{name} row {row}, column "target": "{cell}" is not one of the class numbers 0…{last} its first line names.',
    ko: '{name}의 {row}행 "target" 열: {"cell"|은/는} 첫 줄이 정한 클래스 번호 0…{last} 중 하나가 아닙니다.',
  },
  'csv.unknownClass': {
    en: '{name} row {row}, column "{column}": the class "{className}" is not one of {classes}, which the network was trained on.',
    ko: '{name}의 {row}행 "{column}" 열: 클래스 {"className"|은/는} 신경망이 학습한 {classes} 중 하나가 아닙니다.',
  },
  'csv.oneClass': {
    en: '{name}: the label column "{column}" holds one class only ("{className}") in its {rows} rows; a classifier needs at least two (is another column the label?).',
    ko: '{name}: 레이블 열 "{column}"의 {rows}행에는 클래스가 하나("{className}")뿐입니다. 분류하려면 두 개 이상 필요합니다 (다른 열이 레이블인가요?).',
  },
  'csv.tooManyClasses': {
    en: '{name}: the label column "{column}" holds {count} different values; the lab tells at most {max#class/classes} apart (is it a measurement rather than a class?).',
    ko: '{name}: 레이블 열 "{column}"에는 서로 다른 값이 {count}개 있습니다. 실험실은 클래스를 {max}개까지 구별합니다 (클래스가 아니라 측정값인가요?).',
  },
  'csv.noTestRow': {
    en: '{name}: a test fraction of {fraction} holds out no row of its {rows}; choose a larger fraction or give a test file.',
    ko: '{name}: 시험 데이터 비율 {fraction}에서는 {rows}행 중 한 행도 떼어 두지 못합니다. 비율을 더 크게 하거나 시험 파일을 주세요.',
  },
  'csv.noOneHotColumn': {
    en: '{name} has no column named "{column}" to one-hot: its columns are {columns}.',
    ko: '{name}에는 원-핫으로 바꿀 "{column}" 열이 없습니다. 열은 {columns}입니다.',
  },
  'csv.oneHotLabel': {
    en: '{name}: "{column}" is the label column; only a feature column can be one-hot encoded.',
    ko: '{name}: {"column"|은/는} 레이블 열입니다. 원-핫 인코딩은 특징 열에만 할 수 있습니다.',
  },
  'csv.trainedColumnMissing': {
    en: '{name} has no column "{column}", which the network was trained on.',
    ko: '{name}에는 신경망이 학습한 "{column}" 열이 없습니다.',
  },
  'csv.onlyLabel': {
    en: '{name} has only the label column "{column}": a network needs at least one feature column.',
    ko: '{name}에는 레이블 열 "{column}"만 있습니다. 신경망에는 특징 열이 하나 이상 필요합니다.',
  },
  'csv.testColumnMissing': {
    en: 'The test file {test} has no column "{column}", which the training file {train} has.',
    ko: '시험 파일 {test}에는 훈련 파일 {train}에 있는 "{column}" 열이 없습니다.',
  },
  'csv.notTableName': {
    en: '{name} is not named as a table: the lab reads CSV files ending in .csv, .tsv or .txt.',
    ko: '{name|은/는} 표 이름이 아닙니다. 실험실은 .csv, .tsv, .txt로 끝나는 CSV 파일을 읽습니다.',
  },
  'csv.isFolder': {
    en: '{path} is a folder, not a CSV file.',
    ko: '{path|은/는} CSV 파일이 아니라 폴더입니다.',
  },
  'csv.cannotRead': {
    en: 'The CSV file {path} cannot be read: {reason}.',
    ko: 'CSV 파일 {path|을/를} 읽을 수 없습니다: {reason}.',
    words: { en: { reason: { ENOENT: FS_REASONS.en.ENOENT } }, ko: { reason: { ENOENT: FS_REASONS.ko.ENOENT } } },
  },
  'csv.tooLarge': {
    en: '{name} is {mb} MB: the lab reads CSV files of at most {max} MB.',
    ko: '{name|은/는} {mb} MB입니다. 실험실은 {max} MB까지의 CSV 파일만 읽습니다.',
  },
  'csv.notText': {
    en: '{name} is not a text file (it holds zero bytes): a CSV file is text.',
    ko: '{name|은/는} 텍스트 파일이 아닙니다 (0 바이트가 들어 있습니다). CSV 파일은 텍스트입니다.',
  },
  'csv.openQuote': {
    en: '{name} row {row}: a quoted field is not closed ({reason}); every opening " needs its closing ".',
    ko: '{name}의 {row}행: 따옴표로 연 칸이 닫히지 않았습니다 ({reason}). 여는 " 마다 닫는 "가 있어야 합니다.',
  },
  'csv.empty': {
    en: '{name} is empty: a CSV file needs a header row and at least one row of data.',
    ko: '{name|이/가} 비어 있습니다. CSV 파일에는 머리글 행과 데이터 행이 하나 이상 있어야 합니다.',
  },
  'csv.sklearnRegression': {
    en: "{name} row 1 is scikit-learn's first line of a set without classes ({samples#sample/samples}, {features#feature/features}, no class names): its target is a measurement, and the lab learns classes.",
    ko: '{name}의 1행은 클래스가 없는 scikit-learn 데이터의 첫 줄입니다 (샘플 {samples}개, 특징 {features}개, 클래스 이름 없음). 목표값이 측정값인데, 실험실은 클래스를 학습합니다.',
  },
  'csv.sklearnNoCounts': {
    en: "{name} is not in scikit-learn's form: its first line does not start with the number of samples and the number of features. Choose another header form (a header row, or none).",
    ko: '{name|은/는} scikit-learn 형식이 아닙니다. 첫 줄이 샘플 수와 특징 수로 시작하지 않습니다. 다른 머리글 행 형식(머리글 행 있음, 또는 없음)을 고르세요.',
  },
  'csv.sklearnNoNames': {
    en: "{name} is not in scikit-learn's form: its first line does not end with two or more class names. Choose another header form (a header row, or none).",
    ko: '{name|은/는} scikit-learn 형식이 아닙니다. 첫 줄이 클래스 이름 두 개 이상으로 끝나지 않습니다. 다른 머리글 행 형식(머리글 행 있음, 또는 없음)을 고르세요.',
  },
  'csv.sklearnRowCount': {
    en: "{name} is not in scikit-learn's form: its first line announces {samples#sample/samples} but {rows} rows follow. Choose another header form (a header row, or none).",
    ko: '{name|은/는} scikit-learn 형식이 아닙니다. 첫 줄은 샘플 {samples}개를 알리는데 뒤따르는 행은 {rows}개입니다. 다른 머리글 행 형식(머리글 행 있음, 또는 없음)을 고르세요.',
  },
  'csv.sklearnRagged': {
    en: "{name} is not in scikit-learn's form: its first line announces {features} features (and a label) but a row has {cells} cells. Choose another header form (a header row, or none).",
    ko: '{name|은/는} scikit-learn 형식이 아닙니다. 첫 줄은 특징 {features}개(와 레이블)를 알리는데 칸이 {cells}개인 행이 있습니다. 다른 머리글 행 형식(머리글 행 있음, 또는 없음)을 고르세요.',
  },
  'csv.unnamedColumn': {
    en: '{name} row 1: column {column} of the header row has no name; name every column (or choose "no header row").',
    ko: '{name}의 1행: 머리글 행의 {column}번째 열에 이름이 없습니다. 모든 열에 이름을 붙이세요 (또는 "머리글 행 없음"을 고르세요).',
  },
  'csv.columnTwice': {
    en: '{name} row 1: the header row names the column "{column}" twice; each column needs its own name.',
    ko: '{name}의 1행: 머리글 행에 {"column"|이/가} 두 번 나옵니다. 열마다 이름이 달라야 합니다.',
  },
  'csv.tooManyColumns': {
    en: "{name} has {count} columns: the lab's form shows at most {max}. Keep the columns the network should learn from in a smaller file.",
    ko: '{name}에는 열이 {count}개 있습니다. 실험실의 양식은 {max}개까지만 보여 줍니다. 신경망이 배울 열만 더 작은 파일에 두세요.',
  },
  'csv.raggedRow': {
    en: '{name} row {row} has {cells} cells, but row 1 has {columns} columns: every row needs one cell per column.',
    ko: '{name}의 {row}행에는 칸이 {cells}개인데 1행의 열은 {columns}개입니다. 모든 행에 열마다 칸이 하나씩 있어야 합니다.',
  },
  'csv.raggedRowHeader': {
    en: '{name} row {row} has {cells} cells, but the header row names {columns} columns: every row needs one cell per column.',
    ko: '{name}의 {row}행에는 칸이 {cells}개인데 머리글 행이 정한 열은 {columns}개입니다. 모든 행에 열마다 칸이 하나씩 있어야 합니다.',
  },
  'csv.noData': {
    en: '{name} has a header row but no rows of data.',
    ko: '{name}에는 머리글 행만 있고 데이터 행이 없습니다.',
  },
  'csv.settingChoice': {
    en: '"data.csv.{name}" must be one of {options}, not {value}.',
    ko: '"data.csv.{name}"에는 {options} 중 하나가 와야 하는데 {value}입니다.',
    words: { ko: DESCRIBED_VALUE_KO },
  },
  'csv.settingsNotObject': {
    en: '"{path}" must be an object of CSV settings, not {value}.',
    ko: '{"path"|은/는} CSV 설정의 객체여야 하는데 {value}입니다.',
    words: { ko: DESCRIBED_VALUE_KO },
  },
  'csv.settingUnknown': {
    en: 'unknown field "{key}" in "{path}" (it takes {known}).',
    ko: '"{path}"에 알 수 없는 필드 {"key"|이/가} 있습니다 (쓸 수 있는 필드: {known}).',
  },
  'csv.settingLabel': {
    en: '"{path}.label" must be a column name, not {value}.',
    ko: '"{path}.label"에는 열 이름이 와야 하는데 {value}입니다.',
    words: { ko: DESCRIBED_VALUE_KO },
  },
  'csv.settingTestFraction': {
    en: '"{path}.testFraction" must be a number between 0 and 1 (say 0.2), not {value}.',
    ko: '"{path}.testFraction"에는 0과 1 사이의 수(예: 0.2)가 와야 하는데 {value}입니다.',
    words: { ko: DESCRIBED_VALUE_KO },
  },
  'csv.settingSplitSeed': {
    en: '"{path}.splitSeed" must be a whole number from 0, not {value}.',
    ko: '"{path}.splitSeed"에는 0 이상의 정수가 와야 하는데 {value}입니다.',
    words: { ko: DESCRIBED_VALUE_KO },
  },
  'csv.settingOneHot': {
    en: '"{path}.oneHot" must be a list of column names, not {value}.',
    ko: '"{path}.oneHot"에는 열 이름의 목록이 와야 하는데 {value}입니다.',
    words: { ko: DESCRIBED_VALUE_KO },
  },
  'csv.metaBad': {
    en: '{where}: meta.csv {what}.',
    ko: '{where}: meta.csv{what}.',
    words: {
      en: {
        what: {
          object: 'must be an object',
          label: 'must name the label column',
          features: 'must list the feature columns',
          classNames: 'must list the class names',
          scaling: 'must hold the scaling method',
          scales: 'must hold one finite offset and one non-zero scale per feature',
        },
      },
      ko: {
        what: {
          object: '는 객체여야 합니다',
          label: '에는 레이블 열의 이름이 있어야 합니다',
          features: '에는 특징 열의 목록이 있어야 합니다',
          classNames: '에는 클래스 이름의 목록이 있어야 합니다',
          scaling: '에는 스케일링 방법이 있어야 합니다',
          scales: '에는 특징마다 유한한 오프셋 하나와 0이 아닌 스케일 하나가 있어야 합니다',
        },
      },
    },
  },
  'field.unknown': {
    en: '{where}: unknown field "{field}" (it takes {allowed})',
    ko: '{where}: 알 수 없는 필드 {"field"|이/가} 있습니다 (쓸 수 있는 필드: {allowed})',
  },
  'field.unknownNoSettings': {
    en: '{where}: unknown field "{field}" (it takes no settings)',
    ko: '{where}: 알 수 없는 필드 {"field"|이/가} 있습니다 (설정을 받지 않습니다)',
  },
  'field.oneOf': {
    en: '{where}: "{field}" must be one of {options}, not {value}',
    ko: '{where}: {"field"|은/는} {options} 중 하나여야 하는데 {value}입니다',
    words: { ko: DESCRIBED_VALUE_KO },
  },
  'field.init': {
    en: '{where}: "init" must be "he", "xavier" or a standard deviation such as 0.01, not {value}',
    ko: '{where}: "init"은 "he", "xavier" 또는 0.01 같은 표준편차여야 하는데 {value}입니다',
    words: { ko: DESCRIBED_VALUE_KO },
  },
  'field.number': {
    en: '{where}: "{field}" must be a number, not {value}',
    ko: '{where}: {"field"|은/는} 수여야 하는데 {value}입니다',
    words: { ko: DESCRIBED_VALUE_KO },
  },
  'experiment.notObject': {
    en: 'an experiment must be a JSON object, not {value}.',
    ko: '실험 파일은 JSON 객체여야 하는데 {value}입니다.',
    words: { ko: DESCRIBED_VALUE_KO },
  },
  'experiment.notExperiment': {
    en: 'this is not a lab experiment ("format" should be "{format}", found {value}).',
    ko: '실험실의 실험 파일이 아닙니다 ("format"은 "{format}"여야 하는데 {value}입니다).',
    words: { ko: DESCRIBED_VALUE_KO },
  },
  'experiment.version': {
    en: '"version" must be a whole number, found {value}.',
    ko: '"version"은 정수여야 하는데 {value}입니다.',
    words: { ko: DESCRIBED_VALUE_KO },
  },
  'experiment.newer': {
    en: 'it was written by a newer version of the lab (experiment version {version}); this lab reads version {known}.',
    ko: '더 새로운 버전의 실험실이 쓴 파일입니다 (실험 파일 버전 {version}). 이 실험실은 버전 {known}까지 읽습니다.',
  },
  'experiment.unknownField': {
    en: 'unknown field "{field}" (an experiment has {allowed}).',
    ko: '알 수 없는 필드 {"field"|이/가} 있습니다 (실험 파일의 필드: {allowed}).',
  },
  'experiment.shortText': {
    en: '"{field}" must be a short text.',
    ko: '{"field"|은/는} 짧은 텍스트여야 합니다.',
  },
  'experiment.dataNotObject': {
    en: '"data" must be an object with a "source", not {value}.',
    ko: '"data"는 "source"가 있는 객체여야 하는데 {value}입니다.',
    words: { ko: DESCRIBED_VALUE_KO },
  },
  'experiment.dataSource': {
    en: '"data.source" must name a data source (use "mnist", "idx:FOLDER", "images:FOLDER", a toy set ({toys}) or "csv:FILE" (or "csv:TRAIN,TEST")), not {value}.',
    ko: '"data.source"에는 데이터 소스("mnist", "idx:폴더", "images:폴더", 장난감 데이터({toys}) 또는 "csv:파일"("csv:훈련,시험"))가 와야 하는데 {value}입니다.',
    words: { ko: DESCRIBED_VALUE_KO },
  },
  'experiment.settingsOfOtherSource': {
    en: '"data.{key}" applies only to {key}: sources, not to "{source}".',
    ko: '"data.{key}"는 {key}: 소스에만 쓰며, "{source}"에는 쓸 수 없습니다.',
  },
  'experiment.trainingNotObject': {
    en: '"training" must be an object, not {value}.',
    ko: '"training"은 객체여야 하는데 {value}입니다.',
    words: { ko: DESCRIBED_VALUE_KO },
  },
  'experiment.optimizerNotObject': {
    en: '"{path}" must be an object with a "type" (one of {names}).',
    ko: '{"path"|은/는} "type"({names} 중 하나)이 있는 객체여야 합니다.',
  },
  'experiment.optimizerUnknown': {
    en: '{path}: unknown optimizer "{type}" (known: {names}).',
    ko: '{path}: 알 수 없는 옵티마이저 "{type}"입니다 (아는 옵티마이저: {names}).',
  },
  'model.notObject': {
    en: 'The model must be an object with "input" and "layers", not {value}.',
    ko: '모델은 "input"과 "layers"가 있는 객체여야 하는데 {value}입니다.',
    words: { ko: DESCRIBED_VALUE_KO },
  },
  'model.unknownField': {
    en: 'The model has an unknown field "{field}" (it takes "input" and "layers").',
    ko: '모델에 알 수 없는 필드 {"field"|이/가} 있습니다 ("input"과 "layers"만 받습니다).',
  },
  'model.layerNotObject': {
    en: 'Layer {n}: each layer must be an object with a "type", not {value}.',
    ko: '{n}번째 계층: 계층은 "type"이 있는 객체여야 하는데 {value}입니다.',
    words: { ko: DESCRIBED_VALUE_KO },
  },
  'model.unknownLayer': {
    en: 'Layer {n}: unknown layer type "{type}" (known types: {types}).',
    ko: '{n}번째 계층: 알 수 없는 계층 종류 "{type}"입니다 (아는 종류: {types}).',
  },
  'model.inputForm': {
    en: 'The model\'s "input" must be [features] or [channels, height, width] with whole numbers from 1 to 4096, not {value}.',
    ko: '모델의 "input"은 1에서 4096 사이의 정수로 된 [특징 수]나 [채널, 높이, 너비]여야 하는데 {value}입니다.',
    words: { ko: DESCRIBED_VALUE_KO },
  },
  'model.inputTooLarge': {
    en: "The model's input {shape} is too large for the lab.",
    ko: '모델의 입력 {shape|은/는} 실험실에서 다루기에 너무 큽니다.',
  },
  // ---- r6-onnxko: an ONNX graph's node-by-node refusals, and the graph's own (sparse initializers, its input, its end) ----
  'onnx.notChained': {
    en: 'node {at} ({op}) does not take the previous layer\'s output ("{current}"): the lab reads one chain of layers.',
    ko: '노드 {at}({op}): 앞 계층의 출력("{current}")을 받지 않습니다. 실험실은 계층이 한 줄로 이어진 사슬만 읽습니다.',
  },
  'onnx.manyOutputs': {
    en: 'node {at} ({op}) has more than one output.',
    ko: '노드 {at}({op}): 출력이 둘 이상입니다.',
  },
  'onnx.afterPad': {
    en: 'node {at} ({op}) follows a Pad node, which the lab takes only before a convolution or pooling.',
    ko: '노드 {at}({op}): Pad 노드 뒤에 옵니다. 실험실은 Pad 노드를 합성곱이나 풀링 바로 앞에서만 받습니다.',
  },
  'onnx.dropoutMask': {
    en: 'node {at} ({op}) uses the dropout mask, which exists only while training.',
    ko: '노드 {at}({op}): 학습하는 동안에만 있는 드롭아웃 마스크를 씁니다.',
  },
  'onnx.leakySlope': {
    en: "node {at} ({op}) has slope alpha {alpha}; the lab's Leaky ReLU takes a slope between 0 and 1.",
    ko: '노드 {at}({op}): 기울기 alpha가 {alpha}입니다. 실험실의 Leaky ReLU는 0과 1 사이의 기울기만 받습니다.',
  },
  'onnx.flattenAxis': {
    en: 'node {at} ({op}) flattens from axis {axis}; the lab keeps the batch axis and flattens the rest (axis 1).',
    ko: '노드 {at}({op}): 축 {axis}부터 평탄화합니다. 실험실은 배치 축을 두고 나머지를 평탄화합니다 (축 1).',
  },
  'onnx.softmaxShape': {
    en: "node {at} ({op}) is a softmax over {shape} on axis {axis}; the lab's is over one score per class.",
    ko: '노드 {at}({op}): {shape}의 축 {axis}에 대한 소프트맥스입니다. 실험실의 소프트맥스는 클래스마다 점수 하나에 대해서입니다.',
  },
  'onnx.softmaxNotLast': {
    en: "node {at} ({op}) is a softmax before the end of the graph; the lab's softmax comes last, with its loss.",
    ko: '노드 {at}({op}): 그래프 끝이 아닌 곳에 있는 소프트맥스입니다. 실험실의 소프트맥스는 손실과 함께 맨 끝에 옵니다.',
  },
  'onnx.constantNotOne': {
    en: 'node {at} ({op}) must have exactly one value.',
    ko: '노드 {at}({op}): 값이 정확히 하나여야 합니다.',
  },
  'onnx.constantNoTensor': {
    en: 'node {at} ({op}) has no tensor in "value".',
    ko: '노드 {at}({op}): "value"에 텐서가 없습니다.',
  },
  'onnx.constantKind': {
    en: 'node {at} ({op}) holds a "{name}" value, which the lab does not read.',
    ko: '노드 {at}({op}): 실험실이 읽지 않는 "{name}" 값을 담고 있습니다.',
  },
  'onnx.notConstant': {
    en: 'node {at} ({op}) takes its {what} from "{name}", which is not a constant or an initializer.',
    ko: '노드 {at}({op}): {what|을/를} 상수도 초기화 값도 아닌 "{name}"에서 받습니다.',
    words: { ko: ONNX_WHAT_KO },
  },
  'onnx.gemmFlatten': {
    en: 'node {at} ({op}) takes {shape#value/values} per sample; a Gemm needs them flattened first.',
    ko: '노드 {at}({op}): 샘플마다 {shape} 값을 받습니다. Gemm은 먼저 평탄화된 값이 필요합니다.',
  },
  'onnx.gemmScales': {
    en: "node {at} ({op}) scales or transposes its input (alpha, beta or transA); the lab's affine layer is x·W + b.",
    ko: '노드 {at}({op}): 입력을 배율하거나 전치합니다 (alpha, beta, transA). 실험실의 Affine 계층은 x·W + b입니다.',
  },
  'onnx.weightsNotMatrix': {
    en: 'node {at} ({op}) has weights of shape {shape}, not a matrix.',
    ko: '노드 {at}({op}): 가중치의 형상이 {shape}입니다. 행렬이 아닙니다.',
  },
  'onnx.weightsInputs': {
    en: 'node {at} ({op}) has weights for {inputs#input/inputs} but gets {got}.',
    ko: '노드 {at}({op}): 가중치는 입력 {inputs}개용인데 {got}개를 받습니다.',
  },
  'onnx.biasShape': {
    en: 'node {at} ({op}) has a bias of shape {shape}; the lab needs one value per unit ({units}).',
    ko: '노드 {at}({op}): 편향의 형상이 {shape}입니다. 실험실은 뉴런마다 값 하나가 필요합니다 ({units}).',
  },
  'onnx.matmulFlatten': {
    en: "node {at} ({op}) multiplies {shape#value/values} per sample; the lab's affine layer takes them flattened.",
    ko: '노드 {at}({op}): 샘플마다 {shape} 값을 곱합니다. 실험실의 Affine 계층은 평탄화된 값을 받습니다.',
  },
  'onnx.matmulWeights': {
    en: 'node {at} ({op}) has weights of shape {shape} for {inputs#input/inputs}.',
    ko: '노드 {at}({op}): 입력 {inputs}개에 대해 가중치의 형상이 {shape}입니다.',
  },
  'onnx.notImage': {
    en: 'node {at} ({op}) needs an image input (channels×height×width) but gets {shape}.',
    ko: '노드 {at}({op}): 이미지 입력(채널×높이×너비)이 필요한데 {shape|을/를} 받습니다.',
  },
  'onnx.autoPad': {
    en: 'node {at} ({op}) sets auto_pad {autoPad}; the lab needs the padding written out.',
    ko: '노드 {at}({op}): auto_pad를 {autoPad|으로/로} 정합니다. 실험실은 패딩이 직접 적혀 있어야 합니다.',
  },
  'onnx.notSquare': {
    en: "node {at} ({op}) has a {size} {what}; the lab's are square.",
    ko: '노드 {at}({op}): {what}의 크기가 {size}입니다. 실험실의 것은 정사각형입니다.',
    words: { ko: ONNX_WHAT_KO },
  },
  'onnx.strides': {
    en: 'node {at} ({op}) has strides {strides}; the lab steps the same in height and width.',
    ko: '노드 {at}({op}): 스트라이드가 {strides}입니다. 실험실은 높이와 너비로 같은 폭만큼 움직입니다.',
  },
  'onnx.padsUneven': {
    en: 'node {at} ({op}) pads {pads}; the lab pads every side alike.',
    ko: '노드 {at}({op}): 패딩이 {pads}입니다. 실험실은 모든 변에 같은 패딩을 넣습니다.',
  },
  'onnx.dilations': {
    en: "node {at} ({op}) has dilations {dilations}; the lab's windows are not dilated.",
    ko: '노드 {at}({op}): 팽창(dilations)이 {dilations}입니다. 실험실의 윈도우는 팽창하지 않습니다.',
  },
  'onnx.grouped': {
    en: "node {at} ({op}) is a grouped convolution (group {group}); the lab's filters see every channel.",
    ko: '노드 {at}({op}): 그룹 합성곱입니다 (group {group}). 실험실의 필터는 모든 채널을 봅니다.',
  },
  'onnx.filtersShape': {
    en: "node {at} ({op}) has filters of shape {shape}; the lab's are [filters, channels, k, k].",
    ko: '노드 {at}({op}): 필터의 형상이 {shape}입니다. 실험실의 필터는 [필터, 채널, k, k]입니다.',
  },
  'onnx.filtersChannels': {
    en: 'node {at} ({op}) has filters for {channels#channel/channels} but gets {got}.',
    ko: '노드 {at}({op}): 필터는 채널 {channels}개용인데 {got}개를 받습니다.',
  },
  'onnx.kernelMismatch': {
    en: 'node {at} ({op}) says kernel {kernel} but its filters are {h}×{w}.',
    ko: '노드 {at}({op}): 커널은 {kernel}인데 필터는 {h}×{w}입니다.',
  },
  'onnx.ceilMode': {
    en: 'node {at} ({op}) rounds its output size up (ceil_mode); the lab rounds down.',
    ko: '노드 {at}({op}): 출력 크기를 올림합니다 (ceil_mode). 실험실은 내림합니다.',
  },
  'onnx.storageOrder': {
    en: 'node {at} ({op}) stores its indices column-major.',
    ko: '노드 {at}({op}): 인덱스를 열 우선으로 저장합니다.',
  },
  'onnx.noKernelShape': {
    en: 'node {at} ({op}) has no kernel_shape.',
    ko: '노드 {at}({op}): kernel_shape가 없습니다.',
  },
  'onnx.averageNoPad': {
    en: "node {at} ({op}) averages without its padding (count_include_pad 0); the lab counts the padding's zeros, as the book does.",
    ko: '노드 {at}({op}): 패딩을 빼고 평균합니다 (count_include_pad 0). 실험실은 책처럼 패딩의 0도 셉니다.',
  },
  'onnx.maxPadNegative': {
    en: 'node {at} ({op}) pads with −∞ where the lab pads with zeros, and its input can be negative.',
    ko: '노드 {at}({op}): 실험실이 0으로 패딩하는 곳을 −∞로 패딩하는데, 입력이 음수일 수 있습니다.',
  },
  'onnx.layerCannotWork': {
    en: 'node {at} ({op}) makes a {type} layer that cannot work.',
    ko: '노드 {at}({op}): 동작할 수 없는 {type} 계층을 만듭니다.',
  },
  'onnx.graphEndCannotWork': {
    en: 'The end of the graph makes a {type} layer that cannot work.',
    ko: '그래프의 끝에서 동작할 수 없는 {type} 계층을 만듭니다.',
  },
  'onnx.padMode': {
    en: 'node {at} ({op}) pads in "{mode}" mode; the lab pads with zeros.',
    ko: '노드 {at}({op}): "{mode}" 방식으로 패딩합니다. 실험실은 0으로 패딩합니다.',
  },
  'onnx.padAxes': {
    en: 'node {at} ({op}) pads chosen axes (the "axes" input), which the lab does not read.',
    ko: '노드 {at}({op}): 고른 축만 패딩합니다 ("axes" 입력). 실험실은 이것을 읽지 않습니다.',
  },
  'onnx.padValue': {
    en: 'node {at} ({op}) pads with {value}; the lab pads with zeros.',
    ko: '노드 {at}({op}): 패딩 값이 {value}입니다. 실험실은 0으로 패딩합니다.',
  },
  'onnx.padCount': {
    en: 'node {at} ({op}) has {count#pad/pads} for a {rank}-axis tensor.',
    ko: '노드 {at}({op}): 축 {rank}개인 텐서에 패딩 값이 {count}개입니다.',
  },
  'onnx.padBatch': {
    en: 'node {at} ({op}) pads the batch or the channels; the lab pads only the height and the width.',
    ko: '노드 {at}({op}): 배치나 채널을 패딩합니다. 실험실은 높이와 너비만 패딩합니다.',
  },
  'onnx.padNothingNext': {
    en: 'node {at} ({op}) pads an image that no convolution or pooling takes next.',
    ko: '노드 {at}({op}): 다음에 합성곱도 풀링도 받지 않는 이미지를 패딩합니다.',
  },
  'onnx.trainingMode': {
    en: 'node {at} ({op}) is in training mode; the lab imports a model at inference.',
    ko: '노드 {at}({op}): 학습 모드입니다. 실험실은 추론용 모델을 가져옵니다.',
  },
  'onnx.batchNormValues': {
    en: 'node {at} ({op}) has {count#value/values} of {what} for {channels#channel/channels}.',
    ko: '노드 {at}({op}): 채널 {channels}개에 대해 {what} 값이 {count}개입니다.',
    words: { ko: ONNX_WHAT_KO },
  },
  'onnx.epsilonSmall': {
    en: "node {at} ({op}) has epsilon {epsilon}, smaller than the lab's 1e-6, and a variance too small to fold it into.",
    ko: '노드 {at}({op}): epsilon이 {epsilon}입니다. 실험실의 1e-6보다 작고, 분산도 그 차이를 더해 넣기에 너무 작습니다.',
  },
  'onnx.reshape': {
    en: 'node {at} ({op}) reshapes {shape#value/values} per sample to [{target}]; the lab reshapes only to flatten.',
    ko: '노드 {at}({op}): 샘플마다 {shape} 값을 [{target}] 형상으로 바꿉니다. 실험실은 평탄화할 때만 형상을 바꿉니다.',
  },
  'onnx.mulFactor': {
    en: 'node {at} ({op}) multiplies by something other than one constant between 0 and 1 (the lab reads that as dropout at inference).',
    ko: '노드 {at}({op}): 0과 1 사이의 상수 하나가 아닌 것을 곱합니다 (실험실은 그것을 추론 때의 드롭아웃으로 읽습니다).',
  },
  'onnx.notFloat': {
    en: 'node {at} ({op}) has {what} of {dtype}, not float32 values.',
    ko: '노드 {at}({op}): {what|이/가} float32 값이 아니라 {dtype}입니다.',
    words: { en: ONNX_DATA_TYPE_EN, ko: ONNX_WHAT_KO },
  },
  'onnx.valuesCount': {
    en: 'node {at} ({op}) has {what} of shape {shape} ({count#value/values}) but holds {found}.',
    ko: '노드 {at}({op}): {what}의 형상은 {shape}(값 {count}개)인데 {found}개를 담고 있습니다.',
    words: { ko: ONNX_WHAT_KO },
  },
  'onnx.notFinite': {
    en: 'node {at} ({op}) has {what} value {index} that is {value}, not a finite number.',
    ko: '노드 {at}({op}): {what}의 {index}번째 값이 유한한 수가 아닌 {value}입니다.',
    words: { ko: ONNX_WHAT_KO },
  },
  'onnx.tooManyInts': {
    en: 'node {at} ({op}) has {count} integers where the lab expects a handful.',
    ko: '노드 {at}({op}): 실험실이 몇 개만 기대하는 곳에 정수가 {count}개 있습니다.',
  },
  'onnx.intsLength': {
    en: 'node {at} ({op}) holds a list of integers of the wrong length.',
    ko: '노드 {at}({op}): 정수 목록의 길이가 맞지 않습니다.',
  },
  'onnx.notInts': {
    en: 'node {at} ({op}) has {dtype} where it needs integers.',
    ko: '노드 {at}({op}): 정수가 필요한 곳에 {dtype|이/가} 있습니다.',
    words: { en: ONNX_DATA_TYPE_EN, ko: ONNX_WHAT_KO },
  },
  'onnx.sparse': {
    en: 'it has sparse initializers, which the lab does not read.',
    ko: '희소 초기화 값이 있습니다. 실험실은 이것을 읽지 않습니다.',
  },
  'onnx.endsWithPad': {
    en: 'it ends with a Pad node that no convolution or pooling takes.',
    ko: '어떤 합성곱이나 풀링도 받지 않는 Pad 노드로 끝납니다.',
  },
  'onnx.outputNotChain': {
    en: 'its output ({outputs}) is not the end of one chain of layers the lab can follow.',
    ko: '출력({outputs})이 실험실이 따라갈 수 있는 계층 사슬의 끝이 아닙니다.',
    words: { ko: { outputs: { none: '없음' } } },
  },
  'onnx.endsNotScores': {
    en: 'it ends with a {shape} output, not one score per class.',
    ko: '출력이 클래스마다 점수 하나가 아니라 {shape}입니다.',
  },
  'onnx.inputCount': {
    en: 'the lab takes a graph with one input, and this one has {count}.',
    ko: '실험실은 입력이 하나인 그래프를 받는데, 이 그래프는 입력이 {count}개입니다.',
  },
  'onnx.inputNotTensor': {
    en: 'its input "{name}" is not a tensor.',
    ko: '입력 {"name"|이/가} 텐서가 아닙니다.',
  },
  'onnx.inputNotFloat': {
    en: 'its input "{name}" holds {dtype}, not float32 values.',
    ko: '입력 "{name}"에 float32 값이 아니라 {dtype|이/가} 들어 있습니다.',
    words: { en: ONNX_DATA_TYPE_EN, ko: ONNX_WHAT_KO },
  },
  'onnx.inputShape': {
    en: 'its input "{name}" must be [batch, features] or [batch, channels, height, width] with known sizes, not [{dims}].',
    ko: '입력 {"name"|은/는} 크기가 알려진 [배치, 특징 수]나 [배치, 채널, 높이, 너비]여야 하는데 [{dims}]입니다.',
  },
  'onnx.initializerExternal': {
    en: 'initializer "{name}" keeps its values in another file{location} (external data), which the lab does not open.',
    ko: '초기화 값 "{name}": 값을 다른 파일{location}에 둡니다 (외부 데이터). 실험실은 그 파일을 열지 않습니다.',
  },
  'onnx.constantExternal': {
    en: "node {at} ({op})'s value keeps its values in another file{location} (external data), which the lab does not open.",
    ko: '노드 {at}({op})의 값: 값을 다른 파일{location}에 둡니다 (외부 데이터). 실험실은 그 파일을 열지 않습니다.',
  },
  'onnx.initializerNotShape': {
    en: 'initializer "{name}" has a shape of [{dims}], which is not a shape.',
    ko: '초기화 값 "{name}": 형상 [{dims}]는 형상이 아닙니다.',
  },
  'onnx.constantNotShape': {
    en: "node {at} ({op})'s value has a shape of [{dims}], which is not a shape.",
    ko: '노드 {at}({op})의 값: 형상 [{dims}]는 형상이 아닙니다.',
  },
  'onnx.initializerTooMany': {
    en: 'initializer "{name}" claims {count#value/values}; the lab takes at most {max} in a model.',
    ko: '초기화 값 "{name}": 값이 {count}개라고 합니다. 실험실은 한 모델에 {max}개까지만 받습니다.',
  },
  'onnx.constantTooMany': {
    en: "node {at} ({op})'s value claims {count#value/values}; the lab takes at most {max} in a model.",
    ko: '노드 {at}({op})의 값: 값이 {count}개라고 합니다. 실험실은 한 모델에 {max}개까지만 받습니다.',
  },
} as const satisfies Record<string, MessageTemplate>;

export type LabMessageCode = keyof typeof labMessages;

/** A refusal as data: its code and its values; `within` names the file it was found in, said first. */
export interface LabMessage {
  code: LabMessageCode;
  values: MessageValues;
  within?: string;
  /** What followed when the refusal stopped work part-way (an import): said after it, " — …". */
  after?: LabMessage;
}

export function isLabMessageCode(code: unknown): code is LabMessageCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(labMessages, code);
}

export type MessageLang = 'en' | 'ko';

export interface FillOptions {
  /** How a number is written (the app groups digits by locale); String by default. */
  number?: (value: number) => string;
  /** The particle for `word` out of a pair such as '을/를' (es-hangul at each door); the pair as written when absent. */
  particle?: (word: string, pair: string) => string;
  /** A value said in this language (a layer type's name, a field's label); the value itself when undefined. */
  word?: (name: string, value: string) => string | undefined;
}

/** The English noun for a count: plural(1, 'epoch', 'epochs') → 'epoch'; any other count → 'epochs'. */
export function plural(count: number, one: string, other: string): string {
  return count === 1 ? one : other;
}

/**
 * Fills `{name}`, `{name|을/를}` (the value and its particle), `{"name"|을/를}` or `{“name”|을/를}` (the
 * value in quotes, then its particle) and `{name#epoch/epochs}` (the count and its noun, singular for 1).
 * A placeholder without a value stays visible rather than vanishing.
 */
export function fillTemplate(template: string, values: MessageValues | undefined, options: FillOptions = {}): string {
  const placeholder = /\{(["“])?(\w+)(["”])?(?:\|([^{}|\s]+\/[^{}|\s]+)|#([^{}/]+)\/([^{}/]+))?\}/g;
  return template.replace(placeholder, (whole, open?: string, name?: string, close?: string, pair?: string, one?: string, other?: string) => {
    const raw = values?.[name!];
    if (raw === undefined || Boolean(open) !== Boolean(close)) return whole;
    const value = typeof raw === 'number' ? (options.number ? options.number(raw) : String(raw)) : (options.word?.(name!, raw) ?? raw);
    const shown = open ? `${open}${value}${close}` : value;
    if (one !== undefined && other !== undefined) return `${shown} ${plural(Number(raw), one, other)}`;
    if (!pair) return shown;
    return shown + (options.particle ? options.particle(value, pair) : `(${pair})`);
  });
}

/** A message's sentence in `lang`, its values put into words first where the table says how. */
export function renderMessage(lang: MessageLang, message: LabMessage, options: FillOptions = {}): string {
  const template: MessageTemplate = labMessages[message.code];
  // A sentence recognised from its English lacks the values only the other language names: said in English then.
  const needed = [...template[lang].matchAll(/\{["“]?(\w+)/g)].map((m) => m[1]!);
  if (lang !== 'en' && needed.some((name) => message.values[name] === undefined)) return renderMessage('en', message, options);
  const words = template.words?.[lang];
  const word = (name: string, value: string) => words?.[name]?.[value] ?? options.word?.(name, value);
  const sentence = fillTemplate(template[lang], message.values, { ...options, word });
  const said = message.within === undefined ? sentence : `${lang === 'ko' ? withinKo(message.within) : message.within}: ${sentence}`;
  if (message.after === undefined || !isLabMessageCode(message.after.code)) return said;
  // "nothing was changed" is no longer true once part of the work is kept: the sentence after says what was
  const unfinished = said.replace(lang === 'ko' ? /( 아무것도 바뀌지 않았습니다)?\.$/ : /(; nothing was changed)?\.$/, '');
  // The sentence after may be a whole refusal of its own (an ONNX node's layer): its full stop is the one that ends both.
  return `${unfinished} — ${renderMessage(lang, message.after, options).replace(/\.$/, '')}.`;
}

/** The English sentence of a message: what a LabError's `message` holds. */
export function englishMessage(message: LabMessage): string {
  return renderMessage('en', message);
}

const recognisers: [LabMessageCode, RegExp, string[]][] = (Object.keys(labMessages) as LabMessageCode[])
  .map((code): [LabMessageCode, RegExp, string[]] => {
    const template: MessageTemplate = labMessages[code];
    const names: string[] = [];
    let pattern = '';
    let last = 0;
    for (const match of template.en.matchAll(/\{(\w+)(?:#([^{}/]+)\/([^{}/]+))?\}/g)) {
      pattern += escapeRegExp(template.en.slice(last, match.index));
      const name = match[1]!;
      pattern += names.includes(name) ? `\\k<${name}>` : `(?<${name}>.+?)`;
      if (match[2] !== undefined && match[3] !== undefined) pattern += ` (?:${escapeRegExp(match[2])}|${escapeRegExp(match[3])})`;
      if (!names.includes(name)) names.push(name);
      last = match.index + match[0].length;
    }
    pattern += escapeRegExp(template.en.slice(last));
    return [code, new RegExp(`^${pattern}$`, 's'), names];
  })
  // The templates with the most fixed words are tried first, so a general one ('"{path}" {problem}.')
  // never takes a sentence that a more particular one wrote.
  .map((recogniser) => ({ recogniser, fixed: fixedLength(labMessages[recogniser[0]].en) }))
  .sort((a, b) => b.fixed - a.fixed)
  .map(({ recogniser }) => recogniser);

function fixedLength(english: string): number {
  return english.replace(/\{[^{}]*\}/g, '').length;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The code and values of an English sentence one of the templates wrote — for sentences stored before
 * codes travelled (a run's failure in the database), and those that arrive without one. Values come
 * back as the strings the sentence shows; the words a template maps come back to their keys.
 */
export function recogniseMessage(sentence: string): LabMessage | null {
  for (const [code, re, names] of recognisers) {
    // a run's failure is stored without its full stop (main/runs/RunManager.ts): either form is the sentence
    const match = re.exec(sentence) ?? (/[.!?]$/.test(sentence) ? null : re.exec(`${sentence}.`));
    if (!match) continue;
    const groups = match.groups ?? {};
    const englishWords = (labMessages[code] as MessageTemplate).words?.en;
    const values: Record<string, string> = {};
    for (const name of names) {
      const shown = groups[name]!;
      const key = englishWords?.[name] ? Object.keys(englishWords[name]).find((k) => englishWords[name]![k] === shown) : undefined;
      values[name] = key ?? shown;
    }
    return { code, values };
  }
  const colon = sentence.indexOf(': ');
  if (colon > 0) {
    const inner = recogniseMessage(sentence.slice(colon + 2));
    if (inner && inner.within === undefined) return { ...inner, within: sentence.slice(0, colon) };
  }
  return null;
}
