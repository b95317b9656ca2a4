"""Issue 17 investigation: the conv VAE in PyTorch, loaded from the TS network's initial weights
(scripts/python/conv_parity.ts writes them), compared on a fixed batch and ε; then trained one
epoch with a chosen padding ("tf": TF.js 'same' — stride 2 pads 0 before, 1 after; "torch":
padding=1 both sides, as scripts/bench/native_vae.py) and a chosen init ("ts": the TS weights;
"torch": PyTorch's default).

    /usr/bin/python3 scripts/python/conv_parity.py compare [dir]
    /usr/bin/python3 scripts/python/conv_parity.py train [dir] --pad tf|torch --init ts|torch [--seed S] [--steps N]
"""
import argparse
import gzip
import json
import sys

import torch
import torch.nn.functional as F
from torch import nn

LOGVAR_MIN, LOGVAR_MAX = -10.0, 10.0


def images(split, n):
    raw = gzip.open(f"public/datasets/mnist/{split}-images.u8.gz").read()
    return torch.frombuffer(bytearray(raw[len(raw) - n * 784:]), dtype=torch.uint8).reshape(n, 784).float() / 255


class ConvVae(nn.Module):
    def __init__(self, pad):
        super().__init__()
        self.pad = pad
        p = 0 if pad == "tf" else 1
        self.c1 = nn.Conv2d(1, 32, 3, stride=2, padding=p)
        self.c2 = nn.Conv2d(32, 64, 3, stride=2, padding=p)
        self.d1 = nn.Linear(7 * 7 * 64, 16)
        self.mu = nn.Linear(16, 2)
        self.logvar = nn.Linear(16, 2)
        self.d2 = nn.Linear(2, 7 * 7 * 64)
        self.t1 = nn.ConvTranspose2d(64, 64, 3, stride=2, padding=p, output_padding=1)
        self.t2 = nn.ConvTranspose2d(64, 32, 3, stride=2, padding=p, output_padding=1)
        self.t3 = nn.ConvTranspose2d(32, 1, 3, stride=1, padding=1)

    def encode(self, x):
        h = x.reshape(-1, 1, 28, 28)
        if self.pad == "tf":  # 'same' stride 2: 0 before, 1 after (28 → 14 and 14 → 7 alike)
            h = F.relu(self.c1(F.pad(h, (0, 1, 0, 1))))
            h = F.relu(self.c2(F.pad(h, (0, 1, 0, 1))))
        else:
            h = F.relu(self.c2(F.relu(self.c1(h))))
        h = F.relu(self.d1(h.flatten(1)))
        return self.mu(h), self.logvar(h).clamp(LOGVAR_MIN, LOGVAR_MAX)

    def decode(self, z):
        h = F.relu(self.d2(z)).reshape(-1, 64, 7, 7)
        if self.pad == "tf":  # transposed 'same': output index 2i + k, the first 2·in kept
            h = F.relu(self.t1(h)[:, :, :14, :14])
            h = F.relu(self.t2(h)[:, :, :28, :28])
        else:
            h = F.relu(self.t2(F.relu(self.t1(h))))
        return self.t3(h).flatten(1)

    def terms(self, x, eps=None):
        mu, logvar = self.encode(x)
        if eps is None:
            eps = torch.randn_like(mu)
        z = mu + torch.exp(0.5 * logvar) * eps
        recon = F.binary_cross_entropy_with_logits(self.decode(z), x, reduction="sum") / x.shape[0]
        kl = 0.5 * torch.sum(mu * mu + logvar.exp() - logvar - 1) / x.shape[0]
        return recon, kl, mu, logvar


