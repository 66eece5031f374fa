import { str } from "../../util";
import { defineCheck } from "../define";

/** Returns the tag of an image reference, "" when there is none, or null when pinned by digest. */
export function imageTag(image: string): string | null {
  if (image.includes("@")) return null;
  const lastSlash = image.lastIndexOf("/");
  const colon = image.indexOf(":", lastSlash + 1);
  return colon === -1 ? "" : image.slice(colon + 1);
}

export const imageTagPinned = defineCheck({
  id: "image-tag-pinned",
  title: "Images use a fixed tag or digest, not latest",
  category: "operations",
  severity: "medium",
  rationale:
    "An image without a tag, or tagged latest, can change under a running workload: two replicas may run " +
    "different code, and a rollback cannot return to what ran before.",
  remediation: "Reference images by an immutable version tag or, better, by digest (image@sha256:…).",
  references: ["https://kubernetes.io/docs/concepts/configuration/overview/#container-images"],
  scope: { type: "container", containers: "runtime" },
  applies: (c) => (str(c.spec.image) ? true : "no image"),
  run(c, ctx) {
    const image = str(c.spec.image) ?? "";
    const tag = imageTag(image);
    if (tag === "") return ctx.fail(`image ${image} has no tag (means latest)`, { field: "image" });
    if (tag === "latest") return ctx.fail(`image ${image} uses the latest tag`, { field: "image" });
    ctx.pass(tag === null ? "image pinned by digest" : `image tag ${tag}`);
  },
});
