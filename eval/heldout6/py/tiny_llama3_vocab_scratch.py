# A 4-layer Llama trained from scratch on TinyStories with the Llama-3 tokenizer, so its
# SAE features can be matched token-for-token against SAEs on the real Llama-3.1-8B.
# We start from the 8B config to inherit rope/vocab/norm settings, then shrink it.
import torch
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import AutoConfig, AutoTokenizer, DataCollatorForLanguageModeling, LlamaForCausalLM

REF = "meta-llama/Llama-3.1-8B"

tok = AutoTokenizer.from_pretrained(REF)
tok.pad_token = tok.eos_token
cfg = AutoConfig.from_pretrained(REF)
cfg.num_hidden_layers = 4
cfg.hidden_size = 256
cfg.intermediate_size = 1024
cfg.num_attention_heads = 4
cfg.num_key_value_heads = 2
cfg.head_dim = 64
cfg.max_position_embeddings = 512
model = LlamaForCausalLM(cfg).cuda()
print(f"{sum(p.numel() for p in model.parameters()) / 1e6:.1f}M params")  # ~70M, mostly the 128k embeddings

ds = load_dataset("roneneldan/TinyStories", split="train")
ds = ds.map(lambda b: tok(b["text"], truncation=True, max_length=512), batched=True, remove_columns=["text"])
loader = DataLoader(ds, batch_size=64, shuffle=True, collate_fn=DataCollatorForLanguageModeling(tok, mlm=False))

opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.1)
model.train()
for step, batch in enumerate(loader):
    batch = {k: v.cuda() for k, v in batch.items()}
    with torch.autocast("cuda", dtype=torch.bfloat16):
        loss = model(**batch).loss
    loss.backward()
    opt.step()
    opt.zero_grad()
    if step % 200 == 0:
        print(step, round(loss.item(), 3))
    if step == 30_000:
        break

model.save_pretrained("ckpts/tinystories-llama3vocab-4L")
tok.save_pretrained("ckpts/tinystories-llama3vocab-4L")
