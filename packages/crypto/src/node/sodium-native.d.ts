// The part of sodium-native 5.1.0 (libsodium) that the Node backend calls; the package ships no types.
// Outputs are written into the first argument, as in libsodium's C API.
declare module 'sodium-native' {
  type Bytes = ArrayBufferView;
  const sodium: {
    crypto_sign_seed_keypair(publicKey: Bytes, secretKey: Bytes, seed: Bytes): void;
    crypto_sign_detached(signature: Bytes, message: Bytes, secretKey: Bytes): void;
    crypto_sign_verify_detached(signature: Bytes, message: Bytes, publicKey: Bytes): boolean;
    crypto_scalarmult_base(publicKey: Bytes, secretKey: Bytes): void;
    /** Throws when libsodium returns an error (a small-order public key). */
    crypto_box_seal(ciphertext: Bytes, message: Bytes, publicKey: Bytes): void;
    crypto_box_seal_open(message: Bytes, ciphertext: Bytes, publicKey: Bytes, secretKey: Bytes): boolean;
    randombytes_buf(out: Bytes): void;
    sodium_memzero(bytes: Bytes): void;
    readonly crypto_box_SEALBYTES: number;
  };
  export default sodium;
}
