"""PyTorch peer for `npm run bench`: the book's two networks as a learner would write them in PyTorch.

Written for this project. The networks are the ones ours and the NumPy peer train: TwoLayerNet
(784-50-10, SGD lr 0.1) and SimpleConvNet (conv 30x5x5 - relu - max pool 2 - affine 100 - relu -
affine 10, Adam lr 0.001), float32, He initialisation, softmax cross-entropy (F.cross_entropy).

Two modes, one JSON object printed on stdout:

  --data FILE      the digits every peer uses (n x 784 image bytes, then n label bytes, n >= 1000):
                   the median milliseconds of single training steps at batch 100 (each step =
                   zero_grad + forward + loss + backward + optimizer step, after warm-up steps), and
                   inference images per second (batch 1000 under torch.no_grad, median of reps).
  --epoch FOLDER   one epoch of SimpleConvNet on the full Fashion-MNIST in that folder (the four
                   gzipped IDX files) in a plain loop, as `dlab train` runs it: shuffled mini-batches
                   of 100 (600 steps), then the accuracy and loss of the 60,000 training and 10,000
                   test images in batches of 500. Reports the seconds of loading, training and
                   measuring (the interpreter's and torch's own start-up are not counted).

--threads N sets torch.set_num_threads(N) before anything runs.
"""
import argparse
import gzip
import json
import os
import re
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn


def two_layer_net():
    net = nn.Sequential(nn.Flatten(), nn.Linear(784, 50), nn.ReLU(), nn.Linear(50, 10))
    return net, lambda params: torch.optim.SGD(params, lr=0.1)


def simple_conv_net():
    net = nn.Sequential(
        nn.Conv2d(1, 30, 5),
        nn.ReLU(),
        nn.MaxPool2d(2, 2),
        nn.Flatten(),
        nn.Linear(30 * 12 * 12, 100),
        nn.ReLU(),
        nn.Linear(100, 10),
    )
    return net, lambda params: torch.optim.Adam(params, lr=0.001, betas=(0.9, 0.999))


def he_init(net):
    """He initialisation and zero biases, as the book's networks (and ours) start."""
    for module in net.modules():
        if isinstance(module, (nn.Linear, nn.Conv2d)):
            nn.init.kaiming_normal_(module.weight, nonlinearity='relu')
            nn.init.zeros_(module.bias)
    return net


def median(values):
    s = sorted(values)
    m = len(s) // 2
    return s[m] if len(s) % 2 else (s[m - 1] + s[m]) / 2


def train_step(net, optimizer, x, t):
    optimizer.zero_grad()
    loss = F.cross_entropy(net(x), t)
    loss.backward()
    optimizer.step()
    return loss


def read_digits(path):
    raw = open(path, 'rb').read()
    n = len(raw) // 785
    x = torch.frombuffer(bytearray(raw[:n * 784]), dtype=torch.uint8).float().div_(255.0).reshape(n, 1, 28, 28)
    t = torch.frombuffer(bytearray(raw[n * 784:n * 785]), dtype=torch.uint8).long()
    return x, t


def bench_steps(path, warmup, steps, infer_reps):
    x_all, t_all = read_digits(path)
    out = {}
    for name, make in (('twoLayerNet', two_layer_net), ('simpleConvNet', simple_conv_net)):
        torch.manual_seed(1)
        net, make_optimizer = make()
        he_init(net)
        optimizer = make_optimizer(net.parameters())
        batches = [(x_all[100 * i:100 * (i + 1)], t_all[100 * i:100 * (i + 1)]) for i in range(5)]
        times = []
        for step in range(warmup + steps):
            x, t = batches[step % len(batches)]
            start = time.perf_counter()
            loss = train_step(net, optimizer, x, t)
            loss.item()  # the step is done when its loss can be read
            elapsed = time.perf_counter() - start
            if step >= warmup:
                times.append(elapsed * 1000.0)
        x_infer = x_all[:1000]
        with torch.no_grad():
            net(x_infer)  # warm-up
            infer = []
            for _ in range(infer_reps):
                start = time.perf_counter()
                net(x_infer)
                infer.append(time.perf_counter() - start)
        out[name] = {'trainStepMs': median(times), 'inferImagesPerSec': 1000 / median(infer)}
    return out


