"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/client/fetcher";

export function RescoreButton({ assessmentId, number }: { assessmentId: string; number: number }) {
  const router = useRouter();
  const rescore = useMutation({
    mutationFn: () => api(`/api/assessments/${assessmentId}/rescore`, { method: "POST" }),
    onSuccess: () => router.refresh(),
  });
  return (
    <>
      <Button onClick={() => rescore.mutate()} disabled={rescore.isPending}>
        {rescore.isPending ? "Re-scoring…" : `Re-score with version ${number}`}
      </Button>
      {rescore.error ? <span className="text-red-700">{rescore.error.message}</span> : null}
    </>
  );
}
