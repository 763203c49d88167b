"""L1-coefficient sweep for a pythia-70m-deduped MLP-out SAE.

Tracking stays on this machine: ClearML in offline mode (zipped session folder), a local
Aim repo, and a Comet OfflineExperiment archive that we keep on the lab NAS.
"""
import comet_ml
import torch
from aim import Run
from clearml import Task
from datasets import load_dataset
from transformer_lens import HookedTransformer

HOOK = "blocks.3.hook_mlp_out"
D_IN, D_SAE = 512, 8192
L1_COEFS = [1e-4, 3e-4, 1e-3, 3e-3]

Task.set_offline(offline_mode=True)
task = Task.init(project_name="sae-sweeps", task_name="pythia70m-l3-mlp")
aim_run = Run(repo="./aim_repo", experiment="pythia70m-l3-mlp")
comet = comet_ml.OfflineExperiment(project_name="sae-sweeps", offline_directory="comet_offline")

model = HookedTransformer.from_pretrained("pythia-70m-deduped")
model.requires_grad_(False)
texts = load_dataset("NeelNanda/pile-10k", split="train")["text"]


@torch.no_grad()
def activation_buffer(n_docs=4000):
    chunks = []
    for t in texts[:n_docs]:
        _, cache = model.run_with_cache(model.to_tokens(t, truncate=True)[:, :128], names_filter=HOOK)
        chunks.append(cache[HOOK][0])
    return torch.cat(chunks)


acts = activation_buffer()
for l1 in L1_COEFS:
    W_enc = torch.nn.Parameter(torch.randn(D_IN, D_SAE, device=acts.device) * 0.01)
    W_dec = torch.nn.Parameter(W_enc.data.T.clone())
    b_enc = torch.nn.Parameter(torch.zeros(D_SAE, device=acts.device))
    b_dec = torch.nn.Parameter(acts.mean(0).clone())
    opt = torch.optim.Adam([W_enc, W_dec, b_enc, b_dec], lr=1e-3)
    for step in range(3000):
        x = acts[torch.randint(0, len(acts), (4096,))]
        f = torch.relu((x - b_dec) @ W_enc + b_enc)
        recon = f @ W_dec + b_dec
        loss = (recon - x).pow(2).sum(-1).mean() + l1 * f.abs().sum(-1).mean()
        loss.backward()
        opt.step()
        opt.zero_grad()
        if step % 100 == 0:
            l0 = (f > 0).float().sum(-1).mean().item()
            aim_run.track(loss.item(), name="loss", step=step, context={"l1": l1})
            comet.log_metrics({"loss": loss.item(), "l0": l0}, step=step, prefix=f"l1_{l1:g}")
            task.get_logger().report_scalar("l0", f"l1={l1}", l0, step)
    torch.save({"W_enc": W_enc, "W_dec": W_dec, "b_enc": b_enc, "b_dec": b_dec}, f"ckpts/sae_l1_{l1:g}.pt")

comet.end()
aim_run.close()
task.close()
