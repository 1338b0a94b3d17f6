// Edwards25519 affine arithmetic in BigInt, slow and plain: an independent check of strict.ts.
export const P = 2n ** 255n - 19n;
const mod = (a: bigint): bigint => ((a % P) + P) % P;
const pow = (b: bigint, e: bigint): bigint => {
  let r = 1n;
  b = mod(b);
  for (; e > 0n; e >>= 1n, b = mod(b * b)) if (e & 1n) r = mod(r * b);
  return r;
};
const inv = (a: bigint): bigint => pow(a, P - 2n);
const D = mod(-121665n * inv(121666n));
const SQRT_M1 = pow(2n, (P - 1n) / 4n);

export type Point = readonly [bigint, bigint];
export const IDENTITY: Point = [0n, 1n];

export function littleEndian(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

/** RFC 8032 §5.1.3 decoding, or null; `y` may be non-canonical here (reduced mod p). */
export function decodePoint(bytes: Uint8Array, sign: 0 | 1): Point | null {
  const y = mod(littleEndian(bytes) & ((1n << 255n) - 1n));
  const u = mod(y * y - 1n);
  const v = mod(D * y * y + 1n);
  let x = mod(u * inv(v));
  let root = pow(x, (P + 3n) / 8n);
  if (mod(root * root) !== x) root = mod(root * SQRT_M1);
  if (mod(root * root) !== x) return null;
  if (root === 0n && sign === 1) return null;
  if (Number(root & 1n) !== sign) root = mod(-root);
  x = root;
  return [x, y];
}

export function add([x1, y1]: Point, [x2, y2]: Point): Point {
  const t = mod(D * x1 * x2 * y1 * y2);
  return [mod((x1 * y2 + y1 * x2) * inv(1n + t)), mod((y1 * y2 + x1 * x2) * inv(1n - t))];
}

export function times(n: number, p: Point): Point {
  let r = IDENTITY;
  for (let i = 0; i < n; i++) r = add(r, p);
  return r;
}
