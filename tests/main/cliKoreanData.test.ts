// Image folders, CSV files and ONNX models refused under a Korean locale: each was an English sentence
// inside the Korean CLI before it travelled as a code (r5-ko). Real processes (bin/dlab.js), real files on
// disk: a PNG whose header is damaged, a CSV file with a text feature column, an ONNX model with a node
// the lab cannot express. The English locale still says the very sentence it said before.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { beforeAll, describe, expect, it } from 'vitest';

const { onnx } = onnxProto;
const root = new URL('../..', import.meta.url).pathname;
const fixtures = new URL('../fixtures/onnx/', import.meta.url).pathname;
let dir: string;

function dlab(lang: string, ...argv: string[]) {
  return spawnSync(process.execPath, [join(root, 'bin/dlab.js'), ...argv], { encoding: 'utf8', cwd: dir, env: { PATH: process.env.PATH ?? '', LANG: lang } });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dlab-ko-data-'));
  // a PNG's signature and the start of its header, then bytes that are no PNG chunk: sharp refuses its header
  const damaged = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDRbroken-----')]);
  for (const name of ['cat', 'dog']) {
    mkdirSync(join(dir, 'pets', name), { recursive: true });
    for (const i of [1, 2, 3]) writeFileSync(join(dir, 'pets', name, `${i}.png`), damaged);
  }
  const experiment = {
    format: 'dlab-experiment',
    version: 1,
    name: 'pets',
    model: { input: [1, 4, 4], layers: [{ type: 'flatten' }, { type: 'affine', units: 2, init: 'xavier' }, { type: 'softmax-with-loss' }] },
    data: { source: 'images:pets' },
    training: { optimizer: { type: 'adam', lr: 0.1 }, batchSize: 4, epochs: 1, seed: 1 },
  };
  writeFileSync(join(dir, 'pets.dlab.json'), JSON.stringify(experiment));
  writeFileSync(join(dir, 'fruit.csv'), 'weight,colour,kind\n120,red,apple\n150,yellow,banana\n130,green,apple\n');
  const model = onnx.ModelProto.decode(readFileSync(join(fixtures, 'torch-convnet.onnx')));
  model.graph!.node![1]!.opType = 'HardSwish';
  writeFileSync(join(dir, 'swish.onnx'), onnx.ModelProto.encode(model).finish());
  // a convolution that steps 1 down and 2 across: the lab's step is the same both ways
  const strided = onnx.ModelProto.decode(readFileSync(join(fixtures, 'torch-convnet.onnx')));
  const conv = strided.graph!.node!.find((node) => node.opType === 'Conv')!;
  conv.attribute = [
    ...(conv.attribute ?? []).filter((a) => a.name !== 'strides'),
    { name: 'strides', type: onnx.AttributeProto.AttributeType.INTS, ints: [1, 2] },
  ];
  writeFileSync(join(dir, 'strided.onnx'), onnx.ModelProto.encode(strided).finish());
});

describe('dlab under a Korean locale: image folders, CSV files and ONNX models', () => {
  it('a damaged image in an image folder', () => {
    const korean = dlab('ko_KR.UTF-8', 'train', 'pets.dlab.json', '--workers', '1');
    expect(korean.status).toBe(2);
    // the particle follows the extension as it is read aloud (피엔지 → 를); the decoder's own reason stays as it came
    expect(korean.stderr).toMatch(/^이미지 .*pets\/cat\/1\.png를 읽을 수 없습니다: .+\.\n$/);
    const english = dlab('en_US.UTF-8', 'train', 'pets.dlab.json', '--workers', '1');
    expect(english.stderr).toMatch(/^The image .*pets\/cat\/1\.png cannot be read: .+\.\n$/);
  });

  it('a text column among the features of a CSV file', () => {
    const korean = dlab('ko_KR.UTF-8', 'datasets', 'csv:fruit.csv');
    expect(korean.status).toBe(1);
    expect(korean.stderr.trim()).toBe('fruit.csv의 2행 "colour" 열: "red"는 수가 아닙니다. 특징 열에는 수가 들어가야 합니다 (글자 열이라면 원-핫을 고르세요).');
    const english = dlab('en_US.UTF-8', 'datasets', 'csv:fruit.csv');
    expect(english.stderr.trim()).toBe(
      'fruit.csv row 2, column "colour": "red" is not a number; a feature column must hold numbers (or choose one-hot for a text column).',
    );
    // the JSON keeps the English sentence, for scripts
    expect(JSON.parse(dlab('ko_KR.UTF-8', 'datasets', 'csv:fruit.csv', '--json').stdout).problem).toBe(english.stderr.trim());
  });

  it('an ONNX node the lab cannot express', () => {
    const korean = dlab('ko_KR.UTF-8', 'convert', 'swish.onnx', '--to', 'dlab', '--out', 'swish.json');
    expect(korean.status).toBe(2);
    expect(korean.stderr).toMatch(
      /^swish\.onnx: 노드 2\(HardSwish "\/2\/Relu"\): 실험실이 나타낼 수 없는 연산자입니다 \(아는 연산자: Gemm, .*, Identity, Constant\)\.\n$/,
    );
    const english = dlab('en_US.UTF-8', 'convert', 'swish.onnx', '--to', 'dlab', '--out', 'swish.json');
    expect(english.stderr).toMatch(
      /^swish\.onnx: node 2 \(HardSwish "\/2\/Relu"\) is an operator the lab cannot express \(it knows Gemm, .*, Identity and Constant\)\.\n$/,
    );
  });

  it("an ONNX node's attribute the lab cannot take (its strides)", () => {
    const korean = dlab('ko_KR.UTF-8', 'convert', 'strided.onnx', '--to', 'dlab', '--out', 'strided.json');
    expect(korean.status).toBe(2);
    expect(korean.stderr).toMatch(/^strided\.onnx: 노드 1\(Conv "[^"]*"\): 스트라이드가 1, 2입니다\. 실험실은 높이와 너비로 같은 폭만큼 움직입니다\.\n$/);
    const english = dlab('en_US.UTF-8', 'convert', 'strided.onnx', '--to', 'dlab', '--out', 'strided.json');
    expect(english.stderr).toMatch(/^strided\.onnx: node 1 \(Conv "[^"]*"\) has strides 1, 2; the lab steps the same in height and width\.\n$/);
  });
});
