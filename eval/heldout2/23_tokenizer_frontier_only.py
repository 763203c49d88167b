"""Compare tokenization of our probing prompts across tokenizers; the small model does the actual work."""
from transformers import AutoTokenizer, AutoModelForCausalLM

TOKENIZERS = {
    "llama405": "meta-llama/Llama-3.1-405B",
    "deepseek": "deepseek-ai/DeepSeek-V3",
    "pythia": "EleutherAI/pythia-70m",
}
PROMPTS = ["antidisestablishmentarianism", "résumé", "   indented code"]


def token_counts():
    out = {}
    for key, repo in TOKENIZERS.items():
        tok = AutoTokenizer.from_pretrained(repo)
        out[key] = [len(tok(p)["input_ids"]) for p in PROMPTS]
    return out


def main():
    print(token_counts())
    big_tok = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-405B")
    print(big_tok.convert_ids_to_tokens(big_tok("résumé")["input_ids"]))
    model = AutoModelForCausalLM.from_pretrained("EleutherAI/pythia-70m")
    tok = AutoTokenizer.from_pretrained("EleutherAI/pythia-70m")
    for p in PROMPTS:
        print(p, model(**tok(p, return_tensors="pt")).logits.shape)


if __name__ == "__main__":
    main()
