#!/usr/bin/python3
"""Makes the PyTorch-made ONNX fixtures the lab's import is tested with.

Two small models are defined and trained briefly in PyTorch on the bundled digits, then exported with
torch.onnx.export (opset 13, a dynamic batch), as a learner would hand a model over:

  torch-convnet.onnx  Conv (padded) + BatchNorm2d + ReLU + MaxPool, Conv (stride 2) + ReLU + AvgPool (sizes that tile
                      exactly: the lab refuses a window that would drop the last row, as torch floors),
                      Flatten, Linear, Dropout, Tanh, Linear, Softmax. In eval mode torch folds the
                      BatchNorm into the convolution and wraps the AvgPool in Constant + Pad.
  torch-mlp.onnx      Flatten, x @ W + b (MatMul + Add), BatchNorm1d, LeakyReLU, Linear, Sigmoid, Linear.

Beside each it writes NAME.probabilities.json: PyTorch's probabilities for the bundled test digits.

    /usr/bin/python3 scripts/make-torch-fixtures.py [--data build/data/mnist] [--out tests/fixtures/onnx]
"""
import argparse
import json
import struct
from pathlib import Path

import torch
from torch import nn

ROOT = Path(__file__).resolve().parent.parent


def read_idx(path):
    """An IDX file (the MNIST format) as a uint8 tensor of its shape."""
    data = Path(path).read_bytes()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4 : 4 + 4 * dims])
    return torch.frombuffer(bytearray(data[4 + 4 * dims :]), dtype=torch.uint8).reshape(shape)


def digits(folder, split):
    prefix = "train" if split == "train" else "t10k"
    images = read_idx(Path(folder) / f"{prefix}-images-idx3-ubyte").float().div(255).unsqueeze(1)
    labels = read_idx(Path(folder) / f"{prefix}-labels-idx1-ubyte").long()
    return images, labels


class MatMulAffine(nn.Module):
    """x @ W + b with W as [in, out], the book's layout: torch exports it as MatMul + Add, not Gemm."""

    def __init__(self, inputs, units):
        super().__init__()
        self.W = nn.Parameter(torch.randn(inputs, units) * (2 / inputs) ** 0.5)
        self.b = nn.Parameter(torch.zeros(units))

    def forward(self, x):
        return x @ self.W + self.b


def convnet():
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1),
        nn.BatchNorm2d(8),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 4, stride=2, padding=1),
        nn.ReLU(),
        nn.AvgPool2d(3, stride=2),
        nn.Flatten(),
        nn.Linear(16 * 3 * 3, 32),
        nn.Dropout(0.2),
        nn.Tanh(),
        nn.Linear(32, 10),
        nn.Softmax(dim=1),
    )


def mlp():
    return nn.Sequential(
        nn.Flatten(),
        MatMulAffine(784, 64),
        nn.BatchNorm1d(64),
        nn.LeakyReLU(0.1),
        nn.Linear(64, 32),
        nn.Sigmoid(),
        nn.Linear(32, 10),
        nn.Softmax(dim=1),
    )


def train_briefly(model, images, labels, seed):
    """One epoch of Adam on the first 2,000 training digits; the last Softmax is left out of the loss."""
    torch.manual_seed(seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.005)
    loss_of = nn.NLLLoss()
    model.train()
    order = torch.randperm(2000)
    for start in range(0, 2000, 100):
        batch = order[start : start + 100]
        optimizer.zero_grad()
        loss = loss_of(torch.log(model(images[batch]) + 1e-7), labels[batch])
        loss.backward()
        optimizer.step()
    model.eval()
    return model


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT / "build" / "data" / "mnist"))
    parser.add_argument("--out", default=str(ROOT / "tests" / "fixtures" / "onnx"))
    args = parser.parse_args()
    torch.set_num_threads(1)  # the same numbers on every machine this runs on
    train_images, train_labels = digits(args.data, "train")
    test_images, test_labels = digits(args.data, "test")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, make, seed in [("torch-convnet", convnet, 1), ("torch-mlp", mlp, 2)]:
        torch.manual_seed(seed)
        model = train_briefly(make(), train_images, train_labels, seed)
        torch.onnx.export(
            model,
            test_images[:1],
            str(out / f"{name}.onnx"),
            opset_version=13,
            input_names=["input"],
            output_names=["probabilities"],
            dynamic_axes={"input": {0: "batch"}, "probabilities": {0: "batch"}},
        )
        with torch.no_grad():
            probabilities = model(test_images)
        accuracy = (probabilities.argmax(dim=1) == test_labels).float().mean().item()
        (out / f"{name}.probabilities.json").write_text(
            json.dumps({"accuracy": accuracy, "probabilities": probabilities.flatten().tolist()})
        )
        print(f"{name}: accuracy {accuracy:.4f} on {len(test_labels)} test digits")


if __name__ == "__main__":
    main()
