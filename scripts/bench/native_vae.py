"""The benchmark's native reference: the same 784-512-256-2 VAE (or, with --arch conv, the conv VAE
of math.md's "Convolutional reference"), batch 128, Adam 1e-3, on the same MNIST files, trained
by PyTorch on the CPU. Run by scripts/bench.ts (full mode) when
`import torch` works; prints one JSON line: a timed loop of --steps steps, then a whole epoch of
a fresh model (shuffled, every training image once) with its test -ELBO.

    python3 scripts/bench/native_vae.py [--steps 300] [--threads 2] [--no-epoch] [--blas auto|system] [--arch mlp|conv]

Which BLAS runs matters more than anything else here (shared/chromium.md: on one 2-core machine
the reference BLAS gave about 1,100 img/s, OpenBLAS pthread 3,394 and OpenBLAS openmp 10,830).
Debian picks libblas.so.3 through update-alternatives; with --blas auto (the default) the
script runs on the OpenBLAS openmp build whenever it is installed, whatever the alternative
points to, by starting itself again with that build first on the library path. The JSON names
the BLAS library the process actually loaded (from /proc/self/maps).
"""
import argparse
import gzip
import json
import os
import re
import sys
import time

OPENMP_DIR = "/usr/lib/x86_64-linux-gnu/openblas-openmp"
REEXEC_MARK = "VAE_BENCH_BLAS_CHOSEN"


def prefer_openmp_blas(mode):
    """Restarts this script with the OpenBLAS openmp build first on LD_LIBRARY_PATH (once)."""
    if mode != "auto" or os.environ.get(REEXEC_MARK) or not os.path.isdir(OPENMP_DIR):
        return
    env = dict(os.environ)
    env[REEXEC_MARK] = "1"
    env["LD_LIBRARY_PATH"] = OPENMP_DIR + (":" + env["LD_LIBRARY_PATH"] if env.get("LD_LIBRARY_PATH") else "")
    os.execve(sys.executable, [sys.executable] + sys.argv, env)


def loaded_blas():
    """The BLAS/LAPACK shared libraries this process has mapped, resolved, and a name for them."""
    libs = []
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split()[-1] if len(line.split()) >= 6 else ""
                if re.search(r"(blas|lapack|blis|mkl|atlas)[^/]*\.so", path) and path not in libs:
                    libs.append(path)
    except OSError:
        pass
    real = [os.path.realpath(p) for p in libs]
    text = " ".join(real)
    if "mkl" in text:
        name = "Intel MKL"
    elif "openblas" in text:
        version = re.search(r"libopenblas\w*-r([\d.]+)\.so", text)
        flavour = "openmp" if "openblas-openmp" in text else "pthread" if "openblas-pthread" in text else "serial" if "openblas-serial" in text else "unknown threading"
        name = f"OpenBLAS{' ' + version.group(1) if version else ''} ({flavour})"
    elif "blis" in text:
        name = "BLIS"
    elif "atlas" in text:
        name = "ATLAS"
    elif "/blas/" in text or "libblas.so" in text:
        name = "reference BLAS (netlib)"
    else:
        name = "none found in /proc/self/maps (torch's own kernels)"
    return {"name": name, "libraries": sorted(set(real))}


def build_blas_info(torch):
    """What torch says it was built with (Debian's says BLAS_INFO=generic: the loaded library tells more)."""
    m = re.search(r"BLAS_INFO=([^,\s]+)", torch.__config__.show())
    return m.group(1) if m else None


