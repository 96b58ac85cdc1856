// A page of a front end that uses the real next-auth/react client, as OpenML's Next.js app does,
// with /api/auth/* forwarded to the Java server. The browser test (auth-server's
// NextAuthReactClientTest) drives it through window.na and reads #status.
import { createElement as h } from "react";
import { createRoot } from "react-dom/client";
import { SessionProvider, useSession, signIn, signOut, getSession, getCsrfToken, getProviders } from "next-auth/react";

function Status({ required }) {
  const { data, status, update } = useSession(required ? { required: true } : undefined);
  // update() belongs to the hook; the test calls it through here.
  window.na.update = update;
  return h("pre", { id: "status", "data-status": status }, JSON.stringify({ status, session: data ?? null }));
}

window.na = { signIn, signOut, getSession, getCsrfToken, getProviders };
createRoot(document.getElementById("root")).render(
  h(SessionProvider, { refetchOnWindowFocus: false }, h(Status, { required: location.pathname === "/required" })),
);
