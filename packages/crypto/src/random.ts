// The only randomness Seggio uses: the operating system's, through Web Crypto (R21). The function is
// captured once at load, and tweetnacl's replaceable PRNG (nacl.setPRNG) is never used: keys are made
// from seeds drawn here.

interface WebCryptoRandom {
  getRandomValues<T extends ArrayBufferView>(array: T): T;
}

const webCrypto = (globalThis as { crypto?: WebCryptoRandom }).crypto;
if (!webCrypto || typeof webCrypto.getRandomValues !== 'function') {
  throw new Error('no operating-system random source (crypto.getRandomValues) is available');
}
const getRandomValues = webCrypto.getRandomValues.bind(webCrypto);

const MAX_REQUEST = 65536;

export function osRandomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let o = 0; o < length; o += MAX_REQUEST) {
    getRandomValues(out.subarray(o, Math.min(length, o + MAX_REQUEST)));
  }
  return out;
}
