import { isDeepStrictEqual } from 'util';

/** Where `a` and `b` first differ (a JSON path and both values), or '' when equal. */
export function firstDifference(a: any, b: any, at: string): string {
  if (isDeepStrictEqual(a, b)) {
    return '';
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(a[k], b[k], `${at}/${k}`);
      if (d) {
        return d;
      }
    }
  }
  return ` at ${at || '/'}: ${JSON.stringify(a)?.slice(0, 200)} vs ${JSON.stringify(b)?.slice(0, 200)}`;
}

