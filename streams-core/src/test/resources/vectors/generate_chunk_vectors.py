#!/usr/bin/env python3
"""Deterministic test vectors for Shade's key schedule and chunk envelope (v1).

An independent implementation of DESIGN.md ("Key schedule", "Chunk envelope
(type 0x11)", "Protocol details"), written without looking at the Java code.
All integers are big-endian; u32/u64 are 4/8 bytes.

    streamKey  = HKDF-SHA256(ikm=streamSecret, salt=streamId,
                             info="shade-stream/v1" 0x00 "master", L=32)
    laneKey[i] = HKDF-SHA256(ikm=streamKey, salt=streamId,
                             info="shade-stream/v1" 0x00 "lane" 0x00 || u32(i), L=32)
    header     = 0x11 | 0x01 | flags(bit0=isLast) | 0x00 | streamId(16)
                 | u32(laneId) | u64(seq) | u32(ctLen = len(plaintext) + 16)   (36 bytes)
    nonce      = u32(laneId) || u64(seq)                                         (12 bytes)
    envelope   = header || AES-256-GCM(laneKey[laneId], nonce, plaintext, aad=header)
                 (ciphertext || 16-byte tag)
    deviceKey  = HKDF-SHA256(ikm=identity private key (32 bytes), salt=empty,
                             info="shade-stream/v1" 0x00 "device-key", L=32)

Fixed inputs (no randomness):
    streamSecret       = bytes 0x00..0x1f
    streamId           = bytes 0xa0..0xaf
    identityPrivateKey = bytes 0x40..0x5f (already a clamped X25519 scalar)
    plaintext of n bytes: byte i = (i*7 + 3) & 0xff

Self-checks: RFC 5869 test case 1, the info strings against the hex in
DESIGN.md, decryption of every envelope, and rejection of every single-bit
flip of every header (header used as AAD).

Usage: python3 generate_chunk_vectors.py   (rewrites chunk-v1.json next to this file)
"""
import json
import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

INFO_MASTER = b"shade-stream/v1\x00master"
INFO_LANE_PREFIX = b"shade-stream/v1\x00lane\x00"
INFO_DEVICE_KEY = b"shade-stream/v1\x00device-key"
HEADER_LEN, TAG_LEN = 36, 16


def u32(x):
    return struct.pack(">I", x)


def u64(x):
    return struct.pack(">Q", x)


def hkdf_sha256(ikm, salt, info, length=32):
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(ikm)


def lane_key(stream_key, stream_id, lane_id):
    return hkdf_sha256(stream_key, stream_id, INFO_LANE_PREFIX + u32(lane_id))


def header(stream_id, lane_id, seq, is_last, ct_len):
    h = bytes([0x11, 0x01, 0x01 if is_last else 0x00, 0x00]) + stream_id + u32(lane_id) + u64(seq) + u32(ct_len)
    assert len(h) == HEADER_LEN
    return h


def seal(key, stream_id, lane_id, seq, is_last, plaintext):
    hdr = header(stream_id, lane_id, seq, is_last, len(plaintext) + TAG_LEN)
    return hdr + AESGCM(key).encrypt(u32(lane_id) + u64(seq), plaintext, hdr)


def open_envelope(key, env):
    """Decrypt using the nonce and AAD taken from the envelope's own header."""
    hdr, body = env[:HEADER_LEN], env[HEADER_LEN:]
    lane_id, seq, ct_len = struct.unpack(">IQI", hdr[20:36])
    assert ct_len == len(body)
    return AESGCM(key).decrypt(u32(lane_id) + u64(seq), body, hdr)


def pattern(n):
    return bytes((i * 7 + 3) & 0xFF for i in range(n))


def self_check_primitives():
    # RFC 5869, A.1 (test case 1).
    okm = hkdf_sha256(bytes([0x0B] * 22), bytes(range(0x0D)), bytes(range(0xF0, 0xFA)), 42)
    assert okm.hex() == ("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c"
                         "5db02d56ecc4c5bf34007208d5b887185865"), okm.hex()
    # Info strings as given in hex in DESIGN.md "Protocol details".
    assert INFO_MASTER.hex() == "73686164652d73747265616d2f7631" "00" "6d6173746572"
    assert INFO_LANE_PREFIX.hex() == "73686164652d73747265616d2f7631" "00" "6c616e65" "00"


def self_check_envelope(key, env, plaintext):
    assert open_envelope(key, env) == plaintext
    for bit in range(HEADER_LEN * 8):
        bad = bytearray(env)
        bad[bit // 8] ^= 1 << (bit % 8)
        hdr = bytes(bad[:HEADER_LEN])
        try:  # keep the original nonce and length, so only the AAD differs
            AESGCM(key).decrypt(env[20:24] + env[24:32], bytes(bad[HEADER_LEN:]), hdr)
        except InvalidTag:
            continue
        raise AssertionError("header bit %d flip was not detected" % bit)


def main():
    self_check_primitives()
    stream_secret = bytes(range(0x00, 0x20))
    stream_id = bytes(range(0xA0, 0xB0))
    stream_key = hkdf_sha256(stream_secret, stream_id, INFO_MASTER)
    lane_keys = [lane_key(stream_key, stream_id, i) for i in range(4)]

    # (laneId, seq, isLast, plaintext length)
    cases = [
        (0, 0, False, 1024),           # full 1 KiB chunk, not last
        (0, 1, True, 1),               # 1-byte final chunk of lane 0
        (1, 0, True, 0),               # empty lane: one empty isLast chunk
        (2, 0, True, 1024),            # full-size chunk that is also the lane's last
        (3, 4294967301, False, 1),     # seq > 2^32
        (3, 4294967302, True, 0),      # empty isLast after a data chunk (round-robin)
    ]
    chunks = []
    for lane_id, seq, is_last, n in cases:
        pt = pattern(n)
        env = seal(lane_keys[lane_id], stream_id, lane_id, seq, is_last, pt)
        self_check_envelope(lane_keys[lane_id], env, pt)
        chunks.append({"laneId": lane_id, "seq": seq, "isLast": is_last,
                       "plaintext": pt.hex(), "envelope": env.hex()})

    identity_private_key = bytes(range(0x40, 0x60))
    device_key = hkdf_sha256(identity_private_key, b"", INFO_DEVICE_KEY)

    out = {
        "description": "Shade v1 key schedule and chunk envelope (type 0x11) vectors; "
                       "see README.md and generate_chunk_vectors.py. All values lowercase hex, "
                       "integers big-endian.",
        "streamSecret": stream_secret.hex(),
        "streamId": stream_id.hex(),
        "streamKey": stream_key.hex(),
        "laneKeysDescription": "laneKey = HKDF-SHA256(ikm=streamKey, salt=streamId, "
                               "info='shade-stream/v1' 00 'lane' 00 || u32(laneId), L=32)",
        "laneKeys": [{"laneId": i, "laneKey": k.hex()} for i, k in enumerate(lane_keys)],
        "chunksDescription": "envelope = header(36) || AES-256-GCM ciphertext || tag(16); "
                             "nonce = u32(laneId) || u64(seq); aad = header; "
                             "plaintext byte i = (i*7+3) & 0xff",
        "chunks": chunks,
        "deviceKey": {
            "description": "HKDF-SHA256(ikm=identityPrivateKey, salt=empty, "
                           "info='shade-stream/v1' 00 'device-key', L=32)",
            "identityPrivateKey": identity_private_key.hex(),
            "deviceKey": device_key.hex(),
        },
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "chunk-v1.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    print("wrote %s (%d chunks, all self-checks passed)" % (path, len(chunks)))


if __name__ == "__main__":
    main()
