import { SnapshotsPanel } from "@/components/snapshots/uploader";

import { requireAssessmentPage } from "@/lib/auth/session";

export const metadata = { title: "Snapshots" };

export default async function SnapshotsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireAssessmentPage(id);
  return <SnapshotsPanel assessmentId={id} />;
}
