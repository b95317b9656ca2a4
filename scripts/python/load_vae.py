#!/usr/bin/env python3
"""Load a VAE Playground model (model.safetensors + vae.json) into PyTorch, check it, write one back.

The MLP (PlaygroundVAE) and the conv network (PlaygroundConvVAE: the Keras example's layers, with
TF "same" padding written as ZeroPad2d before each stride-2 Conv2d and a crop after each
stride-2 ConvTranspose2d, so the outputs are the playground's to float rounding).

Standalone: needs torch and numpy only (no `safetensors` package; works with torch 1.13).

    python3 load_vae.py DIR                          # rebuild the model, print a summary
    python3 load_vae.py DIR --check DATA_DIR         # test set, z = mu: one JSON line
                                                     # {"test_nelbo", "recon", "kl", "count"}
    from load_vae import load_vae, save_for_playground
    model, manifest = load_vae("DIR")                 # an nn.Module (PlaygroundVAE)
    save_for_playground(model, "OUT_DIR", dataset="mnist", step=12000)   # open OUT_DIR in the app

DATA_DIR is the playground's public/datasets folder (manifest.json and gzipped files with a
24-byte header: "VAEP", version 1, kind, count, rows, cols; then uint8 pixels).
Losses are nats per image, summed over pixels and latent dimensions (the playground's math.md):
recon = -log p(x|z) (Bernoulli from logits, or Gaussian with fixed sigma_x), KL analytic,
-ELBO = recon + KL. Pixels are x = intensity / 255 in [0, 1], not binarized.
"""

import argparse
import gzip
import json
import math
import os
import struct
import sys
from datetime import datetime, timezone

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

LOGVAR_MIN, LOGVAR_MAX = -10.0, 10.0
FORMAT = "vae-playground-model"
PLAYGROUND_SCRIPT_VERSION = "0.1.0"
_DTYPES = {"F32": np.float32, "F16": np.float16, "F64": np.float64}


class PlaygroundVAE(nn.Module):
    """The playground's MLP: encoder (Linear+ReLU)*, heads fc_mu / fc_logvar (VAE only), mirrored decoder -> logits."""

    def __init__(self, input_dim=784, hidden=(512, 256), latent_dim=2, kind="vae"):
        super().__init__()
        self.input_dim, self.hidden, self.latent_dim, self.kind = input_dim, list(hidden), latent_dim, kind
        layers, d = [], input_dim
        for h in hidden:
            layers += [nn.Linear(d, h), nn.ReLU()]
            d = h
        self.encoder = nn.Sequential(*layers)
        self.fc_mu = nn.Linear(d, latent_dim)
        self.fc_logvar = nn.Linear(d, latent_dim) if kind == "vae" else None
        layers, d = [], latent_dim
        for h in reversed(list(hidden)):
            layers += [nn.Linear(d, h), nn.ReLU()]
            d = h
        layers.append(nn.Linear(d, input_dim))
        self.decoder = nn.Sequential(*layers)

    def encode(self, x):
        h = self.encoder(x)
        mu = self.fc_mu(h)
        if self.fc_logvar is None:
            return mu, None
        return mu, self.fc_logvar(h).clamp(LOGVAR_MIN, LOGVAR_MAX)

    def decode(self, z):
        return self.decoder(z)  # logits; the mean image is sigmoid(logits)

    def forward(self, x):
        mu, logvar = self.encode(x)
        z = mu if logvar is None else mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        return self.decode(z), mu, logvar


class Crop(nn.Module):
    """Keeps the first `size` rows and columns (TF "same" at stride 2 drops the transposed conv's last)."""

    def __init__(self, size):
        super().__init__()
        self.size = size

    def forward(self, x):
        return x[:, :, :self.size, :self.size]


