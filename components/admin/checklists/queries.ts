"use client";

import { useQuery } from "@tanstack/react-query";
import type { ParamSpecDto } from "@/lib/client/check-params";
import { api } from "@/lib/client/fetcher";
import type { Category, Severity } from "@/lib/engine/types";

export interface VersionSummaryDto {
  id: string;
  number: number;
  status: "draft" | "published";
  publishedAt: string | null;
  publishedBy: { name: string } | null;
  itemCount: number;
}

export interface ChecklistDto {
  id: string;
  slug: string;
  name: string;
  description: string;
  /** Newest first. */
  versions: VersionSummaryDto[];
}

export interface ItemDto {
  id: string;
  key: string;
  position: number;
  kind: "automated" | "manual";
  checkId: string | null;
  question: string | null;
  title: string;
  category: Category;
  severity: Severity;
  weight: number;
  rationale: string;
  remediation: string;
  enabled: boolean;
  /** Parameter values for an automated item's check; null keeps the check's defaults. */
  params?: Record<string, unknown> | null;
}

export interface VersionDto {
  id: string;
  number: number;
  status: "draft" | "published";
  publishedAt: string | null;
  checklist: { id: string; slug: string; name: string };
  items: ItemDto[];
}

export interface VersionDiffDto {
  added: ItemDto[];
  removed: ItemDto[];
  changed: { key: string; title: string; changes: { field: string; before: unknown; after: unknown }[] }[];
}

export interface CheckDto {
  id: string;
  title: string;
  category: Category;
  severity: Severity;
  rationale: string;
  remediation: string;
  /** Thresholds a checklist item may set (empty for most checks). */
  params: ParamSpecDto[];
  /** Parts of a bundled check an exemption may target (resource-limits: cpu, memory). */
  concerns: string[];
}

export const checklistKeys = {
  all: ["admin", "checklists"] as const,
  list: () => [...checklistKeys.all, "list"] as const,
  detail: (id: string) => [...checklistKeys.all, "detail", id] as const,
  version: (versionId: string) => [...checklistKeys.all, "version", versionId] as const,
  diffs: () => [...checklistKeys.all, "diff"] as const,
  diff: (from: string, to: string) => [...checklistKeys.diffs(), from, to] as const,
};

export const checkKeys = { list: ["checks"] as const };

export function useChecks() {
  return useQuery({
    queryKey: checkKeys.list,
    queryFn: () => api<{ checks: CheckDto[] }>("/api/checks").then((r) => r.checks),
    // The catalogue only changes with a deployment.
    staleTime: Infinity,
  });
}

export function useChecklist(id: string) {
  return useQuery({
    queryKey: checklistKeys.detail(id),
    queryFn: () => api<{ checklist: ChecklistDto }>(`/api/admin/checklists/${id}`).then((r) => r.checklist),
  });
}

export function useChecklistVersion(versionId: string | null) {
  return useQuery({
    queryKey: checklistKeys.version(versionId ?? ""),
    queryFn: () =>
      api<{ version: VersionDto }>(`/api/admin/checklist-versions/${versionId}`).then((r) => r.version),
    enabled: versionId !== null,
  });
}
