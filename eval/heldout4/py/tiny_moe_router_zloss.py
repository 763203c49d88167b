"""Train a tiny MoE on TinyStories to study expert specialisation (toy scale)."""
import torch
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import AutoTokenizer, DataCollatorForLanguageModeling, MixtralConfig, MixtralForCausalLM

tok = AutoTokenizer.from_pretrained("roneneldan/TinyStories-33M")
tok.pad_token = tok.eos_token
config = MixtralConfig(vocab_size=len(tok), hidden_size=256, intermediate_size=512, num_hidden_layers=4, num_attention_heads=8, num_key_value_heads=4, num_local_experts=8, num_experts_per_tok=2, max_position_embeddings=512, output_router_logits=True, router_aux_loss_coef=0.02)
model = MixtralForCausalLM(config).cuda()
print(f"{model.num_parameters() / 1e6:.1f}M parameters")

routing_counts = torch.zeros(config.num_hidden_layers, config.num_local_experts)


def count_routes(layer_idx):
    def hook(module, inputs, output):
        top = output[1].topk(config.num_experts_per_tok, dim=-1).indices.flatten().cpu()
        routing_counts[layer_idx] += torch.bincount(top, minlength=config.num_local_experts).float()
    return hook


for idx, layer in enumerate(model.model.layers):
    layer.block_sparse_moe.register_forward_hook(count_routes(idx))

ds = load_dataset("roneneldan/TinyStories", split="train[:200000]")
ds = ds.map(lambda b: tok(b["text"], truncation=True, max_length=256), batched=True, remove_columns=["text"])
loader = DataLoader(ds, batch_size=64, shuffle=True, collate_fn=DataCollatorForLanguageModeling(tok, mlm=False))
opt = torch.optim.AdamW(model.parameters(), lr=1e-3)

model.train()
for step, batch in enumerate(loader):
    out = model(**{k: v.cuda() for k, v in batch.items()})
    z_loss = torch.stack([torch.logsumexp(r.float(), dim=-1).pow(2).mean() for r in out.router_logits]).mean()
    loss = out.loss + 1e-3 * z_loss  # out.loss already includes the load-balancing aux loss
    loss.backward()
    opt.step()
    opt.zero_grad()
    if step % 200 == 0:
        print(step, out.loss.item(), z_loss.item())
torch.save({"model": model.state_dict(), "routing_counts": routing_counts}, "ckpts/tiny_moe.pt")
