import { createHash, timingSafeEqual } from 'node:crypto';

/** How many codes or sessions stay live at once; the oldest goes first. */
const MAX_LIVE = 16;

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Digests of live secrets (codes or session tokens), oldest first, at most MAX_LIVE. */
export class SecretSet {
  readonly #live = new Map<string, number>();

  add(secret: string, expiresAt: number): void {
    this.#live.set(digest(secret).toString('hex'), expiresAt);
    while (this.#live.size > MAX_LIVE) this.#live.delete(this.#live.keys().next().value as string);
  }

  /** True when `candidate` is live; `consume` removes it (a one-time code). Compared in constant time. */
  has(candidate: string, now: number, consume = false): boolean {
    const wanted = digest(candidate);
    for (const [key, expiresAt] of this.#live) {
      if (expiresAt < now) {
        this.#live.delete(key);
        continue;
      }
      if (timingSafeEqual(Buffer.from(key, 'hex'), wanted)) {
        if (consume) this.#live.delete(key);
        return true;
      }
    }
    return false;
  }
}
