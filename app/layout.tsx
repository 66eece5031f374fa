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
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
