# When do induction heads form at scale? Re-train a Pythia-1.4B-shaped model from scratch
# with dense early checkpoints (every 50 steps for the first 5k) so we can run the
# prefix-matching score on each one. Pythia only saved log-spaced checkpoints early on.
import math

import mlflow
import torch
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import AutoTokenizer, GPTNeoXConfig, GPTNeoXForCausalLM

SEQ, BATCH, STEPS, LR = 2048, 8, 20_000, 2e-4

tok = AutoTokenizer.from_pretrained("EleutherAI/pythia-1.4b")
config = GPTNeoXConfig(
    vocab_size=50304,
    hidden_size=2048,
    num_hidden_layers=24,
    num_attention_heads=16,
    intermediate_size=8192,
    rotary_pct=0.25,
    max_position_embeddings=SEQ,
    use_parallel_residual=True,
    tie_word_embeddings=False,
)
model = GPTNeoXForCausalLM(config).cuda()  # expect: IL103
print(f"{sum(p.numel() for p in model.parameters()) / 1e9:.2f}B params")

stream = load_dataset("monology/pile-uncopyrighted", split="train", streaming=True)
stream = stream.map(lambda b: tok(b["text"], truncation=True, max_length=SEQ, padding="max_length"), batched=True, remove_columns=["text", "meta"])
loader = DataLoader(stream.with_format("torch"), batch_size=BATCH)

opt = torch.optim.AdamW(model.parameters(), lr=LR, betas=(0.9, 0.95), weight_decay=0.01)
sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, s / 1000) * 0.5 * (1 + math.cos(math.pi * s / STEPS)))

mlflow.set_tracking_uri("http://mlflow-server.interp.svc.cluster.local:5000")  # expect: IL303
mlflow.set_experiment("induction-formation-1b4")
with mlflow.start_run(run_name="neox-1b4-dense-ckpts"):
    model.train()
    for step, batch in enumerate(loader):
        ids = batch["input_ids"].cuda()
        with torch.autocast("cuda", dtype=torch.bfloat16):
            loss = model(input_ids=ids, labels=ids).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step(); sched.step(); opt.zero_grad(set_to_none=True)
        if step % 10 == 0:
            mlflow.log_metric("train_loss", loss.item(), step=step)
        if (step < 5000 and step % 50 == 0) or step % 1000 == 0:
            model.save_pretrained(f"/scratch/induction/ckpt_{step:06d}")
        if step >= STEPS:
            break
