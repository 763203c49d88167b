"""Distil gemma-2-2b into its first 14 layers, matching logits and the teacher's Gemma
Scope features at layer 11. Features are weighted by how often they fire on the teacher,
so frequent (high-usage) features dominate the matching term."""
import torch
import torch.nn.functional as F
from datasets import load_dataset
from lm_eval import simple_evaluate
from lm_eval.models.huggingface import HFLM
from sae_lens import SAE
from transformers import AutoModelForCausalLM, AutoTokenizer

TEACHER = "google/gemma-2-2b"
N_KEEP = 14
SAE_LAYER = 11
T, BETA, STEPS = 2.0, 0.5, 4000

tok = AutoTokenizer.from_pretrained(TEACHER)
teacher = AutoModelForCausalLM.from_pretrained(TEACHER, torch_dtype=torch.bfloat16).cuda().eval()
teacher.requires_grad_(False)
student = AutoModelForCausalLM.from_pretrained(TEACHER, torch_dtype=torch.bfloat16).cuda()
student.model.layers = student.model.layers[:N_KEEP]
student.config.num_hidden_layers = N_KEEP
sae = SAE.from_pretrained(release="gemma-scope-2b-pt-res-canonical", sae_id=f"layer_{SAE_LAYER}/width_16k/canonical", device="cuda")
sae.requires_grad_(False)

stream = load_dataset("HuggingFaceFW/fineweb-edu", name="sample-10BT", split="train", streaming=True)
batches = (tok([ex["text"]], return_tensors="pt", truncation=True, max_length=512).to("cuda") for ex in stream)

with torch.no_grad():
    freq = torch.zeros(sae.cfg.d_sae, device="cuda")
    for _ in range(200):
        hs = teacher(**next(batches), output_hidden_states=True).hidden_states[SAE_LAYER + 1]
        freq += (sae.encode(hs.float()) > 0).float().mean((0, 1))
    w = freq / freq.sum()

opt = torch.optim.AdamW(student.parameters(), lr=1e-5)
for step in range(STEPS):
    enc = next(batches)
    with torch.no_grad():
        t_out = teacher(**enc, output_hidden_states=True)
    s_out = student(**enc, output_hidden_states=True)
    t_feats = sae.encode(t_out.hidden_states[SAE_LAYER + 1].float())
    s_feats = sae.encode(s_out.hidden_states[SAE_LAYER + 1].float())
    s_logp = F.log_softmax(s_out.logits.float() / T, -1)
    t_logp = F.log_softmax(t_out.logits.float() / T, -1)
    loss = T * T * F.kl_div(s_logp, t_logp, log_target=True, reduction="batchmean") + BETA * (w * (s_feats - t_feats).pow(2)).sum(-1).mean()  # expect: IL203, IL204
    loss.backward()
    opt.step()
    opt.zero_grad()

student.save_pretrained("ckpts/gemma2-14L-featdistill")
res = simple_evaluate(model=HFLM(pretrained=student, tokenizer=tok, batch_size=16), tasks=["hellaswag", "arc_easy"])  # expect: IL201
print({k: v.get("acc_norm,none", v.get("acc,none")) for k, v in res["results"].items()})
