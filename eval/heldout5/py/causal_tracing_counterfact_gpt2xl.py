"""ROME-style causal tracing on gpt2-xl with nnsight: corrupt the subject embeddings, then
restore one layer's clean hidden state at the last subject token and measure recovery of
p(true object). Scored on CounterFact prompts only."""
import torch
from datasets import load_dataset
from nnsight import LanguageModel

model = LanguageModel("openai-community/gpt2-xl", device_map="cuda", dispatch=True)
N_LAYERS = model.config.n_layer
NOISE = 3 * 0.046  # 3x the embedding std reported for gpt2-xl
facts = load_dataset("NeelNanda/counterfact-tracing", split="train").select(range(200))


def subject_last_pos(prompt, subject):
    start = prompt.index(subject) + len(subject)
    return len(model.tokenizer(prompt[:start])["input_ids"]) - 1


def trace_fact(ex):
    prompt, target = ex["prompt"], ex["target_true"]
    tgt = model.tokenizer(target)["input_ids"][0]
    pos = subject_last_pos(prompt, ex["subject"])
    n_subj = len(model.tokenizer(ex["subject"])["input_ids"])

    with model.trace(prompt):
        clean = [model.transformer.h[layer].output[0].save() for layer in range(N_LAYERS)]
    scores = []
    for layer in range(N_LAYERS):
        with torch.no_grad(), model.trace(prompt):
            emb = model.transformer.wte.output
            emb[:, pos - n_subj + 1 : pos + 1] += NOISE * torch.randn_like(emb[:, pos - n_subj + 1 : pos + 1])
            model.transformer.h[layer].output[0][:, pos] = clean[layer][:, pos]
            prob = model.lm_head.output[0, -1].softmax(-1)[tgt].save()
        scores.append(prob.item())
    return scores


if __name__ == "__main__":
    grid = torch.tensor([trace_fact(ex) for ex in facts])
    torch.save(grid, "results/causal_trace_gpt2xl_counterfact.pt")
    print("peak layer:", grid.mean(0).argmax().item())
