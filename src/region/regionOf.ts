// A division → the record's region (GB/T 2260 code with province, city and county names). A
// township is recorded by its county, the finest level GB/T 2260 codes.
import type { Division } from './divisions';

export interface Region {
  code: string;
  province: string;
  city: string | null;
  county: string | null;
}

export function regionOf(d: Division | null | undefined): Region | null {
  if (!d) return null;
  const code = d.level === 'town' ? d.code.slice(0, 6) : d.code;
  return {
    code,
    province: d.province,
    city: d.city,
    county: d.level === 'county' || d.level === 'town' ? d.county : null,
  };
}
