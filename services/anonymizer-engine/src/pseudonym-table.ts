import { normalizeValue } from './text.js';
import type { EntityType } from './types.js';

const PLACEHOLDER = /^<([A-Z_]+?)_(\d+)>$/;

/**
 * Consistent placeholders across a dataset: the same normalized value always gets the same
 * `<TYPE_n>`. Keys are the normalized value for PERSON and `TYPE:value` for other types.
 * A person named by one part only ("Dupont") reuses the placeholder of the single known full name
 * containing that part ("Jean Dupont"); a full name seen after one of its parts ("Dupont", then
 * "Jean Dupont") takes that part's placeholder unless another full name already did. Reports stay readable.
 */
export class PseudonymTable {
  private readonly map = new Map<string, string>();
  private readonly counters = new Map<string, number>();
  private readonly personParts = new Map<string, Set<string>>();
  /** Placeholders already given to a full (multi-part) name. */
  private readonly fullNames = new Set<string>();

  constructor(seed?: Iterable<[string, string]>) {
    if (seed) for (const [key, placeholder] of seed) this.set(key, placeholder);
  }

  private set(key: string, placeholder: string): void {
    this.map.set(key, placeholder);
    const m = PLACEHOLDER.exec(placeholder);
    if (m) {
      const type = m[1] as string;
      this.counters.set(type, Math.max(this.counters.get(type) ?? 0, Number(m[2])));
      if (type === 'PERSON') this.indexPerson(key, placeholder);
    }
  }

  private indexPerson(key: string, placeholder: string): void {
    const parts = key.split(' ');
    if (parts.length < 2) return;
    this.fullNames.add(placeholder);
    for (const part of parts) {
      if (part.length < 2) continue;
      let set = this.personParts.get(part);
      if (!set) this.personParts.set(part, (set = new Set()));
      set.add(placeholder);
    }
  }

  /** The placeholder for this value, creating the next `<TYPE_n>` the first time it is seen. */
  placeholder(type: EntityType, value: string): string {
    const normalized = normalizeValue(value);
    const key = type === 'PERSON' ? normalized : `${type}:${normalized}`;
    const known = this.map.get(key);
    if (known) return known;
    if (type === 'PERSON' && !normalized.includes(' ')) {
      const owners = this.personParts.get(normalized);
      if (owners && owners.size === 1) {
        const [only] = owners;
        if (only) return only;
      }
    }
    if (type === 'PERSON' && normalized.includes(' ')) {
      const fromParts = new Set<string>();
      for (const part of normalized.split(' ')) {
        const p = part.length >= 2 ? this.map.get(part) : undefined;
        if (p) fromParts.add(p);
      }
      const [only] = fromParts;
      if (fromParts.size === 1 && only && !this.fullNames.has(only)) {
        this.set(key, only);
        return only;
      }
    }
    const n = (this.counters.get(type) ?? 0) + 1;
    const placeholder = `<${type}_${n}>`;
    this.set(key, placeholder);
    return placeholder;
  }

  entries(): [string, string][] {
    return [...this.map.entries()];
  }

  get size(): number {
    return this.map.size;
  }

  toJSON(): [string, string][] {
    return this.entries();
  }
}

export function createPseudonymTable(seed?: Iterable<[string, string]>): PseudonymTable {
  return new PseudonymTable(seed);
}
