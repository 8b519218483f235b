"""Predicts with a dlab-weights file using the book's own layer code, in NumPy.

The layers below follow the book's common/layers.py and common/util.py (im2col) at inference.
Each parameter is loaded exactly as the lab's README says the book's code can load it:
    np.array(p["data"]).reshape(p["shape"])

Usage: python3 book_predict.py WEIGHTS.json INPUTS.json
INPUTS.json is {"shape": [N, ...], "data": [...]}; prints {"probabilities": [[...], ...]} as JSON.
"""
import json
import sys

import numpy as np


def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_data.shape
    out_h = (H + 2 * pad - filter_h) // stride + 1
    out_w = (W + 2 * pad - filter_w) // stride + 1
    img = np.pad(input_data, [(0, 0), (0, 0), (pad, pad), (pad, pad)], 'constant')
    col = np.zeros((N, C, filter_h, filter_w, out_h, out_w))
    for y in range(filter_h):
        y_max = y + stride * out_h
        for x in range(filter_w):
            x_max = x + stride * out_w
            col[:, :, y, x, :, :] = img[:, :, y:y_max:stride, x:x_max:stride]
    return col.transpose(0, 4, 5, 1, 2, 3).reshape(N * out_h * out_w, -1)


def convolution(x, W, b, stride, pad):
    FN, C, FH, FW = W.shape
    N, C, H, Wd = x.shape
    out_h = 1 + int((H + 2 * pad - FH) / stride)
    out_w = 1 + int((Wd + 2 * pad - FW) / stride)
    col = im2col(x, FH, FW, stride, pad)
    out = np.dot(col, W.reshape(FN, -1).T) + b
    return out.reshape(N, out_h, out_w, -1).transpose(0, 3, 1, 2)


def pooling(x, mode, size, stride, pad):
    N, C, H, W = x.shape
    out_h = int(1 + (H + 2 * pad - size) / stride)
    out_w = int(1 + (W + 2 * pad - size) / stride)
    col = im2col(x, size, size, stride, pad).reshape(-1, size * size)
    out = np.max(col, axis=1) if mode == 'max' else np.mean(col, axis=1)
    return out.reshape(N, out_h, out_w, C).transpose(0, 3, 1, 2)


def batchnorm_inference(x, gamma, beta, running_mean, running_var):
    shape = x.shape
    x = x.reshape(x.shape[0], -1)
    xn = (x - running_mean) / np.sqrt(running_var + 10e-7)
    return (gamma * xn + beta).reshape(shape)


def softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)
    return np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True)


def main():
    weights = json.load(open(sys.argv[1]))
    inputs = json.load(open(sys.argv[2]))
    params = {name: np.array(p['data']).reshape(p['shape']) for name, p in weights['params'].items()}
    x = np.array(inputs['data'], dtype=np.float64).reshape(inputs['shape'])
    n_weights = 0
    n_bn = 0
    for layer in weights['model']['layers']:
        kind = layer['type']
        if kind == 'affine':
            n_weights += 1
            x = np.dot(x.reshape(x.shape[0], -1), params['W%d' % n_weights]) + params['b%d' % n_weights]
        elif kind == 'conv':
            n_weights += 1
            x = convolution(x, params['W%d' % n_weights], params['b%d' % n_weights], layer.get('stride', 1), layer.get('pad', 0))
        elif kind == 'relu':
            x = np.maximum(0, x)
        elif kind == 'sigmoid':
            x = 1 / (1 + np.exp(-x))
        elif kind == 'tanh':
            x = np.tanh(x)
        elif kind == 'pool':
            size = layer.get('size', 2)
            x = pooling(x, layer.get('mode', 'max'), size, layer.get('stride', size), layer.get('pad', 0))
        elif kind == 'batchnorm':
            n_bn += 1
            x = batchnorm_inference(x, params['gamma%d' % n_bn], params['beta%d' % n_bn],
                                    params['running_mean%d' % n_bn], params['running_var%d' % n_bn])
        elif kind == 'dropout':
            x = x * (1.0 - layer.get('ratio', 0.5))
        elif kind == 'flatten':
            x = x.reshape(x.shape[0], -1)
        elif kind == 'softmax-with-loss':
            x = softmax(x)
        else:
            raise SystemExit('unknown layer type ' + kind)
    json.dump({'probabilities': x.tolist()}, sys.stdout)


if __name__ == '__main__':
    main()
