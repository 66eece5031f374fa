"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/fetcher";

export interface AssessmentDto {
  id: string;
  name: string;
  team: { id: string; name: string };
  version: number;
  createdAt: string;
  updatedAt: string;
  needScore: number | null;
  needVerdict: string | null;
  readinessScore: number | null;
  readinessGrade: string | null;
  owner: { id: string; name: string };
  /** Owner, the team's maintainers and administrators may rename, delete and share it. */
  canManage: boolean;
}

export interface TeamDto {
  id: string;
  name: string;
  isDefault: boolean;
  createdAt: string;
  memberCount: number;
  assessmentCount: number;
  /** The caller's role; null for an administrator outside the team. */
  myRole: "member" | "maintainer" | null;
}

export const assessmentKeys = {
  all: ["assessments"] as const,
  list: () => [...assessmentKeys.all, "list"] as const,
  detail: (id: string) => [...assessmentKeys.all, "detail", id] as const,
  answers: (id: string) => [...assessmentKeys.all, "answers", id] as const,
  snapshots: (id: string) => [...assessmentKeys.all, "snapshots", id] as const,
  report: (id: string) => [...assessmentKeys.all, "report", id] as const,
  shareLinks: (id: string) => [...assessmentKeys.all, "share-links", id] as const,
  checklistAnswers: (id: string) => [...assessmentKeys.all, "checklist-answers", id] as const,
};

/** Teams: shared by the dashboard (which team a new assessment goes to) and the admin Teams page. */
export const teamKeys = {
  all: ["teams"] as const,
  mine: () => [...teamKeys.all, "mine"] as const,
  detail: (id: string) => [...teamKeys.all, "detail", id] as const,
};

/** The caller's teams (every team for administrators), default team first. */
export function useMyTeams() {
  return useQuery({
    queryKey: teamKeys.mine(),
    queryFn: () => api<{ teams: TeamDto[] }>("/api/teams").then((r) => r.teams),
  });
}

export function useAssessment(id: string) {
  return useQuery({
    queryKey: assessmentKeys.detail(id),
    queryFn: () => api<{ assessment: AssessmentDto }>(`/api/assessments/${id}`).then((r) => r.assessment),
  });
}
