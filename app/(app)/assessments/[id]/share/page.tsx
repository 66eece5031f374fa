import { SharePanel } from "@/components/share/share-panel";

import { requireAssessmentPage } from "@/lib/auth/session";

export const metadata = { title: "Share" };

export default async function SharePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireAssessmentPage(id, "manage");
  return <SharePanel assessmentId={id} />;
}
