// GET /api/checks — the check catalogue, generated from the engine's registry.
import { route } from "@/lib/api/route";
import { checkCatalogue } from "@/lib/engine";

export const GET = route({ access: "user" }, () => ({ checks: checkCatalogue() }));
