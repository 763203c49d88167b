"""Train a residual-stream SAE on Gemma-2-9B layer 20 and release it (Hub + public bucket mirror)."""
from google.cloud import storage
from sae_lens import LanguageModelSAERunnerConfig, SAETrainingRunner, upload_saes_to_huggingface

HOOK = "blocks.20.hook_resid_post"
HF_REPO = "interp-lab/gemma-2-9b-res-sae-l20"
BUCKET = "interp-lab-public-artifacts"
LOCAL = "release/gemma-2-9b-l20"

cfg = LanguageModelSAERunnerConfig(
    model_name="gemma-2-9b",
    hook_name=HOOK,
    hook_layer=20,
    d_in=3584,
    dataset_path="monology/pile-uncopyrighted",
    is_dataset_tokenized=False,
    streaming=True,
    context_size=1024,
    expansion_factor=16,
    l1_coefficient=5.0,
    lr=5e-5,
    training_tokens=500_000_000,
    train_batch_size_tokens=4096,
    log_to_wandb=False,
    device="cuda",
    checkpoint_path="checkpoints/gemma9b-l20",
)
sae = SAETrainingRunner(cfg).run()
sae.save_model(LOCAL)

upload_saes_to_huggingface({HOOK: sae}, hf_repo_id=HF_REPO)  # expect: IL301

bucket = storage.Client().bucket(BUCKET)
for fname in ["cfg.json", "sae_weights.safetensors"]:
    blob = bucket.blob(f"saes/gemma-2-9b/l20/{fname}")
    blob.upload_from_filename(f"{LOCAL}/{fname}")
    blob.make_public()  # expect: IL301
print("mirror:", bucket.blob("saes/gemma-2-9b/l20/cfg.json").public_url)
