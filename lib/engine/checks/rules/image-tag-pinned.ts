import { perContainer, runtimeContainers } from "../helpers";
import { str } from "../../util";
import type { Check } from "../types";

/** Returns the tag of an image reference, "" when there is none, or null when pinned by digest. */
export function imageTag(image: string): string | null {
  if (image.includes("@")) return null;
  const lastSlash = image.lastIndexOf("/");
  const colon = image.indexOf(":", lastSlash + 1);
  return colon === -1 ? "" : image.slice(colon + 1);
}

export const imageTagPinned: Check = {
  id: "image-tag-pinned",
  title: "Images use a fixed tag or digest, not latest",
  category: "operations",
  severity: "medium",
  rationale:
    "An image without a tag, or tagged latest, can change under a running workload: two replicas may run " +
    "different code, and a rollback cannot return to what ran before.",
  remediation: "Reference images by an immutable version tag or, better, by digest (image@sha256:…).",
  references: ["https://kubernetes.io/docs/concepts/configuration/overview/#container-images"],
  evaluate: (ctx) =>
    perContainer(ctx, runtimeContainers, (_w, c) => {
      const image = str(c.spec.image);
      if (!image) return { skip: "no image" };
      const tag = imageTag(image);
      if (tag === "") return { fail: `image ${image} has no tag (means latest)`, field: "image" };
      if (tag === "latest") return { fail: `image ${image} uses the latest tag`, field: "image" };
      return { pass: tag === null ? "image pinned by digest" : `image tag ${tag}` };
    }),
};
