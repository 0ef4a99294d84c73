"""Python tiktoken's token-counting speed on a list of strings (the peer of bench/tokens-peer.bench.mjs).

Usage: python3 bench/tiktoken-peer.py RANKS.json STRINGS.json REPEATS
RANKS.json is the npm `tiktoken` package's encoders/<encoding>.json (no network needed). Counts the
first half of the strings as a warm-up, then times the second half REPEATS times; prints JSON:
{"tokens": <second-half token count>, "bytes": <UTF-8 bytes of the second half>, "seconds": [wall ..],
"cpu": <CPU seconds of the last repeat>}.
"""
import base64
import json
import sys
import time

import tiktoken

ranks_path, strings_path, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
spec = json.load(open(ranks_path, encoding="utf-8"))
ranks = {}
for line in spec["bpe_ranks"].split("\n"):
    if not line:
        continue
    _, offset, *tokens = line.split(" ")
    for i, tok in enumerate(tokens):
        ranks[base64.b64decode(tok)] = int(offset) + i
enc = tiktoken.Encoding(name="peer", pat_str=spec["pat_str"], mergeable_ranks=ranks, special_tokens=spec["special_tokens"])
strings = json.load(open(strings_path, encoding="utf-8"))
half = len(strings) // 2
for s in strings[:half]:
    enc.encode_ordinary(s)
timed = strings[half:]
seconds = []
cpu = 0.0
tokens = 0
for _ in range(repeats):
    t0 = time.perf_counter()
    c0 = time.process_time()
    tokens = 0
    for s in timed:
        tokens += len(enc.encode_ordinary(s))
    seconds.append(time.perf_counter() - t0)
    cpu = time.process_time() - c0
print(json.dumps({"tokens": tokens, "bytes": sum(len(s.encode("utf-8")) for s in timed), "seconds": seconds, "cpu": cpu}))
