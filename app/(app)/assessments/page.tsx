import { Dashboard } from "@/components/assessments/dashboard";

import { requirePrincipal } from "@/lib/auth/session";

export const metadata = { title: "Assessments" };

export default async function AssessmentsPage() {
  await requirePrincipal();
  return <Dashboard />;
}
