/** What one object's result says: its containers, the exemptions that made it exempt, its first messages. */
export function ResultDetails({
  containers,
  exemptions,
  messages,
}: {
  containers: readonly string[];
  exemptions: readonly { source: string; reason: string }[];
  messages: readonly string[];
}) {
  return (
    <>
      {containers.length > 0 ? <p>Containers: {containers.join(", ")}</p> : null}
      {exemptions.map((e) => (
        <p key={e.reason}>
          Exempt by{" "}
          {e.source === "admin exemption" ? "an admin exemption" : "the kubeready.io/exempt annotation"}:{" "}
          {e.reason}
        </p>
      ))}
      <ul className="list-disc pl-4">
        {messages.slice(0, 3).map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    </>
  );
}
