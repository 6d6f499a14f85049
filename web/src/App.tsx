import { ServerStatus } from "./ServerStatus";

/** The application shell. Projects, transcripts and coding arrive in later issues. */
export function App() {
  return (
    <div className="shell">
      <header className="shell-header">
        <h1>Concord</h1>
        <ServerStatus />
      </header>
      <main className="shell-main">
        <p className="lede">Code interview transcripts together, live.</p>
        <p>
          The server is running. Sign-in, projects and the transcript workspace are on their way; until then
          this page shows whether the server and its storage are healthy.
        </p>
      </main>
    </div>
  );
}
