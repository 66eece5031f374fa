import { SnapshotsPanel } from "@/components/snapshots/uploader";

export const metadata = { title: "Snapshots" };

export default async function SnapshotsPage({ params }: { params: Promise<{ id: string }> }) {
  return <SnapshotsPanel assessmentId={(await params).id} />;
}
