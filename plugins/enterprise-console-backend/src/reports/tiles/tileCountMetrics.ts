/**
 * The metrics of `tile_counts`, as the triggers of migration
 * 20261122060000_console_tiles.js write them (a migration is never edited,
 * so it spells them itself; tilesMatchReports.test checks that it writes
 * exactly these):
 *
 * - `forms`: non-system forms per hour of submission, whoever submitted them;
 * - `sms`: messages per hour sent;
 * - `web-users` / `mobile-workers`: active users of the kind (hour 0);
 * - `feeds`: data feeds (hour 0).
 */
export const TILE_COUNT_METRICS = [
  'forms',
  'sms',
  'web-users',
  'mobile-workers',
  'feeds',
] as const;

/** A metric of `tile_counts`: the type rejects any other name. */
export type TileCountMetric = (typeof TILE_COUNT_METRICS)[number];
