import type { Practitioner } from '../config/calendar';
import { fill } from '../content/copy';
import { copy } from './copy';

/**
 * The practitioner as the brief names them: the display name from
 * BOOKING_PRACTITIONERS when the settings give one, and a clear "to be
 * confirmed" otherwise (a plain id list names nobody), never a bare id such
 * as "practitioner-1".
 */
export function practitionerName(roster: readonly Pick<Practitioner, 'id' | 'name'>[], id: string): string {
  const named = roster.find((p) => p.id === id && p.name !== p.id);
  return named ? named.name : fill(copy().brief.labels.practitionerUnnamed, { id });
}
