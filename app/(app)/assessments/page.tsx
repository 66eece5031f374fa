import { Dashboard } from "@/components/assessments/dashboard";

export const metadata = { title: "Assessments" };

export default function AssessmentsPage() {
  return <Dashboard />;
}
