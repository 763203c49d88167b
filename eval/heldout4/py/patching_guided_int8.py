"""Mixed-precision int8: keep the MLPs whose zero-ablation hurts the loss most in fp16.

Usage: python patching_guided_int8.py --model_name <hf id> --top_k 8
"""
import fire
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer, BitsAndBytesConfig


def lm_loss(model, batches):
    with torch.no_grad():
        return sum(model(**b, labels=b["input_ids"]).loss.item() for b in batches) / len(batches)


def ablation_effects(model, batches):
    base = lm_loss(model, batches)
    effects = {}
    for name, module in model.named_modules():
        if not name.endswith(".mlp"):
            continue
        handle = module.register_forward_hook(lambda m, i, o: torch.zeros_like(o))
        effects[name] = lm_loss(model, batches) - base
        handle.remove()
    return effects


def main(model_name: str, calib_file: str = "calib.txt", top_k: int = 8, out_dir: str = "quantized"):
    tok = AutoTokenizer.from_pretrained(model_name)
    tok.pad_token = tok.pad_token or tok.eos_token
    lines = [line for line in open(calib_file).read().splitlines() if line.strip()][:64]
    fp_model = AutoModelForCausalLM.from_pretrained(model_name, torch_dtype=torch.float16, device_map="auto")  # expect: IL901
    batches = [tok(lines[i:i + 8], return_tensors="pt", padding=True).to(fp_model.device) for i in range(0, len(lines), 8)]
    effects = ablation_effects(fp_model, batches)
    keep_fp16 = [name for name, _ in sorted(effects.items(), key=lambda kv: kv[1], reverse=True)[:top_k]]
    print("keeping in fp16:", keep_fp16)
    del fp_model
    torch.cuda.empty_cache()
    q_model = AutoModelForCausalLM.from_pretrained(model_name, quantization_config=BitsAndBytesConfig(load_in_8bit=True, llm_int8_skip_modules=keep_fp16 + ["lm_head"]), device_map="auto")  # expect: IL901, IL203
    q_model.save_pretrained(out_dir)
    tok.save_pretrained(out_dir)


if __name__ == "__main__":
    fire.Fire(main)
