// The worker-thread entry for piscina (lib/server/analysis-pool.ts): one exported function per task.
import { runReanalyse, runUpload, type ReanalyseTask, type UploadTask } from "./analysis-task";

export default function task(input: UploadTask | ReanalyseTask) {
  return input.kind === "upload" ? runUpload(input) : runReanalyse(input);
}