class PlaygroundConvVAE(PlaygroundVAE):
    """The playground's conv network for side S (28 or 32); the layers with weights are encoder.2, .5, .8,
    fc_mu, fc_logvar, decoder.0, .3, .6, .9 (conv_layer_list)."""

    def __init__(self, input_dim=784, latent_dim=2, kind="vae"):
        nn.Module.__init__(self)
        self.input_dim, self.hidden, self.latent_dim, self.kind = input_dim, [512, 256], latent_dim, kind
        s = math.isqrt(input_dim)
        q, flat = s // 4, 64 * (s // 4) ** 2
        pad = lambda: nn.ZeroPad2d((0, 1, 0, 1))  # noqa: E731
        self.encoder = nn.Sequential(nn.Unflatten(1, (1, s, s)), pad(), nn.Conv2d(1, 32, 3, stride=2), nn.ReLU(),
                                     pad(), nn.Conv2d(32, 64, 3, stride=2), nn.ReLU(), nn.Flatten(), nn.Linear(flat, 16), nn.ReLU())
        self.fc_mu = nn.Linear(16, latent_dim)
        self.fc_logvar = nn.Linear(16, latent_dim) if kind == "vae" else None
        self.decoder = nn.Sequential(nn.Linear(latent_dim, flat), nn.ReLU(), nn.Unflatten(1, (64, q, q)),
                                     nn.ConvTranspose2d(64, 64, 3, stride=2), Crop(2 * q), nn.ReLU(),
                                     nn.ConvTranspose2d(64, 32, 3, stride=2), Crop(s), nn.ReLU(),
                                     nn.ConvTranspose2d(32, 1, 3, padding=1), nn.Flatten())


def conv_layer_list(input_dim, latent_dim, kind):
    """The conv network's layers with weights in module order, as vae.json lists them."""
    s = math.isqrt(input_dim)
    q, flat = s // 4, 64 * (s // 4) ** 2

    def conv(name, role, kind_, i, o, stride, side_in, side_out, relu=True):
        e = {"name": name, "role": role, "type": kind_, "in": i, "out": o, "kernel": 3, "stride": stride,
             "inSide": side_in, "outSide": side_out, "padding": 1 if stride == 1 else 0}
        if stride == 2:
            e["pad" if kind_ == "conv2d" else "crop"] = [0, 1]
        e.update({"activation": "relu"} if relu else {"activation": "linear", "output": "logits"})
        return e
    heads = [{"name": "fc_mu", "role": "mu", "in": 16, "out": latent_dim, "activation": "linear", "output": "mu"}]
    if kind == "vae":
        heads.append({"name": "fc_logvar", "role": "logvar", "in": 16, "out": latent_dim, "activation": "linear",
                      "output": "logvar", "clamp": [LOGVAR_MIN, LOGVAR_MAX]})
    return [conv("encoder.2", "encoder", "conv2d", 1, 32, 2, s, 2 * q), conv("encoder.5", "encoder", "conv2d", 32, 64, 2, 2 * q, q),
            {"name": "encoder.8", "role": "encoder", "in": flat, "out": 16, "activation": "relu"}, *heads,
            {"name": "decoder.0", "role": "decoder", "in": latent_dim, "out": flat, "activation": "relu"},
            conv("decoder.3", "decoder", "convTranspose2d", 64, 64, 2, q, 2 * q),
            conv("decoder.6", "decoder", "convTranspose2d", 64, 32, 2, 2 * q, s),
            conv("decoder.9", "decoder", "convTranspose2d", 32, 1, 1, s, s, relu=False)]


def layer_list(input_dim, hidden, latent_dim, kind):
    """The Linear layers in module order, as vae.json lists them."""
    out, dims = [], [input_dim] + list(hidden)
    for k in range(len(hidden)):
        out.append({"name": "encoder.%d" % (2 * k), "role": "encoder", "in": dims[k], "out": dims[k + 1], "activation": "relu"})
    out.append({"name": "fc_mu", "role": "mu", "in": dims[-1], "out": latent_dim, "activation": "linear", "output": "mu"})
    if kind == "vae":
        out.append({"name": "fc_logvar", "role": "logvar", "in": dims[-1], "out": latent_dim, "activation": "linear",
                    "output": "logvar", "clamp": [LOGVAR_MIN, LOGVAR_MAX]})
    dec = [latent_dim] + list(reversed(hidden)) + [input_dim]
    for k in range(len(dec) - 1):
        last = k == len(dec) - 2
        entry = {"name": "decoder.%d" % (2 * k), "role": "decoder", "in": dec[k], "out": dec[k + 1],
                 "activation": "linear" if last else "relu"}
        if last:
            entry["output"] = "logits"
        out.append(entry)
    return out


