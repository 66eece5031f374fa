// One analysis task as a plain function of its input (bundled as dist/analysis-worker.mjs): the pipeline
// bench runs it alone in a fresh process as the in-process baseline of an upload's analysis.
import { runReanalyse, runUpload, type ReanalyseTask, type UploadTask } from "./analysis-task";

export default function task(input: UploadTask | ReanalyseTask) {
  return input.kind === "upload" ? runUpload(input) : runReanalyse(input);
}
