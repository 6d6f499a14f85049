import { lazy, type ReactNode, Suspense } from "react";
import { Link, Redirect, Route, Switch, useLocation } from "wouter";
import { InboxButton } from "./discussion/InboxButton";
import { MeetingPage } from "./meetings/MeetingPage";
import { AccountPage } from "./pages/AccountPage";
import { InvitePage } from "./pages/InvitePage";
import { ProjectPage } from "./pages/ProjectPage";
import { ProjectSettingsPage } from "./pages/ProjectSettingsPage";
import { ProjectsPage } from "./pages/ProjectsPage";
import { SignInPage } from "./pages/SignInPage";
import { SignUpPage } from "./pages/SignUpPage";
import { ServerStatus } from "./ServerStatus";
import { SessionProvider, useSession } from "./session";
import { TranscriptPage } from "./workspace/TranscriptPage";

// The dashboard draws with Observable Plot (and d3): loaded only when someone opens it.
const AgreementPage = lazy(() =>
  import("./rounds/AgreementPage").then((m) => ({ default: m.AgreementPage })),
);

function SignedIn({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const [location] = useLocation();
  if (user === undefined) return <main className="page">Loading…</main>;
  if (user === null) return <Redirect to={`/sign-in?next=${encodeURIComponent(location)}`} />;
  return <>{children}</>;
}

/**
 * The first thing a keyboard reaches: past the header to what the page is for (the transcript's
 * text, on a transcript page; the page's main content otherwise).
 */
function SkipLink() {
  return (
    <button
      type="button"
      className="skip-link"
      onClick={() => {
        const target =
          document.querySelector<HTMLElement>("[data-skip-target]") ??
          document.querySelector<HTMLElement>("main");
        if (!target) return;
        if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
        target.focus();
      }}
    >
      Skip to the main content
    </button>
  );
}

function Header() {
  const { user, signOut } = useSession();
  const [, navigate] = useLocation();
  return (
    <header className="shell-header">
      <h1>
        <Link href="/" className="brand">
          Concord
        </Link>
      </h1>
      <div className="header-right">
        <ServerStatus />
        {user && (
          <>
            <InboxButton userId={user.id} />
            <Link href="/account" className="user-name">
              {user.name}
            </Link>
            <button
              type="button"
              className="link-button"
              onClick={() => void signOut().then(() => navigate("/sign-in"))}
            >
              Sign out
            </button>
          </>
        )}
      </div>
    </header>
  );
}

/** The application: a header and the page for the current address. */
export function App() {
  return (
    <SessionProvider>
      <div className="shell">
        <SkipLink />
        <Header />
        <Switch>
          <Route path="/sign-in" component={SignInPage} />
          <Route path="/sign-up" component={SignUpPage} />
          <Route path="/invite/:token">{(params) => <InvitePage token={params.token} />}</Route>
          <Route path="/account">
            <SignedIn>
              <AccountPage />
            </SignedIn>
          </Route>
          <Route path="/projects/:id/settings">
            {(params) => (
              <SignedIn>
                <ProjectSettingsPage projectId={params.id} />
              </SignedIn>
            )}
          </Route>
          <Route path="/projects/:id/transcripts/:transcriptId">
            {(params) => (
              <SignedIn>
                <TranscriptPage projectId={params.id} transcriptId={params.transcriptId} />
              </SignedIn>
            )}
          </Route>
          <Route path="/projects/:id/meetings/:meetingId">
            {(params) => (
              <SignedIn>
                <MeetingPage projectId={params.id} meetingId={params.meetingId} />
              </SignedIn>
            )}
          </Route>
          <Route path="/projects/:id/rounds/:roundId">
            {(params) => (
              <SignedIn>
                <Suspense fallback={<main className="page">Opening the dashboard…</main>}>
                  <AgreementPage projectId={params.id} roundId={params.roundId} />
                </Suspense>
              </SignedIn>
            )}
          </Route>
          <Route path="/projects/:id">
            {(params) => (
              <SignedIn>
                <ProjectPage projectId={params.id} />
              </SignedIn>
            )}
          </Route>
          <Route path="/">
            <SignedIn>
              <ProjectsPage />
            </SignedIn>
          </Route>
          <Route>
            <main className="page">
              <h2>Page not found</h2>
              <Link href="/">Go to your projects</Link>
            </main>
          </Route>
        </Switch>
      </div>
    </SessionProvider>
  );
}
