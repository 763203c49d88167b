"""Generate long CoT rollouts to look for 'aha' tokens; analysis happens offline."""
import json
import sys

from vllm import LLM, SamplingParams

N_SAMPLES = int(sys.argv[1]) if len(sys.argv) > 1 else 4

params = SamplingParams(temperature=0.6, top_p=0.95, max_tokens=8192, n=N_SAMPLES)
llm = LLM(  # expect: IL101
    model="deepseek-ai/DeepSeek-R1",
    tensor_parallel_size=8,
    trust_remote_code=True,
    max_model_len=16384,
)

problems = [json.loads(l) for l in open("data/puzzles.jsonl")]
outs = llm.generate([p["prompt"] for p in problems], params)

with open("out/r1_rollouts.jsonl", "w") as f:
    for p, o in zip(problems, outs):
        for c in o.outputs:
            f.write(json.dumps({"id": p["id"], "text": c.text, "n_tokens": len(c.token_ids)}) + "\n")

print(f"wrote {len(outs) * N_SAMPLES} rollouts")
