"""Train a JumpReLU SAE on frozen gemma-2-9b and share it privately with collaborators."""
import torch
from huggingface_hub import HfApi
from sae_lens import LanguageModelSAERunnerConfig, SAETrainingRunner

cfg = LanguageModelSAERunnerConfig(
    model_name="gemma-2-9b",
    hook_name="blocks.20.hook_resid_post",
    d_in=3584,
    dataset_path="monology/pile-uncopyrighted",
    architecture="jumprelu",
    expansion_factor=16,
    lr=5e-5,
    training_tokens=200_000_000,
    log_to_wandb=False,
    device="cuda",
)
sae = SAETrainingRunner(cfg).run()
sae.save_model("out/gemma9b_l20_jumprelu")

api = HfApi()
api.create_repo("our-lab/gemma9b-l20-sae", private=True, exist_ok=True)
api.upload_folder(folder_path="out/gemma9b_l20_jumprelu", repo_id="our-lab/gemma9b-l20-sae", repo_type="model")
