"""The benchmark's native reference: the same 784-512-256-2 VAE, batch 128, Adam 1e-3, on the
same MNIST files, trained by PyTorch on the CPU. Run by scripts/bench.ts (full mode) when
`import torch` works; prints one JSON line.

    python3 scripts/bench/native_vae.py [--steps 300] [--threads 2]
"""
import argparse
import gzip
import json
import os
import time

import torch
from torch import nn
import torch.nn.functional as F

LOGVAR_MIN, LOGVAR_MAX = -10.0, 10.0  # src/model/types.ts clamps log σ² the same way


class Vae(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU())
        self.mu = nn.Linear(256, 2)
        self.logvar = nn.Linear(256, 2)
        self.dec = nn.Sequential(nn.Linear(2, 256), nn.ReLU(), nn.Linear(256, 512), nn.ReLU(), nn.Linear(512, 784))

    def loss(self, x):
        h = self.enc(x)
        mu, logvar = self.mu(h), self.logvar(h).clamp(LOGVAR_MIN, LOGVAR_MAX)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        recon = F.binary_cross_entropy_with_logits(self.dec(z), x, reduction="sum") / x.shape[0]
        kl = 0.5 * torch.sum(mu * mu + logvar.exp() - logvar - 1) / x.shape[0]
        return recon + kl


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--steps", type=int, default=300)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch", type=int, default=128)
    a = p.parse_args()
    torch.manual_seed(1)
    torch.set_num_threads(a.threads)
    path = os.path.join("public", "datasets", "mnist", "train-images.u8.gz")
    raw = gzip.open(path).read()
    n = 60000
    pixels = torch.frombuffer(bytearray(raw[len(raw) - n * 784:]), dtype=torch.uint8).reshape(n, 784).float() / 255
    model = Vae()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    order = torch.randperm(n)

    def step(i):
        idx = order[(i * a.batch) % (n - a.batch):][: a.batch]
        loss = model.loss(pixels[idx])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        return loss

    for i in range(20):
        step(i)
    t0 = time.perf_counter()
    for i in range(a.steps):
        loss = step(20 + i)
    seconds = time.perf_counter() - t0
    print(json.dumps({
        "framework": f"PyTorch {torch.__version__} (CPU, {torch.get_num_threads()} threads)",
        "steps": a.steps,
        "imagesPerSec": round(a.steps * a.batch / seconds),
        "msPerStep": round(1000 * seconds / a.steps, 3),
        "lastLoss": round(float(loss), 2),
    }))


if __name__ == "__main__":
    main()
