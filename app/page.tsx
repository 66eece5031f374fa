import { redirect } from "next/navigation";
import { currentPrincipal } from "@/lib/auth/session";
import { countUsers } from "@/lib/server/users";

export const dynamic = "force-dynamic";

export default async function Home() {
  if ((await countUsers()) === 0) redirect("/setup");
  redirect((await currentPrincipal()) ? "/assessments" : "/login");
}