def load_ts(model, path):
    """TS layouts → PyTorch: dense [in,out] → [out,in]; conv2d [k,k,in,out] → [out,in,k,k];
    conv2dTranspose [k,k,out,in] → [in,out,k,k]; flatten order NHWC (h,w,c) → NCHW (c,h,w)."""
    w = json.load(open(path))
    t = lambda l: torch.tensor(l["W"], dtype=torch.float32)
    b = lambda l: torch.tensor(l["b"], dtype=torch.float32)
    with torch.no_grad():
        for mod, l in ((model.c1, w["encoder"][0]), (model.c2, w["encoder"][1])):
            mod.weight.copy_(t(l).reshape(3, 3, l["inChannels"], l["outChannels"]).permute(3, 2, 0, 1))
            mod.bias.copy_(b(l))
        for mod, l in ((model.t1, w["decoder"][1]), (model.t2, w["decoder"][2]), (model.t3, w["decoder"][3])):
            mod.weight.copy_(t(l).reshape(3, 3, l["outChannels"], l["inChannels"]).permute(3, 2, 0, 1))
            mod.bias.copy_(b(l))
        # encoder dense: rows of W are (h,w,c) → torch columns (c,h,w)
        W = t(w["encoder"][2]).reshape(7, 7, 64, 16).permute(3, 2, 0, 1).reshape(16, 3136)
        model.d1.weight.copy_(W)
        model.d1.bias.copy_(b(w["encoder"][2]))
        for mod, l in ((model.mu, w["mu"]), (model.logvar, w["logvar"])):
            mod.weight.copy_(t(l).reshape(l["inDim"], l["outDim"]).T)
            mod.bias.copy_(b(l))
        W = t(w["decoder"][0]).reshape(2, 7, 7, 64).permute(3, 1, 2, 0).reshape(3136, 2)
        model.d2.weight.copy_(W)
        model.d2.bias.copy_(b(w["decoder"][0]).reshape(7, 7, 64).permute(2, 0, 1).reshape(3136))


def grad_norms(model):
    order = [model.c1, model.c2, model.d1, model.mu, model.logvar, model.d2, model.t1, model.t2, model.t3]
    return [round(float(p.grad.norm()), 6) for m in order for p in (m.weight, m.bias)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["compare", "train"])
    ap.add_argument("dir", nargs="?", default="/tmp/convparity")
    ap.add_argument("--pad", choices=["tf", "torch"], default="torch")
    ap.add_argument("--init", choices=["ts", "torch"], default="torch")
    ap.add_argument("--steps", type=int, default=60000 // 128)
    ap.add_argument("--order", choices=["perm", "file"], default="perm")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    train = images("train", 60000)
    if a.mode == "compare":
        ts = json.load(open(f"{a.dir}/ts.json"))
        eps = torch.tensor(ts["eps"], dtype=torch.float32).reshape(128, 2)
        print("TS      ", ts["terms"], [round(g["norm"], 6) for g in ts["gradNorms"]])
        for pad in ("tf", "torch"):
            m = ConvVae(pad)
            load_ts(m, f"{a.dir}/init.json")
            recon, kl, mu, logvar = m.terms(train[:128], eps)
            (recon + kl).backward()
            print(f"torch {pad:5}", {"recon": float(recon), "kl": float(kl), "mu00": float(mu[0, 0]), "logvar00": float(logvar[0, 0])}, grad_norms(m))
        return
    torch.manual_seed(a.seed)
    m = ConvVae(a.pad)
    if a.init == "ts":
        load_ts(m, f"{a.dir}/init.json")
    opt = torch.optim.Adam(m.parameters(), lr=1e-3)
    order = torch.randperm(60000) if a.order == "perm" else torch.arange(60000)
    curve = []
    for i in range(a.steps):
        j = i % (60000 // 128)
        recon, kl, _, _ = m.terms(train[order[j * 128:(j + 1) * 128]])
        loss = recon + kl
        opt.zero_grad()
        loss.backward()
        opt.step()
        curve.append(float(loss))
        if i % 50 == 0:
            print(f"step {i} loss {sum(curve[-50:]) / len(curve[-50:]):.2f}", file=sys.stderr, flush=True)
    test = images("test", 10000)
    with torch.no_grad():
        r = k = 0.0
        for s in range(0, 10000, 1000):
            rr, kk, _, _ = m.terms(test[s:s + 1000])
            r += float(rr) / 10
            k += float(kk) / 10
    print(json.dumps({"seed": a.seed, "pad": a.pad, "init": a.init, "order": a.order, "steps": a.steps, "test": {"negElbo": round(r + k, 2), "recon": round(r, 2), "kl": round(k, 2)},
                      "curveEvery50": [round(sum(curve[i:i + 50]) / len(curve[i:i + 50]), 2) for i in range(0, len(curve), 50)]}))


if __name__ == "__main__":
    main()
