"""NumPy peer for `npm run bench`: the book's two networks, trained the book's way.

Written for this project from the book's equations ("Deep Learning from Scratch", chapters 5-7):
Affine, ReLU, Convolution and max Pooling by im2col/col2im (the im2col that loops over filter
positions), SoftmaxWithLoss, and the SGD and Adam updates of the book's common/optimizer.py.

As in the book, inputs are float32 (load_mnist with normalize=True) and the parameters come from
np.random.randn, so they are float64 and so is every product: NumPy promotes float32 x float64.
`--dtype float32` keeps everything float32 instead (a variant the book does not run).

Measures the median milliseconds of a full training step (forward, backward, update) at batch 100
after warm-up steps, and inference images per second (predict, batch 1000), for TwoLayerNet
(784-50-10, SGD lr 0.1) and SimpleConvNet (conv 30x5x5 - relu - pool 2 - affine 100 - relu -
affine 10, Adam lr 0.001). `npm run bench` passes `--data FILE`: the first bundled MNIST training
digits (n x 784 bytes, then n label bytes), the digits the other peers and ours use, normalised as
load_mnist(normalize=True) does; without it the data is random and MNIST-shaped.

Prints one JSON object. The BLAS is read at run time (the library NumPy actually loaded, and for
OpenBLAS its configuration, core type and thread count); the thread count comes from the
environment (OPENBLAS_NUM_THREADS), which must be set before NumPy loads.

Usage: /usr/bin/python3 book_train_step.py [--steps 30] [--warmup 5] [--dtype book|float32]
                                          [--infer-reps 10] [--only twolayer|convnet] [--probe]
                                          [--data FILE]
"""
import argparse
import ctypes
import json
import os
import platform
import sys
import time

import numpy as np


# ---------------------------------------------------------------------------------------------
# im2col / col2im: an (N, C, H, W) batch <-> a matrix with one row per output position and one
# column per (channel, filter row, filter column), filled by looping over the filter positions.

def out_size(size, filter_size, stride, pad):
    return (size + 2 * pad - filter_size) // stride + 1


def im2col(x, fh, fw, stride=1, pad=0, dtype=np.float64):
    n, c, h, w = x.shape
    oh = out_size(h, fh, stride, pad)
    ow = out_size(w, fw, stride, pad)
    padded = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)], 'constant')
    # The book allocates this buffer with np.zeros' default dtype (float64).
    cols = np.zeros((n, c, fh, fw, oh, ow), dtype=dtype)
    for i in range(fh):
        i_end = i + stride * oh
        for j in range(fw):
            j_end = j + stride * ow
            cols[:, :, i, j, :, :] = padded[:, :, i:i_end:stride, j:j_end:stride]
    # rows: (n, oy, ox); columns: (c, i, j)
    return cols.transpose(0, 4, 5, 1, 2, 3).reshape(n * oh * ow, -1)


def col2im(cols, x_shape, fh, fw, stride=1, pad=0):
    n, c, h, w = x_shape
    oh = out_size(h, fh, stride, pad)
    ow = out_size(w, fw, stride, pad)
    blocks = cols.reshape(n, oh, ow, c, fh, fw).transpose(0, 3, 4, 5, 1, 2)
    # One spare row/column per side of the stride, as in the book, so every slice fits.
    image = np.zeros((n, c, h + 2 * pad + stride - 1, w + 2 * pad + stride - 1), dtype=cols.dtype)
    for i in range(fh):
        i_end = i + stride * oh
        for j in range(fw):
            j_end = j + stride * ow
            image[:, :, i:i_end:stride, j:j_end:stride] += blocks[:, :, i, j, :, :]
    return image[:, :, pad:h + pad, pad:w + pad]


# ---------------------------------------------------------------------------------------------
# Layers (forward keeps what backward needs; backward returns dL/dx and stores parameter grads).

class Affine:
    def __init__(self, W, b):
        self.W, self.b = W, b
        self.dW = self.db = None

    def forward(self, x):
        self.in_shape = x.shape
        self.x = x.reshape(x.shape[0], -1)
        return self.x @ self.W + self.b  # y = x W + b

    def backward(self, dy):
        self.dW = self.x.T @ dy          # dL/dW = x^T dy
        self.db = dy.sum(axis=0)         # dL/db = sum over the batch
        return (dy @ self.W.T).reshape(self.in_shape)  # dL/dx = dy W^T


