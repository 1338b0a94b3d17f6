"""libsodium through Debian's python3-nacl: the independent implementation Seggio is checked against.

Reads one JSON request on stdin, {"ops": [...]}, and writes {"results": [...]}. Bytes are base64.
"""
import base64
import json
import sys
import time

import nacl.bindings as sodium


def b(s):
    return base64.b64decode(s, validate=True)


def e(x):
    return base64.b64encode(x).decode()


def run(op):
    kind = op["op"]
    if kind == "box_keypair":
        pk, sk = sodium.crypto_box_keypair()
        return {"publicKey": e(pk), "secretKey": e(sk)}
    if kind == "seal":
        return {"ciphertext": e(sodium.crypto_box_seal(b(op["message"]), b(op["publicKey"])))}
    if kind == "open":
        sk = b(op["secretKey"])
        pk = sodium.crypto_scalarmult_base(sk)
        try:
            return {"message": e(sodium.crypto_box_seal_open(b(op["ciphertext"]), pk, sk))}
        except Exception as error:  # noqa: BLE001 - report any refusal as a value
            return {"error": str(error)}
    if kind == "sign_keypair":
        pk, sk = sodium.crypto_sign_seed_keypair(sodium.randombytes(32))
        return {"publicKey": e(pk), "secretKey": e(sk[:32])}
    if kind == "sign":
        seed = b(op["secretKey"])
        _, sk = sodium.crypto_sign_seed_keypair(seed)
        return {"signature": e(sodium.crypto_sign(b(op["message"]), sk)[:64])}
    if kind == "verify":
        try:
            sodium.crypto_sign_open(b(op["signature"]) + b(op["message"]), b(op["publicKey"]))
            return {"valid": True}
        except Exception:  # noqa: BLE001 - any refusal means not valid
            return {"valid": False}
    if kind == "bench":
        return bench(op)
    if kind == "bench_ballots":
        return bench_ballots(op)
    raise ValueError("unknown op " + kind)


def per_op(fn, items, rounds):
    best = None
    for _ in range(rounds):
        start = time.perf_counter()
        for item in items:
            fn(item)
        elapsed = (time.perf_counter() - start) / len(items)
        best = elapsed if best is None or elapsed < best else best
    return best * 1e6


def bench(op):
    """Microseconds per operation over the same messages, signatures and ciphertexts as the caller."""
    rounds = op.get("rounds", 3)
    seed = b(op["signingSecretKey"])
    sign_pk, sign_sk = sodium.crypto_sign_seed_keypair(seed)
    box_sk = b(op["boxSecretKey"])
    box_pk = sodium.crypto_scalarmult_base(box_sk)
    messages = [b(m) for m in op["messages"]]
    signed = [b(s) + m for s, m in zip(op["signatures"], messages)]
    sealed = [b(c) for c in op["ciphertexts"]]
    return {
        "sign": per_op(lambda m: sodium.crypto_sign(m, sign_sk), messages, rounds),
        "verify": per_op(lambda sm: sodium.crypto_sign_open(sm, sign_pk), signed, rounds),
        "seal": per_op(lambda m: sodium.crypto_box_seal(m, box_pk), messages, rounds),
        "open": per_op(lambda c: sodium.crypto_box_seal_open(c, box_pk, box_sk), sealed, rounds),
    }


def bench_ballots(op):
    """Ballots per second, one core: each ballot's booth signature verified and its box opened; the best
    round by the wall clock, and the mean by CPU time (steadier on a machine shared with other work)."""
    sk = b(op["urnaSecretKey"])
    pk = sodium.crypto_scalarmult_base(sk)
    work = [(b(x["signature"]) + b(x["message"]), b(x["booth"]), b(x["ct"])) for x in op["ballots"]]

    def one(item):
        signed, booth, ct = item
        sodium.crypto_sign_open(signed, booth)
        sodium.crypto_box_seal_open(ct, pk, sk)

    rounds = op.get("rounds", 3)
    cpu = time.process_time()
    started = time.time()
    wall = per_op(one, work, rounds)
    ended = time.time()
    cpu_per_ballot = (time.process_time() - cpu) / (rounds * len(work))
    # When the ballots were checked, by the clock shared with other processes: several of these run at
    # once give libsodium's figure on several cores (all ballots over the span from first start to last end).
    return {"ballotsPerSecond": 1e6 / wall, "cpuBallotsPerSecond": 1 / cpu_per_ballot, "ballots": rounds * len(work), "startedAt": started, "endedAt": ended}


if __name__ == "__main__":
    request = json.load(sys.stdin)
    json.dump({"results": [run(op) for op in request["ops"]]}, sys.stdout)
