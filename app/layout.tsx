import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { preload } from "react-dom";
import "./globals.css";
import { PasswordSetProvider } from "@/components/sidebar/sign-out-button";
import { ThemeProvider } from "@/components/theme-provider";
import { Toaster } from "@/components/ui/sonner";
import { TooltipProvider } from "@/components/ui/tooltip";
import { passwordRequired } from "@/lib/auth/session";
import { assetUrl, STATIC_ASSETS } from "@/lib/static-assets";

export const metadata: Metadata = {
  title: "Speciale Playground",
  description: "A self-hosted playground for reasoning models",
  icons: { icon: { url: assetUrl(STATIC_ASSETS.icon), type: "image/svg+xml" } },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#1b1b1f" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The per-request CSP nonce set by proxy.ts. Reading headers() also renders every page per request, which
  // a nonce needs: a page prerendered at build time would carry no nonce and its scripts would be blocked.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  // Both faces are on every page's first screen (the text, and the parameter panel's values in mono):
  // fetched with the HTML instead of after the CSS. crossOrigin: fonts are always fetched in CORS mode, and a
  // preload only serves a request of the same mode.
  for (const font of [STATIC_ASSETS.fontSans, STATIC_ASSETS.fontMono]) {
    preload(assetUrl(font), { as: "font", type: "font/woff2", crossOrigin: "" });
  }
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="font-sans">
        <ThemeProvider
          attribute="class"
          defaultTheme="system"
          enableSystem
          disableTransitionOnChange
          nonce={nonce}
        >
          <PasswordSetProvider value={passwordRequired()}>
            <TooltipProvider>{children}</TooltipProvider>
          </PasswordSetProvider>
          <Toaster position="bottom-right" />
        </ThemeProvider>
      </body>
    </html>
  );
}