def read_images(split, n):
    raw = gzip.open(os.path.join("public", "datasets", "mnist", f"{split}-images.u8.gz")).read()
    return raw[len(raw) - n * 784:]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--steps", type=int, default=300)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--no-epoch", action="store_true", help="skip the whole-epoch run")
    p.add_argument("--arch", choices=["mlp", "conv"], default="mlp")
    p.add_argument("--warmup", type=int, default=20, help="untimed steps before the timed loop")
    p.add_argument("--blas", choices=["auto", "system"], default="auto",
                   help="auto: the OpenBLAS openmp build when installed; system: whatever libblas.so.3 points to")
    a = p.parse_args()
    prefer_openmp_blas(a.blas)

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

    class ConvVae(Vae):
        """math.md's conv reference (134,165 parameters): PyTorch pads 'same' stride 2 one pixel on
        each side where TF.js pads 0 before and 1 after; the sizes and the work are the same."""

        def __init__(self):
            nn.Module.__init__(self)
            self.enc = nn.Sequential(
                nn.Unflatten(1, (1, 28, 28)),
                nn.Conv2d(1, 32, 3, stride=2, padding=1), nn.ReLU(),
                nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.ReLU(),
                nn.Flatten(), nn.Linear(7 * 7 * 64, 16), nn.ReLU())
            self.mu = nn.Linear(16, 2)
            self.logvar = nn.Linear(16, 2)
            self.dec = nn.Sequential(
                nn.Linear(2, 7 * 7 * 64), nn.ReLU(), nn.Unflatten(1, (64, 7, 7)),
                nn.ConvTranspose2d(64, 64, 3, stride=2, padding=1, output_padding=1), nn.ReLU(),
                nn.ConvTranspose2d(64, 32, 3, stride=2, padding=1, output_padding=1), nn.ReLU(),
                nn.ConvTranspose2d(32, 1, 3, stride=1, padding=1), nn.Flatten())

    torch.manual_seed(1)
    torch.set_num_threads(a.threads)
    n, n_test = 60000, 10000
    to_float = lambda raw, count: torch.frombuffer(bytearray(raw), dtype=torch.uint8).reshape(count, 784).float() / 255
    pixels = to_float(read_images("train", n), n)

    def trainer():
        model = ConvVae() if a.arch == "conv" else Vae()
        return model, torch.optim.Adam(model.parameters(), lr=1e-3)

    def step(model, opt, x):
        loss = model.loss(x)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        return loss

    # The timed loop: --warmup untimed steps, then --steps steps.
    model, opt = trainer()
    order = torch.randperm(n)
    batch_at = lambda i: pixels[order[(i * a.batch) % (n - a.batch):][: a.batch]]
    for i in range(a.warmup):
        step(model, opt, batch_at(i))
    t0 = time.perf_counter()
    c0 = time.process_time()
    for i in range(a.steps):
        loss = step(model, opt, batch_at(a.warmup + i))
    seconds = time.perf_counter() - t0
    cpu_seconds = time.process_time() - c0
    blas = loaded_blas()
    result = {
        "framework": f"PyTorch {torch.__version__} (CPU, {torch.get_num_threads()} threads)",
        "arch": a.arch,
        "parameters": sum(p.numel() for p in model.parameters()),
        "mkldnn": bool(torch.backends.mkldnn.is_available()),
        "blas": blas["name"],
        "blasLibraries": blas["libraries"],
        "torchBlasInfo": build_blas_info(torch),
        "steps": a.steps,
        "imagesPerSec": round(a.steps * a.batch / seconds),
        "msPerStep": round(1000 * seconds / a.steps, 3),
        # CPU time of all the process's threads: robust when other processes share the cores.
        "cpuMsPerStep": round(1000 * cpu_seconds / a.steps, 3),
        "imagesPerCpuSec": round(a.steps * a.batch / cpu_seconds),
        "loadAverage1m": round(os.getloadavg()[0], 2),
        "lastLoss": round(float(loss), 2),
    }

    if not a.no_epoch:
        # A whole epoch of a fresh model, the way the CLI trains: every image once, shuffled.
        torch.manual_seed(1)
        model, opt = trainer()
        order = torch.randperm(n)
        steps = n // a.batch
        t0 = time.perf_counter()
        for i in range(steps):
            step(model, opt, pixels[order[i * a.batch:(i + 1) * a.batch]])
        epoch_seconds = time.perf_counter() - t0
        with torch.no_grad():
            test = to_float(read_images("test", n_test), n_test)
            test_loss = sum(float(model.loss(test[i:i + 1000])) * 1000 for i in range(0, n_test, 1000)) / n_test
        result["epoch"] = {
            "steps": steps,
            "images": steps * a.batch,
            "seconds": round(epoch_seconds, 2),
            "imagesPerSec": round(steps * a.batch / epoch_seconds),
            "testNegElbo": round(test_loss, 2),
        }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
