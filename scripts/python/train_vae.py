#!/usr/bin/env python3
"""Train the playground's MLP VAE (or AE), or its conv network, in PyTorch and save it for the playground to open.

The same architecture and loss as the browser (load_vae.py's PlaygroundVAE, or PlaygroundConvVAE with
--arch conv; losses in nats per
image, summed over pixels and latent dimensions, averaged over the batch; Adam). For GPUs or
several machines run it under torchrun: each process trains on its own batches and gradients
are averaged by DistributedDataParallel; rank 0 evaluates and saves.

    python3 scripts/python/train_vae.py --data public/datasets --steps 12000 --out runs/torch-vae
    torchrun --nproc_per_node 4 scripts/python/train_vae.py --data public/datasets --steps 12000 --out runs/torch-vae

Prints one JSON line at the end: {"step", "test_nelbo", "recon", "kl", "count"} with z = mu on
the test set (the figure `npm run evaluate -- OUT` reproduces), and writes OUT/model.safetensors
and OUT/vae.json (open them with Save / Load -> Open model...).
"""

import argparse
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from load_vae import PlaygroundConvVAE, PlaygroundVAE, evaluate_at_mean, read_split, save_for_playground  # noqa: E402


def loss_terms(logits, mu, logvar, x, likelihood, sigma_x):
    """Per-image recon (-log p(x|z)) and KL, from the model's forward pass (one sample of z)."""
    if likelihood == "bernoulli":
        recon = F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(1)
    else:
        d = x.shape[1]
        recon = ((x - torch.sigmoid(logits)) ** 2).sum(1) / (2 * sigma_x ** 2) + 0.5 * d * np.log(2 * np.pi * sigma_x ** 2)
    kl = torch.zeros_like(recon) if logvar is None else 0.5 * (mu ** 2 + logvar.exp() - logvar - 1).sum(1)
    return recon, kl


def main(argv=None):
    p = argparse.ArgumentParser(description="Train the playground's MLP VAE in PyTorch.")
    p.add_argument("--data", default="public/datasets", help="the playground's dataset folder")
    p.add_argument("--dataset", default="mnist", choices=["mnist", "fashion"])
    p.add_argument("--out", required=True, help="folder for model.safetensors and vae.json")
    p.add_argument("--steps", type=int, default=1000)
    p.add_argument("--kind", default="vae", choices=["vae", "ae"])
    p.add_argument("--arch", default="mlp", choices=["mlp", "conv"], help="conv: the Keras example's layers (--hidden is ignored)")
    p.add_argument("--latent", type=int, default=2)
    p.add_argument("--hidden", default="512,256", help="encoder hidden sizes; the decoder mirrors them")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--beta", type=float, default=1.0)
    p.add_argument("--likelihood", default="bernoulli", choices=["bernoulli", "gaussian"])
    p.add_argument("--sigma-x", type=float, default=1.0)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--eval-limit", type=int, default=None, help="evaluate on the first N test images only")
    p.add_argument("--threads", type=int, default=None, help="CPU threads for torch")
    a = p.parse_args(argv)
    if a.steps < 0:
        p.error("--steps must be non-negative")
    if a.threads:
        torch.set_num_threads(a.threads)

    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    device = torch.device("cpu")
    if world > 1:
        import torch.distributed as dist
        from torch.nn.parallel import DistributedDataParallel
        local = int(os.environ.get("LOCAL_RANK", "0"))
        if torch.cuda.is_available():
            device = torch.device("cuda", local)
            torch.cuda.set_device(device)
        dist.init_process_group("nccl" if device.type == "cuda" else "gloo")
    elif torch.cuda.is_available():
        device = torch.device("cuda")

    torch.manual_seed(a.seed)  # identical initial weights on every rank
    hidden = [int(h) for h in a.hidden.split(",")]
    model = (PlaygroundConvVAE(784, a.latent, a.kind) if a.arch == "conv" else PlaygroundVAE(784, hidden, a.latent, a.kind)).to(device)
    trained = DistributedDataParallel(model) if world > 1 else model
    opt = torch.optim.Adam(trained.parameters(), lr=a.lr)
    train = torch.from_numpy(read_split(a.data, a.dataset, "train").copy())
    gen = torch.Generator().manual_seed(a.seed * 1000 + rank)  # each rank its own batches
    for step in range(a.steps):
        idx = torch.randint(0, train.shape[0], (a.batch,), generator=gen)
        x = train[idx].to(device=device, dtype=torch.float32) / 255.0
        logits, mu, logvar = trained(x)  # z = mu + sigma * eps (reparameterized); DDP averages gradients
        recon, kl = loss_terms(logits, mu, logvar, x, a.likelihood, a.sigma_x)
        loss = (recon + a.beta * kl).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        if rank == 0 and (step + 1) % 500 == 0:
            print("step %d: train -ELBO %.2f" % (step + 1, (recon + kl).mean().item()), file=sys.stderr)

    if rank == 0:
        model = model.cpu()
        test = read_split(a.data, a.dataset, "test")
        if a.eval_limit:
            test = test[:a.eval_limit]
        result = evaluate_at_mean(model, test, a.likelihood, a.sigma_x)
        images = a.steps * a.batch * world
        save_for_playground(model, a.out, dataset=a.dataset, step=a.steps, epoch=images // train.shape[0],
                            likelihood=a.likelihood, sigma_x=a.sigma_x,
                            training={"learningRate": a.lr, "beta": a.beta, "batchSize": a.batch, "seed": a.seed})
        print(json.dumps(dict(step=a.steps, **result)))
    if world > 1:
        torch.distributed.destroy_process_group()


if __name__ == "__main__":
    main()
