// A trained lab network as a small PyTorch program a learner reads and runs: model.py (an nn.Module with
// the same layers in the same order, and the function that loads the weights) beside weights.json.
// weights.json is the lab's own weights file in the book's layout, not a .pt or .npz: Node writes it
// without another library, the book's NumPy code and the lab read the same file back, and model.py shows
// in three lines the one place where the layouts differ (nn.Linear keeps [out, in], the book's W is
// [in, out], so W is transposed). The cost, a slower load for a large model, is a second or two.

import { labError } from '../../engine/errors';
import type { LayerPlan } from '../../engine/model';
import type { Network } from '../../engine/network';
import { sizeOf } from '../../engine/tensor';
import { exportWeights, weightsToJson } from '../../engine/weights';

export const PYTORCH_MODEL_FILE = 'model.py';
export const PYTORCH_WEIGHTS_FILE = 'weights.json';

export interface PytorchExport {
  /** model.py's text. */
  model: string;
  /** weights.json's text: the lab's weights file. */
  weights: string;
}

interface ModuleLine {
  code: string;
  comment?: string;
  /** Lines of load_book_weights for this module, with {m} for the module's expression. */
  loads?: string[];
  /** The book dropout's or the image BatchNorm's helper class this module needs. */
  needs?: 'dropout' | 'image-batchnorm';
}