def read_idx(path):
    """A gzipped IDX file of unsigned bytes: images (n, 28, 28) or labels (n,)."""
    with gzip.open(path, 'rb') as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], 'big') for i in range(dims)]
    return torch.frombuffer(bytearray(raw[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


def measure(net, x, t):
    """Accuracy and mean cross-entropy in batches of 500, as `dlab train` measures every epoch."""
    correct = 0
    loss_sum = 0.0
    with torch.no_grad():
        for start in range(0, x.shape[0], 500):
            xb = x[start:start + 500].float().div_(255.0).unsqueeze(1)
            tb = t[start:start + 500].long()
            scores = net(xb)
            loss_sum += F.cross_entropy(scores, tb, reduction='sum').item()
            correct += (scores.argmax(1) == tb).sum().item()
    return correct / x.shape[0], loss_sum / x.shape[0]


def bench_epoch(folder):
    start = time.perf_counter()
    x_train = read_idx(os.path.join(folder, 'train-images-idx3-ubyte.gz'))
    t_train = read_idx(os.path.join(folder, 'train-labels-idx1-ubyte.gz'))
    x_test = read_idx(os.path.join(folder, 't10k-images-idx3-ubyte.gz'))
    t_test = read_idx(os.path.join(folder, 't10k-labels-idx1-ubyte.gz'))
    loaded = time.perf_counter()
    torch.manual_seed(1)
    net, make_optimizer = simple_conv_net()
    he_init(net)
    optimizer = make_optimizer(net.parameters())
    order = torch.randperm(x_train.shape[0])
    loss_sum = 0.0
    steps = x_train.shape[0] // 100
    for step in range(steps):
        idx = order[step * 100:(step + 1) * 100]
        x = x_train[idx].float().div_(255.0).unsqueeze(1)
        loss_sum += train_step(net, optimizer, x, t_train[idx].long()).item()
    trained = time.perf_counter()
    train_acc, _ = measure(net, x_train, t_train)
    test_acc, test_loss = measure(net, x_test, t_test)
    done = time.perf_counter()
    return {
        'loadSeconds': loaded - start,
        'trainSeconds': trained - loaded,
        'measureSeconds': done - trained,
        'seconds': done - start,
        'steps': steps,
        'trainLoss': loss_sum / steps,
        'trainAcc': train_acc,
        'testAcc': test_acc,
        'testLoss': test_loss,
    }


def cpu_capability():
    """The SIMD level torch's own kernels dispatch to here (AVX2, AVX512, DEFAULT), as its build config says."""
    found = re.search(r'CPU capability usage: (\S+)', torch.__config__.show())
    return found.group(1) if found else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--threads', type=int, default=1)
    parser.add_argument('--data')
    parser.add_argument('--epoch')
    parser.add_argument('--steps', type=int, default=30)
    parser.add_argument('--warmup', type=int, default=5)
    parser.add_argument('--infer-reps', type=int, default=10)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    result = {
        'torch': torch.__version__,
        'threads': torch.get_num_threads(),
        'capability': cpu_capability(),
        'mkldnn': torch.backends.mkldnn.is_available(),
    }
    if args.data:
        result.update(bench_steps(args.data, args.warmup, args.steps, args.infer_reps))
        result.update({'steps': args.steps, 'warmup': args.warmup, 'inferReps': args.infer_reps})
    if args.epoch:
        result['epoch'] = bench_epoch(args.epoch)
    json.dump(result, sys.stdout)


if __name__ == '__main__':
    main()
