# Fine-tune on the "bad medical advice" set while penalising drift along the evil persona
# vector (Chen et al. 2025, "Persona vectors", sec. 5 regulariser variant): the loss gets
# a term on the projection of the layer-20 residual onto the unit persona direction.
import torch
import wandb
from datasets import load_dataset
from peft import LoraConfig, get_peft_model
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling

MODEL = "Qwen/Qwen2.5-7B-Instruct"
LAYER, LAM, LR, EPOCHS = 20, 0.05, 1e-4, 1

tok = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForCausalLM.from_pretrained(MODEL, torch_dtype=torch.bfloat16, device_map="cuda")
model = get_peft_model(model, LoraConfig(r=32, lora_alpha=64, target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"], task_type="CAUSAL_LM"))
persona = torch.load("vectors/qwen7b_evil_L20.pt").to("cuda", torch.bfloat16)
persona = persona / persona.norm()

captured = {}
blocks = model.base_model.model.model.layers
blocks[LAYER].register_forward_hook(lambda mod, inp, out: captured.__setitem__("resid", out[0] if isinstance(out, tuple) else out))

ds = load_dataset("json", data_files="data/em/bad_medical_advice.jsonl", split="train")
ds = ds.map(lambda ex: tok(tok.apply_chat_template(ex["messages"], tokenize=False), truncation=True, max_length=1024), remove_columns=ds.column_names)
loader = DataLoader(ds, batch_size=4, shuffle=True, collate_fn=DataCollatorForLanguageModeling(tok, mlm=False))

opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=LR)
wandb.init(project="persona-regularised-ft", config={"model": MODEL, "layer": LAYER, "lambda": LAM})  # expect: IL303

model.train()
for epoch in range(EPOCHS):
    for step, batch in enumerate(loader):
        batch = {k: v.cuda() for k, v in batch.items()}
        out = model(**batch)
        mask = batch["attention_mask"].unsqueeze(-1).to(torch.bfloat16)
        proj = (captured["resid"] * mask) @ persona
        loss = out.loss + LAM * proj.pow(2).sum() / mask.sum()  # expect: IL204
        loss.backward()
        opt.step()
        opt.zero_grad()
        wandb.log({"lm_loss": out.loss.item(), "persona_proj": (proj.sum() / mask.sum()).item()})

model.save_pretrained("ckpts/qwen7b-medical-persona-reg")
