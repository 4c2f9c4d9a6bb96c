import 'fake-indexeddb/auto';
import { openDatabase, type Database } from '@/utils/db/database';
import type { AnnotationTarget, HighlightColor } from '@/utils/model/types';
import type { NewAnnotation } from '@/utils/db/annotations';

export const T0 = Date.UTC(2026, 10, 27, 3, 0, 0);

export function freshDb(): Promise<Database> {
  return openDatabase({ name: `test-${Math.random()}` });
}

/** A target that really is `quote` at `start` of some page text. */
export function targetFor(quote: string, start = 0, prefix = '', suffix = ''): AnnotationTarget {
  return {
    scope: 'article',
    quote: { type: 'TextQuoteSelector', exact: quote, prefix, suffix },
    position: { type: 'TextPositionSelector', start, end: start + quote.length },
  };
}

export function highlight(articleUrl: string, quote: string, extra: Partial<NewAnnotation> & { start?: number; color?: HighlightColor } = {}): NewAnnotation {
  const { start, ...rest } = extra;
  return { articleUrl, target: targetFor(quote, start ?? 0), color: 'yellow', ...rest };
}

export const HANOI = 'https://hanoi.gov.vn/tin-tuc/lan-toa-phong-trao-hoc-tap-4230612101530123.htm';
export const BCP = 'https://baochinhphu.vn/thu-tuong-chu-tri-hoi-nghi-102250828203600123.htm';
