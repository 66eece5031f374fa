// /assessments/{id}/checks/{checkId}: one check of the latest snapshot and every object it judged.
import { notFound } from "next/navigation";
import { CheckView } from "@/components/findings/check-view";
import { requireAssessmentPage } from "@/lib/auth/session";
import { AppError } from "@/lib/domain/errors";
import { checkObjects } from "@/lib/server/object-results";

export const metadata = { title: "Check" };

export default async function CheckPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; checkId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id, checkId } = await params;
  const principal = await requireAssessmentPage(id);
  const query = Object.fromEntries(
    Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
  );
  const page = await checkObjects(principal, id, checkId, query).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not-found") notFound();
    if (err instanceof AppError && err.code === "validation") return err.message;
    throw err;
  });
  if (typeof page === "string") {
    return (
      <p role="alert" className="text-sm text-red-700">
        {page}
      </p>
    );
  }
  return <CheckView assessmentId={id} page={page} />;
}
