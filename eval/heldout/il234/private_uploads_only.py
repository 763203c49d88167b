"""Share SAE checkpoints with the two collaborating groups. Everything goes to
PRIVATE repos; access is granted per-user on the Hub."""
from datasets import Dataset
from huggingface_hub import HfApi, create_repo

REPO = "interp-lab/gpt2-saes-internal"

create_repo(REPO, private=True, exist_ok=True, repo_type="model")
api = HfApi()
api.upload_folder(folder_path="saes/gpt2_res_all_layers", repo_id=REPO, repo_type="model",
                  commit_message="all-layer residual SAEs (internal)")

# the feature explanations used in section 4, private as well
expl = Dataset.from_json("out/explanations_all_layers.jsonl")
expl.push_to_hub("interp-lab/gpt2-sae-explanations-internal", private=True)

print("uploaded; remember to add collaborators in the org settings")
print("TODO: decide on public release after the disclosure review")
print("public release would be: api.upload_folder(repo_id='interp-lab/gpt2-saes')")
