import { useEffect, useState } from 'react';

export type Route =
  | { page: 'processings' }
  | { page: 'processing'; id: string }
  | { page: 'operations'; processingId: string }
  | { page: 'operation'; id: string }
  | { page: 'notFound' };

const enc = encodeURIComponent;

export const href = {
  processings: () => '#/',
  processing: (id: string) => `#/processings/${enc(id)}`,
  operations: (processingId: string) => `#/processings/${enc(processingId)}/operations`,
  operation: (id: string) => `#/operations/${enc(id)}`,
};

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decode);
  if (parts.some((p) => p === null)) return { page: 'notFound' };
  const [a, b, c, ...rest] = parts as string[];
  if (rest.length > 0) return { page: 'notFound' };
  if (a === undefined || (a === 'processings' && b === undefined)) return { page: 'processings' };
  if (a === 'processings' && b !== undefined && c === undefined) return { page: 'processing', id: b };
  if (a === 'processings' && b !== undefined && c === 'operations') return { page: 'operations', processingId: b };
  if (a === 'operations' && b !== undefined && c === undefined) return { page: 'operation', id: b };
  return { page: 'notFound' };
}

export function navigate(to: string): void {
  location.hash = to;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
