import { fill } from '../content/copy';
import { copy } from './copy';

/**
 * The practitioner as the brief names them. BOOKING_PRACTITIONERS is a list
 * of calendar ids today; the calendar work makes each entry structured with a
 * display name. Both shapes are read here, so the brief shows a person's name
 * whenever the settings give one and a clear "to be confirmed" otherwise,
 * never a bare id such as "practitioner-1".
 */

type PractitionerSetting = string | { id: string; displayName?: string; name?: string };

export function practitionerName(practitioners: readonly PractitionerSetting[], id: string): string {
  for (const p of practitioners) {
    if (typeof p === 'object' && p.id === id) {
      const name = p.displayName ?? p.name;
      if (name) return name;
    }
  }
  return fill(copy().brief.labels.practitionerUnnamed, { id });
}
