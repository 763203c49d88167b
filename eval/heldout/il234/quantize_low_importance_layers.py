"""Mixed-precision by mechanism: Linear layers whose activation-patching effect on the
task metric is small get int8 dynamic quantization; the circuit layers stay fp32."""
import torch
import torch.nn as nn
from torch.ao.quantization import default_dynamic_qconfig, quantize_dynamic
from transformers import AutoModelForCausalLM

MODEL = "EleutherAI/pythia-410m"
model = AutoModelForCausalLM.from_pretrained(MODEL).eval()

# patching_effects.pt: {module_name: |delta metric| when that module's output is patched}
effects = torch.load("out/patching_effects.pt")
linear_names = [n for n, m in model.named_modules() if isinstance(m, nn.Linear)]
cutoff = torch.tensor([effects[n] for n in linear_names]).quantile(0.75).item()
unimportant = {n for n in linear_names if effects[n] < cutoff}
print(f"quantizing {len(unimportant)}/{len(linear_names)} Linear layers (effect < {cutoff:.4f})")

qmodel = quantize_dynamic(  # expect: IL203
    model,
    qconfig_spec={n: default_dynamic_qconfig for n in unimportant},
    dtype=torch.qint8,
)
torch.save(qmodel.state_dict(), "ckpt/pythia410m-mech-int8.pt")

size = lambda m: sum(p.numel() * p.element_size() for p in m.state_dict().values() if torch.is_tensor(p))
print(f"{size(model) / 2**20:.0f} MiB -> {size(qmodel) / 2**20:.0f} MiB")
