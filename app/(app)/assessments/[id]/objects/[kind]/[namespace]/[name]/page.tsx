// /assessments/{id}/objects/{kind}/{namespace}/{name}: every result for one object of the latest
// snapshot, its owner and patches (`_` as the namespace of cluster-scoped objects).
import { notFound } from "next/navigation";
import { objectFromSegments } from "@/components/findings/links";
import { ObjectView } from "@/components/findings/object-view";
import { requireAssessmentPage } from "@/lib/auth/session";
import { AppError } from "@/lib/domain/errors";
import { objectResults } from "@/lib/server/object-results";

export const metadata = { title: "Object" };

export default async function ObjectPage({
  params,
}: {
  params: Promise<{ id: string; kind: string; namespace: string; name: string }>;
}) {
  const { id, ...segments } = await params;
  const principal = await requireAssessmentPage(id);
  const page = await objectResults(principal, id, objectFromSegments(segments)).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not-found") notFound();
    throw err;
  });
  return <ObjectView assessmentId={id} page={page} />;
}
