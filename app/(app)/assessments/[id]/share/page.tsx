import { SharePanel } from "@/components/share/share-panel";

export const metadata = { title: "Share" };

export default async function SharePage({ params }: { params: Promise<{ id: string }> }) {
  return <SharePanel assessmentId={(await params).id} />;
}
