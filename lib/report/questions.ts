// Questions as people read them: reports name a question by its text; its id is for the API.
import { getQuestion } from "@/lib/engine/heuristic/questionnaire";

export const questionText = (id: string): string => getQuestion(id)?.label ?? id;
