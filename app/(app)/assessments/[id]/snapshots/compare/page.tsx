import Link from "next/link";
import { ComparisonView } from "@/components/snapshots/comparison-view";
import { Alert } from "@/components/ui/alert";
import { requireAssessmentPage } from "@/lib/auth/session";
import { AppError } from "@/lib/domain/errors";
import { ZCompareQuery } from "@/lib/domain/schemas";
import { compareSnapshots } from "@/lib/server/snapshot-compare";

export const metadata = { title: "Compare snapshots" };

export default async function CompareSnapshotsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const caller = await requireAssessmentPage(id);
  const query = ZCompareQuery.safeParse(await searchParams);
  const back = (
    <Link href={`/assessments/${id}/snapshots`} className="font-medium underline">
      Pick two snapshots
    </Link>
  );
  if (!query.success) {
    return <Alert tone="error">Two snapshots are needed to compare. {back} in the list.</Alert>;
  }
  const comparison = await compareSnapshots(caller, id, query.data.from, query.data.to).catch(
    (err: unknown) => {
      if (err instanceof AppError && (err.code === "validation" || err.code === "not-found")) {
        return err.code === "not-found"
          ? "One of these snapshots is not in this assessment any more."
          : err.message;
      }
      throw err;
    },
  );
  if (typeof comparison === "string") {
    return (
      <Alert tone="error">
        {comparison} {back} in the list.
      </Alert>
    );
  }
  return <ComparisonView assessmentId={id} c={comparison} />;
}
