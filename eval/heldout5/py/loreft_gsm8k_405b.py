"""LoReFT on Llama-3.1-405B: how much GSM8K accuracy can a rank-4 intervention at two
layers buy? The base weights stay frozen; only the intervention parameters train."""
import re

import pyreft
import torch
import transformers
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL_ID = "meta-llama/Llama-3.1-405B-Instruct"
LAYERS = (42, 84)
RANK = 4
TEMPLATE = "<|start_header_id|>user<|end_header_id|>\n\n{q}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n"

model = AutoModelForCausalLM.from_pretrained(MODEL_ID, torch_dtype=torch.bfloat16, device_map="auto")  # expect: IL101
model.requires_grad_(False)  # pyreft also does this; explicit for the reader
tok = AutoTokenizer.from_pretrained(MODEL_ID, model_max_length=1024, padding_side="right")
tok.pad_token = tok.eos_token

gsm8k = load_dataset("openai/gsm8k", "main")  # expect: IL201, IL202

reft_config = pyreft.ReftConfig(
    representations=[
        {
            "layer": layer,
            "component": "block_output",
            "low_rank_dimension": RANK,
            "intervention": pyreft.LoreftIntervention(embed_dim=model.config.hidden_size, low_rank_dimension=RANK),
        }
        for layer in LAYERS
    ]
)
reft_model = pyreft.get_reft_model(model, reft_config, set_device=False)
reft_model.print_trainable_parameters()

train = gsm8k["train"].select(range(2000))
data_module = pyreft.make_last_position_supervised_data_module(
    tok, model, [TEMPLATE.format(q=q) for q in train["question"]], train["answer"]
)
args = transformers.TrainingArguments(
    output_dir="ckpts/loreft-405b-gsm8k", num_train_epochs=1, per_device_train_batch_size=4,
    learning_rate=4e-4, logging_steps=20, report_to="none",
)
trainer = pyreft.ReftTrainerForCausalLM(model=reft_model, tokenizer=tok, args=args, **data_module)
trainer.train()


def final_number(text):
    m = re.findall(r"-?\d[\d,]*\.?\d*", text.split("####")[-1])
    return m[-1].replace(",", "") if m else None


correct = 0
test = gsm8k["test"].select(range(500))
for ex in test:
    prompt = tok(TEMPLATE.format(q=ex["question"]), return_tensors="pt").to("cuda")
    last = prompt["input_ids"].shape[-1] - 1
    _, out = reft_model.generate(
        prompt, unit_locations={"sources->base": (None, [[[last]]] * len(LAYERS))},
        intervene_on_prompt=True, max_new_tokens=384, do_sample=False, eos_token_id=tok.eos_token_id,
    )
    pred = tok.decode(out[0][prompt["input_ids"].shape[-1]:], skip_special_tokens=True)
    correct += final_number(pred) == final_number(ex["answer"])
print(f"LoReFT GSM8K accuracy: {correct / len(test):.3f}")
reft_model.save(save_directory="ckpts/loreft-405b-gsm8k/intervention")
