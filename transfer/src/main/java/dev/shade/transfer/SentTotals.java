package dev.shade.transfer;

/** What a sender read: the stream's length and overall SHA-256 (hex). */
record SentTotals(long bytes, String sha256) {}
