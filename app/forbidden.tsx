import Link from "next/link";

export const metadata = { title: "Not allowed" };

export default function Forbidden() {
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-md px-4 py-16 text-center focus:outline-none">
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <p className="mt-2 text-sm text-slate-600">
        Your account cannot open this page. Ask an administrator, or the assessment&apos;s owner, if you need
        access.
      </p>
      <p className="mt-4 text-sm">
        <Link href="/assessments" className="text-brand-700 hover:underline">
          Back to your assessments
        </Link>
      </p>
    </main>
  );
}
