package dev.shade.streams;

/** Big-endian integer packing for the wire formats. */
final class Bytes {
  private Bytes() {}

  static void putU32(byte[] dst, int offset, long value) {
    dst[offset] = (byte) (value >>> 24);
    dst[offset + 1] = (byte) (value >>> 16);
    dst[offset + 2] = (byte) (value >>> 8);
    dst[offset + 3] = (byte) value;
  }

  static void putU64(byte[] dst, int offset, long value) {
    putU32(dst, offset, value >>> 32);
    putU32(dst, offset + 4, value);
  }

  static long getU32(byte[] src, int offset) {
    return ((src[offset] & 0xffL) << 24) | ((src[offset + 1] & 0xffL) << 16)
        | ((src[offset + 2] & 0xffL) << 8) | (src[offset + 3] & 0xffL);
  }

  static long getU64(byte[] src, int offset) {
    return (getU32(src, offset) << 32) | getU32(src, offset + 4);
  }
}
