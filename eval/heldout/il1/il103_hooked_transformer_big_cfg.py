# Train a TransformerLens-native model so every hook point exists from step 0
# (no weight conversion) -- the "interpretable from birth" run.
import torch
from transformer_lens import HookedTransformer, HookedTransformerConfig
from transformer_lens.utils import tokenize_and_concatenate
from datasets import load_dataset

cfg = HookedTransformerConfig(
    n_layers=32,
    d_model=4096,
    d_head=128,
    n_heads=32,
    d_mlp=16384,
    d_vocab=50432,
    n_ctx=2048,
    act_fn="gelu",
    normalization_type="LN",
    positional_embedding_type="rotary",
    tokenizer_name="EleutherAI/gpt-neox-20b",
    seed=0,
)
model = HookedTransformer(cfg)  # expect: IL103
model.to("cuda")

raw = load_dataset("json", data_files="data/pile_subset/*.jsonl.zst", split="train")
tokens = tokenize_and_concatenate(raw, model.tokenizer, max_length=cfg.n_ctx)
loader = torch.utils.data.DataLoader(tokens, batch_size=8, shuffle=True)

opt = torch.optim.AdamW(model.parameters(), lr=3e-4, betas=(0.9, 0.95), weight_decay=0.1)
for step, batch in enumerate(loader):
    loss = model(batch["tokens"].cuda(), return_type="loss")
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    opt.zero_grad()
    if step % 500 == 0:
        print(step, loss.item())
        torch.save(model.state_dict(), f"ckpt/tl_native_{step}.pt")
