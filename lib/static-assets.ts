/**
 * Files of public/ that pages link to, each under a URL carrying the first characters of its SHA-256: the
 * URL changes whenever the file does, so next.config.ts can serve these URLs as immutable for a year.
 * static-assets.test.ts fails when a file changes without its version here.
 */
export const STATIC_ASSETS = {
  icon: { file: "icon.svg", version: "cbbb9aec5b" },
  /** 1200×630, the Open Graph image of share links */
  ogImage: { file: "og.png", version: "72570383f6" },
  /** Geist and Geist Mono (OFL, public/fonts/OFL.txt), variable weight 100–900: app/globals.css links them. */
  fontSans: { file: "fonts/geist-sans-variable.woff2", version: "3626eba547" },
  fontMono: { file: "fonts/geist-mono-variable.woff2", version: "5d93ee6268" },
} as const;

type StaticAsset = (typeof STATIC_ASSETS)[keyof typeof STATIC_ASSETS];

/** The query parameter that marks a URL as versioned (next.config.ts matches on it). */
export const ASSET_VERSION_PARAM = "v";

export function assetUrl(asset: StaticAsset): string {
  return `/${asset.file}?${ASSET_VERSION_PARAM}=${asset.version}`;
}