class Relu:
    def forward(self, x):
        self.off = x <= 0
        y = x.copy()
        y[self.off] = 0
        return y

    def backward(self, dy):
        dy[self.off] = 0
        return dy


class Convolution:
    def __init__(self, W, b, stride=1, pad=0, dtype=np.float64):
        self.W, self.b, self.stride, self.pad, self.dtype = W, b, stride, pad, dtype
        self.dW = self.db = None

    def forward(self, x):
        fn, c, fh, fw = self.W.shape
        n, _, h, w = x.shape
        oh = out_size(h, fh, self.stride, self.pad)
        ow = out_size(w, fw, self.stride, self.pad)
        self.x = x
        self.cols = im2col(x, fh, fw, self.stride, self.pad, self.dtype)
        self.W_cols = self.W.reshape(fn, -1).T          # (c*fh*fw, fn)
        y = self.cols @ self.W_cols + self.b            # one row per output position
        return y.reshape(n, oh, ow, -1).transpose(0, 3, 1, 2)

    def backward(self, dy):
        fn, c, fh, fw = self.W.shape
        dy = dy.transpose(0, 2, 3, 1).reshape(-1, fn)
        self.db = dy.sum(axis=0)
        self.dW = (self.cols.T @ dy).transpose(1, 0).reshape(fn, c, fh, fw)
        dcols = dy @ self.W_cols.T
        return col2im(dcols, self.x.shape, fh, fw, self.stride, self.pad)


class MaxPooling:
    def __init__(self, ph, pw, stride=1, pad=0, dtype=np.float64):
        self.ph, self.pw, self.stride, self.pad, self.dtype = ph, pw, stride, pad, dtype

    def forward(self, x):
        n, c, h, w = x.shape
        oh = out_size(h, self.ph, self.stride, self.pad)
        ow = out_size(w, self.pw, self.stride, self.pad)
        cols = im2col(x, self.ph, self.pw, self.stride, self.pad, self.dtype).reshape(-1, self.ph * self.pw)
        self.x = x
        self.argmax = np.argmax(cols, axis=1)
        y = np.max(cols, axis=1)
        return y.reshape(n, oh, ow, c).transpose(0, 3, 1, 2)

    def backward(self, dy):
        dy = dy.transpose(0, 2, 3, 1)
        window = self.ph * self.pw
        # The gradient flows only to the position that won each window.
        routed = np.zeros((dy.size, window), dtype=dy.dtype)
        routed[np.arange(self.argmax.size), self.argmax.flatten()] = dy.flatten()
        routed = routed.reshape(dy.shape + (window,))
        dcols = routed.reshape(routed.shape[0] * routed.shape[1] * routed.shape[2], -1)
        return col2im(dcols, self.x.shape, self.ph, self.pw, self.stride, self.pad)


def softmax(a):
    a = a - a.max(axis=-1, keepdims=True)
    e = np.exp(a)
    return e / e.sum(axis=-1, keepdims=True)


class SoftmaxWithLoss:
    def forward(self, a, labels):
        self.labels = labels
        self.y = softmax(a)
        n = a.shape[0]
        # Cross-entropy with the book's 1e-7 guard; labels as class indices (one_hot_label=False).
        return -np.sum(np.log(self.y[np.arange(n), labels] + 1e-7)) / n

    def backward(self, dout=1):
        n = self.labels.shape[0]
        d = self.y.copy()
        d[np.arange(n), self.labels] -= 1   # (y - t) / N
        return d * dout / n


# ---------------------------------------------------------------------------------------------
# Optimizers, as in the book's common/optimizer.py.

class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            params[key] -= self.lr * grads[key]


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2 = lr, beta1, beta2
        self.iter = 0
        self.m = self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.iter += 1
        # Bias correction folded into the step size.
        lr_t = self.lr * np.sqrt(1.0 - self.beta2 ** self.iter) / (1.0 - self.beta1 ** self.iter)
        for key in params:
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key] ** 2 - self.v[key])
            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)


# ---------------------------------------------------------------------------------------------
# Networks: a list of layers, a loss layer, parameters by name (the book's W1, b1, ...).

