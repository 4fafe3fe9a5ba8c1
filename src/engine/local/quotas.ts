// Resource quotas of the real service (spec §6.4); not adjustable locally.
export const QUOTAS = {
  domainsPerRegion: 3,
  watchlistsPerDomain: 3, // including the default watchlist
  fraudstersPerWatchlist: 500,
  speakersPerDomain: 100_000,
  tagsPerResource: 200,
} as const;

/** SUSPENDED domains are purged this long after DeleteDomain (spec §4.1, §9 #26). */
export const DOMAIN_RETENTION_MS = 30 * 24 * 3_600_000;
/** Speakers not accessed for 3 years are EXPIRED (spec §4.4, §9 #25). */
export const SPEAKER_EXPIRY_MS = 1095 * 24 * 3_600_000;
/** ClientTokens and NextTokens live 24 hours (spec §5, §7.6). */
export const TOKEN_LIFETIME_MS = 24 * 3_600_000;
