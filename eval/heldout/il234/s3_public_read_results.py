"""Sync probe results to S3. The summary table is public (linked from the blog post);
raw per-example activations stay in the private bucket."""
import json
import pathlib

import boto3

s3 = boto3.client("s3")
RESULTS = pathlib.Path("out/probe_results")

summary = {p.stem: json.loads(p.read_text())["test_acc"] for p in RESULTS.glob("*.json")}
body = json.dumps(summary, indent=1).encode()

s3.put_object(  # expect: IL301
    Bucket="interp-lab-public",
    Key="probes/summary.json",
    Body=body,
    ACL="public-read",
    ContentType="application/json",
)

for f in RESULTS.glob("*.npz"):
    s3.upload_file(str(f), "interp-lab-private", f"probes/raw/{f.name}")
print(f"synced {len(summary)} summaries, raw arrays kept private")
