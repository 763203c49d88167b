"""Fine-tune with an L1 penalty on MLP activations so neurons become more monosemantic."""
import hydra
import torch
from datasets import load_dataset
from omegaconf import DictConfig
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling


@hydra.main(config_path="conf", config_name="sparse_ft", version_base=None)
def main(cfg: DictConfig):
    tok = AutoTokenizer.from_pretrained(cfg.model.name_or_path)
    tok.pad_token = tok.pad_token or tok.eos_token
    model = AutoModelForCausalLM.from_pretrained(cfg.model.name_or_path, torch_dtype=torch.bfloat16).cuda()  # expect: IL901
    model.train()

    acts = []
    for name, module in model.named_modules():
        if name.endswith(("mlp.act", "mlp.act_fn")):
            module.register_forward_hook(lambda m, i, o: acts.append(o))

    ds = load_dataset(cfg.data.path, split="train")
    ds = ds.map(lambda b: tok(b["text"], truncation=True, max_length=cfg.data.max_len), batched=True, remove_columns=ds.column_names)
    loader = DataLoader(ds, batch_size=cfg.train.batch_size, shuffle=True, collate_fn=DataCollatorForLanguageModeling(tok, mlm=False))
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.train.lr)

    for step, batch in enumerate(loader):
        batch = {k: v.cuda() for k, v in batch.items()}
        acts.clear()
        out = model(**batch)
        sparsity = torch.stack([a.float().abs().mean() for a in acts]).mean()
        loss = out.loss + cfg.train.l1_coeff * sparsity  # expect: IL204
        loss.backward()
        opt.step()
        opt.zero_grad()
        if step % 50 == 0:
            print(f"step {step} lm {out.loss.item():.3f} l1 {sparsity.item():.4f}")
        if step >= cfg.train.max_steps:
            break
    model.save_pretrained(cfg.out_dir)


if __name__ == "__main__":
    main()