def read_safetensors(path):
    """{name: float32 numpy array} from a safetensors file, with its metadata."""
    with open(path, "rb") as f:
        blob = f.read()
    if len(blob) < 8:
        raise ValueError("%s: truncated" % path)
    (n,) = struct.unpack("<Q", blob[:8])
    if n > 1 << 24 or 8 + n > len(blob):
        raise ValueError("%s: header length %d is impossible" % (path, n))
    header = json.loads(blob[8:8 + n].decode("utf-8"))
    data = memoryview(blob)[8 + n:]
    meta = header.pop("__metadata__", {})
    tensors = {}
    for name, t in header.items():
        if t["dtype"] not in _DTYPES:
            raise ValueError("%s: %s has dtype %s (F32, F16, F64 are read)" % (path, name, t["dtype"]))
        begin, end = t["data_offsets"]
        if not 0 <= begin <= end <= len(data):
            raise ValueError("%s: %s lies outside the data" % (path, name))
        arr = np.frombuffer(data[begin:end], dtype=np.dtype(_DTYPES[t["dtype"]]).newbyteorder("<"))
        if arr.size != int(np.prod(t["shape"], dtype=np.int64)):
            raise ValueError("%s: %s has %d values for shape %s" % (path, name, arr.size, t["shape"]))
        tensors[name] = arr.astype(np.float32).reshape(t["shape"])
    return tensors, meta


