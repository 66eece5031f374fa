export function Forbidden() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-2xl font-semibold">Administrators only</h1>
      <p className="mt-2 text-sm text-slate-600">
        You are signed in as a member. Ask an administrator if you need access to this page.
      </p>
    </div>
  );
}
