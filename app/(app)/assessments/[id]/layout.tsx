import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AssessmentTabs } from "@/components/assessments/tabs";
import { AppError } from "@/lib/domain/errors";
import { ZId } from "@/lib/domain/schemas";
import { getAssessment } from "@/lib/server/assessments";

async function load(id: string) {
  if (!ZId.safeParse({ id }).success) notFound();
  try {
    return await getAssessment(id);
  } catch (err) {
    if (err instanceof AppError && err.code === "not-found") notFound();
    throw err;
  }
}

export default async function AssessmentLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  const assessment = await load(id);
  return (
    <div>
      <p className="text-sm">
        <Link href="/assessments" className="text-brand-700 hover:underline">
          ← All assessments
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">{assessment.name}</h1>
      <p className="mb-4 text-sm text-slate-600">
        {assessment.team ? `${assessment.team} · ` : ""}owned by {assessment.owner.name}
      </p>
      <AssessmentTabs id={id} />
      {children}
    </div>
  );
}
