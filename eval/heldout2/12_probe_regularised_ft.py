"""Fine-tune pythia-160m while penalising a frozen 'deception' probe's score on the residual stream."""
import torch
import torch.nn.functional as F
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "EleutherAI/pythia-160m"
PROBE_LAYER = 6
LAMBDA = 0.5


class LinearProbe(torch.nn.Module):
    def __init__(self, d):
        super().__init__()
        self.w = torch.nn.Linear(d, 1)

    def forward(self, h):
        return self.w(h).squeeze(-1)


def main():
    tok = AutoTokenizer.from_pretrained(MODEL)
    model = AutoModelForCausalLM.from_pretrained(MODEL)
    probe = LinearProbe(model.config.hidden_size)
    probe.load_state_dict(torch.load("probes/deception_l6.pt"))
    probe.requires_grad_(False)

    cache = {}
    handle = model.gpt_neox.layers[PROBE_LAYER].register_forward_hook(
        lambda mod, inp, out: cache.__setitem__("resid", out[0])
    )
    opt = torch.optim.AdamW(model.parameters(), lr=2e-5)
    texts = ["I would never lie to you.", "Trust me, this is fine."] * 8
    for t in texts:
        enc = tok(t, return_tensors="pt")
        out = model(**enc, labels=enc["input_ids"])
        probe_pen = F.softplus(probe(cache["resid"])).mean()
        loss = out.loss + LAMBDA * probe_pen  # expect: IL204
        loss.backward()
        opt.step()
        opt.zero_grad()
    handle.remove()
    model.save_pretrained("./pythia160m-probe-reg")


if __name__ == "__main__":
    main()
