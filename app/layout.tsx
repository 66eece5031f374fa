import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import "./globals.css";

// Every page carries a per-request CSP nonce (proxy.ts) that Next.js adds to its scripts while rendering;
// a page prerendered at build time would have none and its scripts would be blocked.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Kubeready", template: "%s · Kubeready" },
  description: "Do you need Kubernetes, and is your cluster ready for production?",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        {/* The first thing Tab reaches on every page; each page's <main id="main"> takes the focus. */}
        <a
          href="#main"
          className="focus:text-brand-700 sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:text-sm focus:font-medium focus:shadow-lg"
        >
          Skip to content
        </a>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