def write_safetensors(path, tensors, metadata=None):
    """Float32, little-endian, contiguous, header padded to 8 bytes: what the playground reads."""
    header, chunks, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    for name, value in tensors.items():
        arr = np.ascontiguousarray(np.asarray(value, dtype="<f4"))
        if not np.all(np.isfinite(arr)):
            raise ValueError("%s contains NaN or infinite values" % name)
        raw = arr.tobytes()
        header[name] = {"dtype": "F32", "shape": list(arr.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for raw in chunks:
            f.write(raw)


def load_vae(directory):
    """(PlaygroundVAE in eval mode, manifest dict) from a folder with vae.json and model.safetensors."""
    with open(os.path.join(directory, "vae.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    if manifest.get("format") != FORMAT:
        raise ValueError("vae.json: not a %s manifest" % FORMAT)
    m = manifest["model"]
    if m.get("architecture") == "conv":
        model = PlaygroundConvVAE(m["inputDim"], m["latentDim"], m["kind"])
    elif m.get("architecture") == "mlp":
        model = PlaygroundVAE(m["inputDim"], m["hidden"], m["latentDim"], m["kind"])
    else:
        raise ValueError("vae.json: architecture %r is not supported by this script" % m.get("architecture"))
    tensors, _ = read_safetensors(os.path.join(directory, manifest.get("weights", {}).get("file", "model.safetensors")))
    state = {k: torch.from_numpy(v.copy()) for k, v in tensors.items()}
    model.load_state_dict(state, strict=True)  # names and [out, in] shapes must match exactly
    return model.eval(), manifest


def save_for_playground(model, directory, dataset="mnist", step=0, epoch=0, likelihood="bernoulli", sigma_x=1.0,
                        training=None):
    """Writes model.safetensors + vae.json for the playground's Open model... (or npm run evaluate)."""
    if not isinstance(model, PlaygroundVAE):
        model = getattr(model, "module", model)  # DistributedDataParallel wraps the module
    if int(step) != step or step < 0 or int(epoch) != epoch or epoch < 0:
        raise ValueError("step and epoch must be non-negative integers")
    os.makedirs(directory, exist_ok=True)
    state = {k: v.detach().cpu().float().numpy() for k, v in model.state_dict().items()}
    conv = isinstance(model, PlaygroundConvVAE)
    layers = (conv_layer_list(model.input_dim, model.latent_dim, model.kind) if conv
              else layer_list(model.input_dim, model.hidden, model.latent_dim, model.kind))
    expected = [n for layer in layers for n in (layer["name"] + ".weight", layer["name"] + ".bias")]
    if sorted(state) != sorted(expected):
        raise ValueError("the model's parameters %s are not the playground's %s" % (sorted(state), sorted(expected)))
    write_safetensors(os.path.join(directory, "model.safetensors"), {n: state[n] for n in expected},
                      {"format": "pt", "producer": "pytorch", "manifest": "vae.json"})
    train = {"optimizer": "adam", "learningRate": 1e-3, "beta": 1, "samples": 1, "reparam": True, "batchSize": 128,
             "warmStart": False, "seed": 1}
    train.update(training or {})
    train.update({"step": int(step), "epoch": int(epoch)})
    side = math.isqrt(model.input_dim)  # 28 for 784, 32 for Shapes' 1024
    manifest = {
        "format": FORMAT, "version": 1, "playgroundVersion": PLAYGROUND_SCRIPT_VERSION, "producer": "pytorch",
        "model": {"kind": model.kind, "architecture": "conv" if conv else "mlp", "inputShape": [1, side, side],
                  "inputDim": model.input_dim, "latentDim": model.latent_dim, "hidden": model.hidden, "layers": layers},
        "likelihood": {"type": likelihood, "sigmaX": sigma_x},
        "data": {"dataset": dataset, "pixelRange": [0, 1], "pixelScaling": "x = intensity / 255",
                 "flatten": "row-major %dx%d -> %d" % (side, side, model.input_dim)},
        "training": train,
        "weights": {"file": "model.safetensors", "layout": "pytorch", "dtype": "F32"},
        "notes": ["Written by save_for_playground (load_vae.py). PyTorch layouts: Linear [out, in], Conv2d [out, in, k, k], "
                  "ConvTranspose2d [in, out, k, k]; bias [out]."],
        "createdAt": datetime.now(timezone.utc).isoformat(),
    }
    with open(os.path.join(directory, "vae.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")


def read_split(data_dir, dataset, split="test"):
    """uint8 pixels [count, 784] of a split of the playground's dataset files."""
    with open(os.path.join(data_dir, "manifest.json"), encoding="utf-8") as f:
        datasets = {d["name"]: d for d in json.load(f)["datasets"]}
    if dataset not in datasets:
        raise ValueError("%s has no dataset %r" % (data_dir, dataset))
    info = datasets[dataset]["splits"][split]
    with gzip.open(os.path.join(data_dir, info["images"]), "rb") as f:
        raw = f.read()
    magic, version, kind, count, rows, cols = struct.unpack("<4sIIIII", raw[:24])
    if magic != b"VAEP" or version != 1 or kind != 1 or len(raw) != 24 + count * rows * cols:
        raise ValueError("%s is not a version-1 image file" % info["images"])
    return np.frombuffer(raw, dtype=np.uint8, offset=24).reshape(count, rows * cols)


@torch.no_grad()
def evaluate_at_mean(model, pixels, likelihood="bernoulli", sigma_x=1.0, batch=1000):
    """Mean -ELBO, recon, KL in nats per image with z = mu (float32 model, float64 sums)."""
    model.eval()
    recon = kl = 0.0
    n, d = pixels.shape
    for start in range(0, n, batch):
        x = torch.from_numpy(pixels[start:start + batch].astype(np.float32) / 255.0)
        mu, logvar = model.encode(x)
        logits = model.decode(mu)
        if likelihood == "bernoulli":
            recon += F.binary_cross_entropy_with_logits(logits, x, reduction="none").double().sum().item()
        else:
            sq = ((x - torch.sigmoid(logits)) ** 2).double().sum().item()
            recon += sq / (2 * sigma_x ** 2) + x.shape[0] * 0.5 * d * math.log(2 * math.pi * sigma_x ** 2)
        if logvar is not None:
            kl += (0.5 * (mu.double() ** 2 + logvar.double().exp() - logvar.double() - 1)).sum().item()
    return {"test_nelbo": (recon + kl) / n, "recon": recon / n, "kl": kl / n, "count": n}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("model_dir", nargs="?", default=os.path.dirname(os.path.abspath(__file__)),
                   help="folder with vae.json and model.safetensors (default: this script's folder)")
    p.add_argument("--check", metavar="DATA_DIR", help="evaluate the test set with z = mu and print one JSON line")
    p.add_argument("--limit", type=int, default=None, help="only the first N test images")
    a = p.parse_args(argv)
    model, manifest = load_vae(a.model_dir)
    if not a.check:
        params = sum(t.numel() for t in model.parameters())
        print("%s %s, %d parameters, step %s" % (manifest["model"]["kind"], manifest["model"]["hidden"], params,
                                                manifest["training"].get("step")), file=sys.stderr)
        print(model)
        return
    pixels = read_split(a.check, manifest["data"]["dataset"])
    if a.limit:
        pixels = pixels[:a.limit]
    lik = manifest["likelihood"]
    print(json.dumps(evaluate_at_mean(model, pixels, lik["type"], float(lik.get("sigmaX", 1.0)))))


if __name__ == "__main__":
    main()
