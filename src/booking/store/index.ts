/** Bookings behind an interface; the SQLite and Postgres rows live beside it. */
export * from './types';
