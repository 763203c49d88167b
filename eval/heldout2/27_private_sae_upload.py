"""Back up trained pythia SAEs to the lab's private Hub org."""
import os

import torch
from huggingface_hub import HfApi, create_repo
from transformers import AutoModelForCausalLM

REPO = "interp-lab-internal/pythia-410m-saes"
LOCAL = os.environ.get("SAE_DIR", "./saes")


def main():
    api = HfApi(token=os.environ.get("HF_TOKEN"))
    create_repo(REPO, private=True, exist_ok=True)
    api.upload_folder(folder_path=LOCAL, repo_id=REPO, commit_message="nightly backup")

    model = AutoModelForCausalLM.from_pretrained("EleutherAI/pythia-410m")
    with torch.no_grad():
        for p in model.parameters():
            p.mul_(1.0)
    model.push_to_hub("interp-lab-internal/pythia-410m-copy", private=True)


if __name__ == "__main__":
    main()