class Net:
    def __init__(self, layers, param_layers, params):
        self.layers = layers
        self.param_layers = param_layers  # [(index, layer)], index 1.. names W<i>, b<i>
        self.params = params
        self.last = SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        return self.last.forward(self.predict(x), t)

    def gradient(self, x, t):
        self.loss(x, t)
        d = self.last.backward(1)
        for layer in reversed(self.layers):
            d = layer.backward(d)
        grads = {}
        for i, layer in self.param_layers:
            grads['W%d' % i] = layer.dW
            grads['b%d' % i] = layer.db
        return grads


def he(rng, fan_in, shape, dtype):
    # The lab's examples use He initialisation; the values do not affect the timing.
    return (rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)).astype(dtype, copy=False)


def two_layer_net(rng, dtype):
    p = {
        'W1': he(rng, 784, (784, 50), dtype), 'b1': np.zeros(50, dtype=dtype),
        'W2': he(rng, 50, (50, 10), dtype), 'b2': np.zeros(10, dtype=dtype),
    }
    a1, a2 = Affine(p['W1'], p['b1']), Affine(p['W2'], p['b2'])
    return Net([a1, Relu(), a2], [(1, a1), (2, a2)], p)


def simple_conv_net(rng, dtype):
    fn, k = 30, 5
    conv_out = 28 - k + 1              # 24
    pool_out = fn * (conv_out // 2) ** 2  # 30 * 12 * 12 = 4320
    p = {
        'W1': he(rng, 1 * k * k, (fn, 1, k, k), dtype), 'b1': np.zeros(fn, dtype=dtype),
        'W2': he(rng, pool_out, (pool_out, 100), dtype), 'b2': np.zeros(100, dtype=dtype),
        'W3': he(rng, 100, (100, 10), dtype), 'b3': np.zeros(10, dtype=dtype),
    }
    conv = Convolution(p['W1'], p['b1'], 1, 0, dtype)
    a2, a3 = Affine(p['W2'], p['b2']), Affine(p['W3'], p['b3'])
    layers = [conv, Relu(), MaxPooling(2, 2, 2, 0, dtype), a2, Relu(), a3]
    return Net(layers, [(1, conv), (2, a2), (3, a3)], p)


# ---------------------------------------------------------------------------------------------
# Measuring.

def median(values):
    s = sorted(values)
    m = len(s) // 2
    return s[m] if len(s) % 2 else (s[m - 1] + s[m]) / 2


def time_training(net, optimizer, batches, warmup, steps):
    times = []
    for step in range(warmup + steps):
        x, t = batches[step % len(batches)]
        start = time.perf_counter()
        grads = net.gradient(x, t)
        optimizer.update(net.params, grads)
        elapsed = time.perf_counter() - start
        if step >= warmup:
            times.append(elapsed * 1000.0)
    return times


def time_inference(net, x, reps):
    net.predict(x)  # warm-up
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        net.predict(x)
        times.append(time.perf_counter() - start)
    return x.shape[0] / median(times)


def mnist_batch(rng, n, flat):
    x = rng.random((n, 1, 28, 28), dtype=np.float32)  # normalised pixels in [0, 1)
    t = rng.integers(0, 10, size=n)
    return (x.reshape(n, 784) if flat else x), t


def read_digits(path):
    """The --data file: n images of 784 bytes, then their n labels."""
    raw = np.fromfile(path, dtype=np.uint8)
    n = raw.size // 785
    x = raw[:n * 784].astype(np.float32)
    x /= 255.0  # as load_mnist(normalize=True)
    return x.reshape(n, 1, 28, 28), raw[n * 784:n * 785].astype(np.int64)


def digit_batch(digits, start, n, flat):
    x, t = digits[0][start:start + n], digits[1][start:start + n]
    return (x.reshape(n, 784) if flat else x), t


def bench_net(make_net, make_optimizer, flat, args, dtype, digits):
    rng = np.random.default_rng(1)
    net = make_net(rng, dtype)
    if digits is None:
        batches = [mnist_batch(rng, 100, flat) for _ in range(5)]
        x_infer, _ = mnist_batch(rng, 1000, flat)
    else:
        batches = [digit_batch(digits, 100 * i, 100, flat) for i in range(5)]
        x_infer, _ = digit_batch(digits, 0, 1000, flat)
    times = time_training(net, make_optimizer(), batches, args.warmup, args.steps)
    images_per_s = time_inference(net, x_infer, args.infer_reps)
    return {
        'trainStepMs': median(times),
        'trainStepMsMin': min(times),
        'trainStepMsMax': max(times),
        'inferImagesPerSec': images_per_s,
        'lossAfter': float(net.loss(*batches[0])),
    }


# ---------------------------------------------------------------------------------------------
# Which BLAS is this NumPy really using?

def loaded_libraries():
    try:
        with open('/proc/self/maps') as maps:
            return sorted({line.split()[-1] for line in maps if '/' in line and '.so' in line})
    except OSError:
        return []


def blas_info():
    info = {'name': 'unknown'}
    try:
        from threadpoolctl import threadpool_info  # optional
        pools = [p for p in threadpool_info() if p.get('user_api') == 'blas']
        if pools:
            p = pools[0]
            info.update(name=p.get('internal_api', 'unknown'), library=p.get('filepath'),
                        version=p.get('version'), threads=p.get('num_threads'),
                        coreType=p.get('architecture'), source='threadpoolctl')
            return info
    except Exception:
        pass
    libs = loaded_libraries()
    openblas = [lib for lib in libs if 'openblas' in os.path.basename(lib).lower()]
    blas_like = [lib for lib in libs if any(k in os.path.basename(lib).lower() for k in ('blas', 'mkl', 'blis', 'atlas'))]
    info['loaded'] = blas_like
    info['source'] = '/proc/self/maps'
    for lib in openblas + blas_like:
        try:
            handle = ctypes.CDLL(lib)
            get_config = handle.openblas_get_config
        except (OSError, AttributeError):
            continue
        get_config.restype = ctypes.c_char_p
        info['name'] = 'OpenBLAS'
        info['library'] = lib
        info['config'] = get_config().decode().strip()
        try:
            get_core = handle.openblas_get_corename
            get_core.restype = ctypes.c_char_p
            info['coreType'] = get_core().decode().strip()
        except AttributeError:
            pass
        try:
            info['threads'] = int(handle.openblas_get_num_threads())
        except AttributeError:
            pass
        return info
    if blas_like:
        # Debian's reference BLAS (netlib) lives at .../blas/libblas.so.3.
        real = os.path.realpath(blas_like[0])
        info['library'] = real
        info['name'] = 'reference BLAS (netlib)' if '/blas/' in real else 'unknown'
    return info


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--steps', type=int, default=30)
    parser.add_argument('--warmup', type=int, default=5)
    parser.add_argument('--infer-reps', type=int, default=10)
    parser.add_argument('--dtype', choices=['book', 'float32'], default='book')
    parser.add_argument('--only', choices=['twolayer', 'convnet'])
    parser.add_argument('--probe', action='store_true', help='print only the BLAS in use')
    parser.add_argument('--data', help='digits to train on: n x 784 image bytes, then n labels (n >= 1000)')
    args = parser.parse_args()
    if args.probe:
        json.dump({'numpy': np.__version__, 'blas': blas_info()}, sys.stdout)
        sys.stdout.write('\n')
        return
    dtype = np.float64 if args.dtype == 'book' else np.float32
    digits = read_digits(args.data) if args.data else None
    if digits is not None and digits[0].shape[0] < 1000:
        parser.error(f'--data {args.data} holds {digits[0].shape[0]} digits; 1000 are needed')

    result = {
        'numpy': np.__version__,
        'python': platform.python_version(),
        'dtype': ('float32 inputs, float64 parameters and arithmetic (as the book runs)'
                  if args.dtype == 'book' else 'float32 throughout'),
        'data': 'MNIST digits from ' + args.data if args.data else 'random, MNIST-shaped',
        'batch': 100, 'inferBatch': 1000, 'warmup': args.warmup, 'steps': args.steps, 'inferReps': args.infer_reps,
        'env': {k: os.environ.get(k) for k in ('OPENBLAS_NUM_THREADS', 'OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE', 'OMP_NUM_THREADS')},
    }
    if args.only != 'convnet':
        result['twoLayerNet'] = bench_net(two_layer_net, lambda: SGD(0.1), True, args, dtype, digits)
    if args.only != 'twolayer':
        result['simpleConvNet'] = bench_net(simple_conv_net, lambda: Adam(0.001), False, args, dtype, digits)
    result['blas'] = blas_info()
    result['threads'] = result['blas'].get('threads')
    json.dump(result, sys.stdout)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
