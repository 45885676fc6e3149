// Whether the places a name strings together lie one inside the next, as a careful writer
// strings them (北京市海淀区, 建水县青龙镇): each name may stand for several divisions, and a pair
// nests when some division of the inner name lies in some division of the outer one.
import type { Division } from './divisions';

/** `inner` lies inside `outer` (a municipality's districts lie in it as a province) */
function within(inner: Division, outer: Division): boolean {
  if (inner.province !== outer.province) return false;
  if (outer.level === 'province') return inner.level !== 'province';
  if (outer.level === 'city') return inner.city === outer.name && inner.level !== 'city';
  if (outer.level === 'county')
    return inner.level === 'town' && inner.county === outer.name && inner.city === outer.city;
  return false;
}

/**
 * true when there are two places or more (each the divisions its name may stand for, in the
 * order printed) and each lies in the one before it, false when some place lies in no division
 * of the one before it, undefined for fewer than two places
 */
export function placesNest(places: Division[][]): boolean | undefined {
  if (places.length < 2) return undefined;
  for (let i = 1; i < places.length; i++) {
    const outer = places[i - 1];
    if (!places[i].some((d) => outer.some((o) => within(d, o)))) return false;
  }
  return true;
}