/** model.py and weights.json for the network; `meta` goes into weights.json as the lab's export does. */
export function exportPytorch(network: Network, meta: Record<string, unknown> = {}, title = 'A network from Deep Learning Lab'): PytorchExport {
  const modules: ModuleLine[] = [];
  for (const layer of network.plan.layers) modules.push(...modulesOf(layer));
  const needs = new Set(modules.map((m) => m.needs).filter(Boolean));
  const lines = modules.map((m) => `            ${m.code},${m.comment ? `  # ${m.comment}` : ''}`);
  const loads = modules.flatMap((m, i) => (m.loads ?? []).map((line) => `        ${line.replaceAll('{m}', `model.layers[${i}]`)}`));
  const input = network.plan.input;
  const text = `"""${title.replaceAll('"""', "'''")} — written by Deep Learning Lab for PyTorch.

The same layers in the same order as in the lab, and the weights the lab trained (weights.json, the
book's layout). Run it:

    python model.py               prints the model and the probabilities for one blank input
    python model.py inputs.json   prints {"probabilities": [...], "predicted": [...]} for a batch;
                                  inputs.json is {"shape": [N, ${input.join(', ')}], "data": [...]}
                                  (and "labels": [...] to print the accuracy too)

To continue training: model.train(), nn.CrossEntropyLoss() on model(x) (the scores; it applies the
softmax itself, as the lab's Softmax-with-Loss does), and any torch.optim optimizer.
"""
import json
import sys
from pathlib import Path

import torch
from torch import nn
${needs.has('dropout') ? BOOK_DROPOUT : ''}${needs.has('image-batchnorm') ? IMAGE_BATCHNORM : ''}

class Model(nn.Module):
    """Input: a batch of shape [N, ${input.join(', ')}]. Output: one score per class (before softmax)."""

    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(
${lines.join('\n')}
        )

    def forward(self, x):
        return self.layers(x)


def load_book_weights(model, path):
    """Copies the lab's weights file into the model.

    The book's Affine W is [in, out]; nn.Linear keeps its weight as [out, in], so W is transposed (W.T).
    Convolution weights are [filters, channels, kh, kw] in both. BatchNorm keeps its running statistics.
    """
    params = json.loads(Path(path).read_text())["params"]

    def book(name):
        p = params[name]
        return torch.tensor(p["data"], dtype=torch.float32).reshape(p["shape"])

    with torch.no_grad():
${loads.join('\n')}
    return model


def main():
    model = load_book_weights(Model(), Path(__file__).with_name("weights.json"))
    model.eval()  # dropout and BatchNorm as at inference, as the lab evaluates
    if len(sys.argv) < 2:
        print(model)
        print(sum(p.numel() for p in model.parameters()), "parameters")
        with torch.no_grad():
            print(torch.softmax(model(torch.zeros(1, ${input.join(', ')})), dim=1))
        return
    batch = json.loads(Path(sys.argv[1]).read_text())
    x = torch.tensor(batch["data"], dtype=torch.float32).reshape(batch["shape"])
    with torch.no_grad():
        probabilities = torch.softmax(model(x), dim=1)
    predicted = probabilities.argmax(dim=1)
    result = {"probabilities": probabilities.flatten().tolist(), "predicted": predicted.tolist()}
    if "labels" in batch:
        result["accuracy"] = (predicted == torch.tensor(batch["labels"])).float().mean().item()
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
`;
  return { model: text, weights: weightsToJson(exportWeights(network, meta)) };
}

const BOOK_DROPOUT = `

class BookDropout(nn.Module):
    """The book's dropout (§6.4.3): while training, each value is dropped with probability \`ratio\`;
    at inference every value is kept and scaled by (1 - ratio). (nn.Dropout scales while training
    instead, so its inference is the identity: the same expectation, other numbers.)"""

    def __init__(self, ratio):
        super().__init__()
        self.ratio = ratio

    def forward(self, x):
        if self.training:
            return x * (torch.rand_like(x) > self.ratio)
        return x * (1.0 - self.ratio)
`;

const IMAGE_BATCHNORM = `

class ImageBatchNorm(nn.Module):
    """The book's BatchNorm on an image: every value (C·H·W of them) is normalised on its own, where
    nn.BatchNorm2d would share one mean and variance per channel."""

    def __init__(self, shape):
        super().__init__()
        self.shape = shape
        self.norm = nn.BatchNorm1d(shape[0] * shape[1] * shape[2], eps=1e-6, momentum=0.1)

    def forward(self, x):
        return self.norm(x.flatten(1)).reshape(-1, *self.shape)
`;

function modulesOf(layer: LayerPlan): ModuleLine[] {
  const n = layer.index + 1;
  const s = layer.settings;
  const name = (key: string) => [...layer.params, ...layer.buffers].find((p) => p.key === key)!.name;
  switch (layer.type) {
    case 'affine': {
      const inputs = sizeOf(layer.inputShape);
      const linear: ModuleLine = {
        code: `nn.Linear(${inputs}, ${s.units as number})`,
        comment: `layer ${n}, affine: ${name('W')} [${inputs}, ${s.units as number}] transposed, ${name('b')}`,
        loads: [`{m}.weight.copy_(book("${name('W')}").T)`, `{m}.bias.copy_(book("${name('b')}"))`],
      };
      // the book's Affine flattens an image itself (x.reshape(N, -1)); PyTorch says it with a module
      return layer.inputShape.length > 1 ? [{ code: 'nn.Flatten()', comment: `layer ${n}: the affine layer's x.reshape(N, -1)` }, linear] : [linear];
    }
    case 'conv': {
      const [channels] = layer.inputShape;
      return [
        {
          code: `nn.Conv2d(${channels}, ${s.filters as number}, kernel_size=${s.kernel as number}, stride=${s.stride as number}, padding=${s.pad as number})`,
          comment: `layer ${n}, convolution: ${name('W')}, ${name('b')}`,
          loads: [`{m}.weight.copy_(book("${name('W')}"))`, `{m}.bias.copy_(book("${name('b')}"))`],
        },
      ];
    }
    case 'pool': {
      const size = s.size as number;
      const stride = (s.stride as number | undefined) ?? size;
      const pad = s.pad as number;
      const pool = s.mode === 'average' ? 'nn.AvgPool2d' : 'nn.MaxPool2d';
      const out: ModuleLine[] = [];
      // the book pads with zeros that take part in the max or the average, as ZeroPad2d does
      if (pad > 0) out.push({ code: `nn.ZeroPad2d(${pad})`, comment: `layer ${n}: the pooling's zero padding` });
      out.push({ code: `${pool}(kernel_size=${size}, stride=${stride})`, comment: `layer ${n}, ${s.mode as string} pooling` });
      return out;
    }
    case 'batchnorm': {
      const loads = [
        `{m}${layer.inputShape.length > 1 ? '.norm' : ''}.weight.copy_(book("${name('gamma')}"))`,
        `{m}${layer.inputShape.length > 1 ? '.norm' : ''}.bias.copy_(book("${name('beta')}"))`,
        `{m}${layer.inputShape.length > 1 ? '.norm' : ''}.running_mean.copy_(book("${name('running_mean')}"))`,
        `{m}${layer.inputShape.length > 1 ? '.norm' : ''}.running_var.copy_(book("${name('running_var')}"))`,
      ];
      const what = `layer ${n}, batch normalization: ${name('gamma')}, ${name('beta')} and the running statistics`;
      if (layer.inputShape.length > 1) {
        return [{ code: `ImageBatchNorm((${layer.inputShape.join(', ')}))`, comment: what, loads, needs: 'image-batchnorm' }];
      }
      // the book's momentum 0.9 keeps 90% of the old average; PyTorch's momentum is the new value's share
      return [{ code: `nn.BatchNorm1d(${sizeOf(layer.inputShape)}, eps=1e-6, momentum=0.1)`, comment: what, loads }];
    }
    case 'dropout':
      return [{ code: `BookDropout(${s.ratio as number})`, comment: `layer ${n}`, needs: 'dropout' }];
    case 'relu':
      return [{ code: 'nn.ReLU()', comment: `layer ${n}` }];
    case 'leaky-relu':
      return [{ code: `nn.LeakyReLU(${s.alpha as number})`, comment: `layer ${n}` }];
    case 'sigmoid':
      return [{ code: 'nn.Sigmoid()', comment: `layer ${n}` }];
    case 'tanh':
      return [{ code: 'nn.Tanh()', comment: `layer ${n}` }];
    case 'flatten':
      return [{ code: 'nn.Flatten()', comment: `layer ${n}` }];
    case 'softmax-with-loss':
      return []; // forward returns the scores; the softmax is in main() and in nn.CrossEntropyLoss
    default:
      throw labError('usage', 'convert.noPytorchForm', { n, type: layer.type });
  }
}
