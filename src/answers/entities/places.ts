import fs from 'node:fs';
import path from 'node:path';
import type CityTimezones from 'city-timezones';
import { isEuMember } from 'is-eu-member';
import type Countries from 'world-countries';
import { z } from 'zod';

/**
 * Places named in a message, each mapped to the EU or not, from maintained data:
 * - countries, their other spellings and what their people are called
 *   ("Dutch", "Irish") from `world-countries` (mledoze/countries);
 * - EU membership from `is-eu-member`;
 * - the larger cities (population 50 000 and more) from `city-timezones`;
 * - the home nations and names for the EU itself from content/answers/places.json.
 *
 * Two-letter codes ("NZ", "US") count only in capitals, and a city only in
 * capitals or after a word of place ("in cork"), so "us", "nice to have" and
 * "reading" stay words.
 */

export type Region = 'eu' | 'uk' | 'elsewhere';
export type PlaceMention = { name: string; region: Region; start: number; end: number };

const MIN_CITY_POPULATION = 50_000;
// Both are large JSON (3 MB together): loaded when the gazetteer is first built, not while the server starts.
const countries = (): typeof Countries => require('world-countries') as typeof Countries;
const cityTimezones = (): typeof CityTimezones => require('city-timezones') as typeof CityTimezones;
/** is-eu-member writes Greece as the EU does (EL), world-countries as ISO does (GR). */
const EU_CODE: Record<string, string> = { GR: 'EL' };

const PlacesSchema = z.strictObject({
  about: z.string(),
  names: z.record(z.string().min(2), z.string().regex(/^(?:[A-Z]{2}|EU)$/)),
  codes: z.record(z.string().regex(/^[A-Z]{2,3}$/), z.string().regex(/^[A-Z]{2}$/)),
  home: z.array(z.string().min(2)),
});
export const DEFAULT_PLACES_FILE = path.resolve(__dirname, '../../../content/answers/places.json');

type Kind = 'name' | 'code' | 'demonym' | 'city';
type Entry = { region: Region; kind: Kind };
/** Stronger kinds keep a name another kind also uses ("Luxembourg" the country over the city). */
const STRENGTH: Record<Kind, number> = { name: 3, code: 2, demonym: 1, city: 0 };

/** Words after a people's name that make it a place: "polish clients", "irish accounts". */
const PARTY_AFTER = /^\s+(?:clients?|customers?|users?|subsidiar(?:y|ies)|offices?|teams?|staff|market|markets|accounts?|compan(?:y|ies)|branch(?:es)?|operations?|entit(?:y|ies)|arm|partners?|sites?|public|citizens|residents|government|banks?)\b/i;
/** Words before a city in lower case that make it a place: "in cork", "from lisbon". */
const PLACE_BEFORE = /\b(?:in|from|to|across|around|near|outside|into|at|and)\s+$/i;

function regionOf(code: string): Region {
  if (code === 'EU') return 'eu';
  if (code === 'GB') return 'uk';
  return isEuMember(EU_CODE[code] ?? code) ? 'eu' : 'elsewhere';
}

const plainLetters = (text: string) => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');

export class Gazetteer {
  private readonly entries = new Map<string, Entry>();
  /** Words in the longest name, so a lookup tries no longer run of words. */
  private readonly longest: number;
  /** Words for "in our own country" (content/answers/places.json). */
  readonly home: readonly string[];

  constructor(file: string = DEFAULT_PLACES_FILE) {
    const content = PlacesSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    this.home = content.home;
    const add = (name: string, code: string, kind: Kind) => {
      const key = plainLetters(name).replace(/[^A-Za-z ]/g, ' ').replace(/\s+/g, ' ').trim();
      if (key.length < 2) return;
      // Short spellings ("IT", "HR", "AI") are acronyms far more often than countries: only the content's codes count.
      if (kind === 'name' && key.length <= 3) return;
      const actualKind = kind;
      const lower = key.toLowerCase();
      const existing = this.entries.get(lower);
      // Cities come biggest first, so an existing entry of the same strength stays.
      if (existing && STRENGTH[existing.kind] >= STRENGTH[actualKind]) return;
      this.entries.set(lower, { region: regionOf(code), kind: actualKind });
    };
    // The content file's names are written as people type them: any case, even two letters ("uk", "eu").
    for (const [name, code] of Object.entries(content.names)) this.entries.set(name.toLowerCase(), { region: regionOf(code), kind: 'name' });
    for (const [name, code] of Object.entries(content.codes)) this.entries.set(name.toLowerCase(), { region: regionOf(code), kind: 'code' });
    // Sovereign states before territories, larger first: "Dutch" is the Netherlands before Bonaire.
    const ordered = [...countries()].sort((a, b) => Number(b.independent) - Number(a.independent) || b.area - a.area);
    for (const country of ordered) {
      const code = country.cca2;
      add(country.name.common, code, 'name');
      add(country.name.official, code, 'name');
      for (const spelling of country.altSpellings) add(spelling, code, 'name');
      const demonyms = country.demonyms?.eng;
      if (demonyms) {
        add(demonyms.m, code, 'demonym');
        add(demonyms.f, code, 'demonym');
      }
      for (const capital of country.capital ?? []) add(capital, code, 'city');
    }
    const cities = [...cityTimezones().cityMapping].filter((c) => c.pop >= MIN_CITY_POPULATION && typeof c.iso2 === 'string').sort((a, b) => b.pop - a.pop);
    for (const city of cities) add(city.city_ascii, city.iso2, 'city');
    this.longest = Math.max(...[...this.entries.keys()].map((name) => name.split(' ').length));
  }

  /** Places named in `text` (the raw message), longest names first, no overlaps. */
  find(text: string): PlaceMention[] {
    const found: PlaceMention[] = [];
    const plain = plainLetters(text);
    const words = [...plain.matchAll(/[A-Za-z]+/g)].map((m) => ({ word: m[0], start: m.index ?? 0 }));
    for (let i = 0; i < words.length; i++) {
      // Longest name first: "Northern Ireland" before "Ireland".
      for (let n = Math.min(this.longest, words.length - i); n >= 1; n--) {
        const first = words[i];
        const last = words[i + n - 1];
        const name = plain.slice(first.start, last.start + last.word.length);
        if (n > 1 && /[^A-Za-z\s]/.test(name)) continue;
        const entry = this.entries.get(name.toLowerCase().replace(/\s+/g, ' '));
        if (!entry || !this.counts(entry, name, plain, first.start, first.start + name.length)) continue;
        found.push({ name, region: entry.region, start: first.start, end: first.start + name.length });
        i += n - 1;
        break;
      }
    }
    return found;
  }

  private counts(entry: Entry, name: string, plain: string, start: number, end: number): boolean {
    const capitalised = /^[A-Z]/.test(name);
    return (
      entry.kind === 'name' ||
      (entry.kind === 'code' && name === name.toUpperCase()) ||
      (entry.kind === 'demonym' && (capitalised || PARTY_AFTER.test(plain.slice(end)))) ||
      (entry.kind === 'city' && (capitalised || PLACE_BEFORE.test(plain.slice(Math.max(0, start - 12), start))))
    );
  }
}

let shared: Gazetteer | undefined;
export function gazetteer(): Gazetteer {
  shared ??= new Gazetteer();
  return shared;
}
