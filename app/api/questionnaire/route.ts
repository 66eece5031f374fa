// GET /api/questionnaire — sections and questions (ids are a public contract).
import { route } from "@/lib/api/route";
import { questionnaire } from "@/lib/engine/heuristic/questionnaire";

export const GET = route({ access: "user" }, () => ({ sections: questionnaire }));
