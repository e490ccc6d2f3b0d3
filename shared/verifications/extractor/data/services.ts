/** Known services: optional hints about code shape (a small tie-breaking boost, never required). */
import type { ServiceFormat } from './types';

export const SERVICE_FORMATS: Readonly<Record<string, ServiceFormat>> = {
  google: { lengths: [6] },
  telegram: { lengths: [5] },
  whatsapp: { lengths: [6] },
  facebook: { lengths: [5, 6, 7, 8] },
  instagram: { lengths: [6] },
  apple: { lengths: [6] },
  uber: { lengths: [4] },
  steam: { alnumLength: 5 },
  signal: { lengths: [6] },
  discord: { lengths: [6] },
  amazon: { lengths: [6] },
  tiktok: { lengths: [6] },
  twitter: { lengths: [6] },
  paypal: { lengths: [6] },
  linkedin: { lengths: [6] },
  snapchat: { lengths: [6] },
  microsoft: { lengths: [4, 6, 7, 8] },
  netflix: { lengths: [4, 6] },
};

export const SERVICE_ALIASES: Readonly<Record<string, string>> = {
  x: 'twitter',
  fb: 'facebook',
  meta: 'facebook',
  ig: 'instagram',
  wa: 'whatsapp',
  msft: 'microsoft',
  outlook: 'microsoft',
};
