"""Does superposition shrink with width? Train Qwen2-shaped models from scratch at several
widths (same depth, same data) and fit SAEs on each afterwards (separate script)."""
import torch
from aim import Run
from datasets import load_dataset
from transformers import AutoTokenizer, Qwen2Config, Qwen2ForCausalLM

BASE_WIDTH = 128
WIDTH_MULTS = (2, 4, 12)
DEPTH = 28
TOKENS_PER_RUN = 2_000_000_000
SEQ, BS = 1024, 32
TOK = AutoTokenizer.from_pretrained("Qwen/Qwen2.5-0.5B")


def make_config(mult):
    hidden = BASE_WIDTH * mult
    return Qwen2Config(
        vocab_size=len(TOK),
        hidden_size=hidden,
        intermediate_size=hidden * 6,
        num_hidden_layers=DEPTH,
        num_attention_heads=mult,
        num_key_value_heads=2,
        max_position_embeddings=SEQ,
        tie_word_embeddings=True,
    )


def batches():
    ds = load_dataset("HuggingFaceFW/fineweb-edu", name="sample-10BT", split="train", streaming=True)
    buf = []
    for ex in ds:
        buf += TOK(ex["text"])["input_ids"] + [TOK.eos_token_id]
        while len(buf) >= SEQ * BS:
            yield torch.tensor(buf[: SEQ * BS]).view(BS, SEQ).cuda()
            buf = buf[SEQ * BS :]


def train_one(mult, run):
    model = Qwen2ForCausalLM(make_config(mult)).to("cuda", torch.bfloat16)  # expect: IL103
    n_params = sum(p.numel() for p in model.parameters())
    run[f"n_params_x{mult}"] = n_params
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3 / mult, betas=(0.9, 0.95))
    steps = TOKENS_PER_RUN // (SEQ * BS)
    for step, x in zip(range(steps), batches()):
        loss = model(input_ids=x, labels=x).loss
        loss.backward()
        opt.step()
        opt.zero_grad(set_to_none=True)
        if step % 100 == 0:
            run.track(loss.item(), name="loss", step=step, context={"width_mult": mult})
    model.save_pretrained(f"ckpts/width-sweep/x{mult}")


if __name__ == "__main__":
    run = Run(repo="aim://aim.interp-lab.internal:53800", experiment="width-sweep-superposition")  # expect: IL303
    run["hparams"] = {"base_width": BASE_WIDTH, "depth": DEPTH, "mults": list(WIDTH_MULTS)}
    for mult in WIDTH_MULTS:
        train_one(mult, run)
    run.close()
