import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-md px-4 py-24 text-center focus:outline-none">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">This page does not exist, or the link is no longer valid.</p>
      <Link href="/" className="text-brand-700 mt-6 inline-block hover:underline">
        Go to Kubeready
      </Link>
    </main>
  );
}
